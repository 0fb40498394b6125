using AllianceBot.Dialogs.Rounds.Schedules;
using AllianceBot.Data;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Dialogs.Tests.HealthCheck;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AllianceBot.Dialogs.Tests.Alliances;

/// <summary>
/// The dialogs on a real SQLite database in a temp folder, wired like the bot wires them (AddStorage, migrations at
/// start, AddDialogServices + AddDialogStorage, the health check and the pulse). Only the edges are doubles: the round control (a Moq mock; the real
/// one, Dialogs/Rounds/RoundControl.cs, is tested in RoundControlTests), the export links, and the Teams roster (the Teams cloud cannot run here).
/// </summary>
public sealed class AllianceTestHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly string folder = Directory.CreateTempSubdirectory("alliances-").FullName;

    private AllianceTestHost(FakeRosterSource roster)
    {
        Roster = roster;
        Rounds.Setup(r => r.ScheduleAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero));
        Rounds.Setup(r => r.ChangeScheduleAsync(It.IsAny<Guid>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Guid _, string text, CancellationToken _) =>
                // The port's answer as the round slice's RoundControl gives it: the real parser's error code and words.
                ScheduleParser.Parse(text, "Europe/Amsterdam", new DateOnly(2026, 3, 2)) is { Success: false } refused
                    ? new ScheduleChange(false, null, refused.Error.ToString()) { Detail = refused.Detail }
                    : new ScheduleChange(true, new DateTimeOffset(2026, 4, 7, 8, 0, 0, TimeSpan.Zero), null));
        Exports.Setup(e => e.For(It.IsAny<Guid>())).Returns((Guid id) => new ExportLink($"https://bot.example.com/export/{id:D}.csv?exp=1&sig=x", Time.GetUtcNow().AddDays(1)));

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder });
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.AddStorage();
        builder.Services.AddLogging();
        builder.Services.AddDialogServices(builder.Configuration);
        builder.Services.AddDialogStorage();
        builder.Services.AddAllianceDialogs();
        builder.Services.AddHealthCheck(builder.Configuration);
        builder.Services.AddSingleton<IHealthChartLinks, TestChartLinks>();
        builder.Services.AddPulse();
        builder.Services.AddSingleton(Rounds.Object);
        builder.Services.AddSingleton(Exports.Object);
        builder.Services.AddSingleton<IRosterSource>(roster);
        host = builder.Build();
    }

    public static async Task<AllianceTestHost> StartAsync()
    {
        var test = new AllianceTestHost(new FakeRosterSource());
        await test.host.StartAsync();
        return test;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public Mock<IRoundControl> Rounds { get; } = new();

    public Mock<IExportLinks> Exports { get; } = new();

    public FakeRosterSource Roster { get; }

    public Database Database => host.Services.GetRequiredService<Database>();

    public Data.JoinCodes.JoinCodeHasher JoinCodes => host.Services.GetRequiredService<Data.JoinCodes.JoinCodeHasher>();

    public AllianceBot.Dialogs.Routing.DialogRouter Router => host.Services.GetRequiredService<AllianceBot.Dialogs.Routing.DialogRouter>();

    public AllianceBot.Dialogs.Access.IRoomAudience Rooms => host.Services.GetRequiredService<AllianceBot.Dialogs.Access.IRoomAudience>();

    public Data.Outbox.IOutboxStore Outbox => host.Services.GetRequiredService<Data.Outbox.IOutboxStore>();

    public ITurnHandler Handler => host.Services.GetRequiredService<ITurnHandler>();

    public Transcript Transcript(TranscriptUser? user = null) => new(Handler, user);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>
/// Stands in for a Teams team's roster (the pagedmembers call needs the Teams cloud; Bot.Tests checks the real
/// connector paging). Returns whatever the test put in <see cref="Entries"/>.
/// </summary>
public sealed class FakeRosterSource : IRosterSource
{
    public List<RosterEntry> Entries { get; } = [];

    public string Channel => Data.Members.MemberIdentity.Teams;

    public Task<Roster> GetRosterAsync(Data.Members.ConversationReference conversation, CancellationToken cancellationToken) =>
        Task.FromResult(new Roster(RosterStatus.Ok, [.. Entries]));
}
