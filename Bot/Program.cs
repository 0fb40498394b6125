using AllianceBot.Bot.Charts;
using AllianceBot.Bot.Links;
using AllianceBot.Bot.Export;
using AllianceBot.Bot.Hosting;
using AllianceBot.Bot.Legal;
using AllianceBot.Bot.Report;
using AllianceBot.Bot.Slack;
using AllianceBot.Bot.Teams;
using AllianceBot.Data;
using AllianceBot.Dialogs;
using AllianceBot.Scheduling;

var builder = WebApplication.CreateBuilder(args);

// One-shot commands instead of the host: `migrate`, `teams-package`, `healthcheck` (Bot/Hosting/Commands.cs).
if (await Commands.TryRunAsync(args, builder.Configuration) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

// Every registration is checked when the container is built (a missing dependency or a scoped service held by a
// singleton fails start-up, in every environment), so the Add* calls below do not depend on their order.
builder.Host.UseDefaultServiceProvider(provider =>
{
    provider.ValidateOnBuild = true;
    provider.ValidateScopes = true;
});

// The one clock: every layer takes TimeProvider from here (tests put a FakeTimeProvider in its place).
builder.Services.AddSingleton(TimeProvider.System);

// Health checks, problem details; OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set.
builder.AddHosting();
builder.AddTelemetry();

builder.AddStorage();     // SQLite by default, PostgreSQL or SQL Server; migrations at start-up
builder.AddDialogs();     // channel-neutral conversation: intents, pulse, health check, alliances
builder.AddScheduling();  // rounds, reminders, closing, the rate-limited outbox dispatcher

// Channels, and what they serve under signed links.
builder.AddTeams();
builder.AddSlack();
builder.AddSignedLinks(); // one key and base URL for every signed link: charts, report, export
builder.AddCharts();
builder.AddExport();
builder.AddReport();      // the steering-committee report page (signed links, like the charts)
builder.AddLegalPages();  // /privacy and /terms, linked from the Teams manifest

var app = builder.Build();
app.MapHealth();
app.MapTeams();
app.MapSlack();
app.MapCharts();
app.MapExport();
app.MapReport();
app.MapLegalPages();

app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
