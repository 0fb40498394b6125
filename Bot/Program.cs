using AllianceBot.Bot.Charts;
using AllianceBot.Bot.Export;
using AllianceBot.Bot.Hosting;
using AllianceBot.Bot.Slack;
using AllianceBot.Bot.Teams;
using AllianceBot.Bot.Teams.Roster;
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

// Storage: provider from configuration (SQLite by default), migrations at start-up.
builder.AddStorage();

// Conversation logic: trust model, intents, dialogs (channel-neutral).
builder.AddDialogs();

// Rounds, reminders, closing, and the outbox dispatcher.
builder.AddScheduling();

// Channels and what they serve.
builder.AddTeams();
builder.AddTeamsRoster();
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
