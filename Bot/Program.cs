using AllianceBot.Bot.Charts;
using AllianceBot.Bot.Export;
using AllianceBot.Bot.Hosting;
using AllianceBot.Bot.Slack;
using AllianceBot.Bot.Teams;
using AllianceBot.Data;
using AllianceBot.Dialogs;
using AllianceBot.Scheduling;

var builder = WebApplication.CreateBuilder(args);

// `migrate`: apply database migrations by hand and exit (operators who do not migrate at start-up).
if (args is ["migrate", ..])
{
    Environment.ExitCode = await StorageSetup.MigrateAsync(builder.Configuration, Console.Out);
    return;
}

// Health checks, problem details.
builder.AddHosting();

builder.AddStorage();     // SQLite by default, PostgreSQL or SQL Server; migrations at start-up
builder.AddDialogs();     // channel-neutral conversation: intents, pulse, health check, alliances
builder.AddScheduling();  // rounds, reminders, closing, the rate-limited outbox dispatcher

// Channels, and what they serve under signed links.
builder.AddTeams();
builder.AddSlack();
builder.AddCharts();
builder.AddExport();

var app = builder.Build();
app.MapHealth();
app.MapTeams();
app.MapSlack();
app.MapCharts();
app.MapExport();

app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
