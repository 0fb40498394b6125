using AllianceBot.Dialogs.Channels;
using AllianceBot.Data;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Maintenance;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Tests.Support;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Scheduling.Tests.Maintenance;

/// <summary>The daily retention job over real SQLite: the Data layer's PruneAsync, on a timer driven by a FakeTimeProvider.</summary>
public sealed class RetentionPruningTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2029-06-01T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly string folder = Directory.CreateTempSubdirectory("alliancebot-maintenance-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task TheHostPrunesRoundsPastTheRetentionAfterTheFirstDelayAndThenEveryDay()
    {
        var time = new FakeTimeProvider(Start);
        using var host = BuildHost(time, new() { ["Scheduling:Maintenance:FirstRunDelay"] = "00:05:00" });
        await host.StartAsync();
        var database = host.Services.GetRequiredService<Database>();
        var rounds = await SeedAsync(database, new()
        {
            ["old"] = Start.AddMonths(-37),
            ["expires-tomorrow"] = Start.AddMonths(-36).AddHours(12),
            ["recent"] = Start.AddMonths(-1),
        });

        // Nothing before the first delay: the first run is planned for then (read, not waited for).
        Assert.Equal(Start + TimeSpan.FromMinutes(5), host.Services.GetRequiredService<RetentionPruning>().FirstRunAt);
        Assert.Equal(["expires-tomorrow", "old", "recent"], await SlotsAsync(database));

        time.Advance(TimeSpan.FromMinutes(5));
        await WaitUntilAsync(async () => (await SlotsAsync(database)).Count == 2);
        Assert.Equal(["expires-tomorrow", "recent"], await SlotsAsync(database));
        Assert.Equal(2, await OutboxRowsAsync(database));

        time.Advance(TimeSpan.FromDays(1));
        await WaitUntilAsync(async () => (await SlotsAsync(database)).Count == 1);
        Assert.Equal(["recent"], await SlotsAsync(database));
        Assert.Equal(1, await OutboxRowsAsync(database));
        Assert.Equal(3, rounds.Count);

        await host.StopAsync();
    }

    [Fact]
    public async Task RetentionMonthsComeFromTheStorageSettings()
    {
        var time = new FakeTimeProvider(Start);
        using var host = BuildHost(time, new() { ["Storage:RetentionMonths"] = "12" });
        await host.StartAsync();
        var database = host.Services.GetRequiredService<Database>();
        await SeedAsync(database, new() { ["13-months"] = Start.AddMonths(-13), ["11-months"] = Start.AddMonths(-11) });

        var report = await host.Services.GetRequiredService<RetentionPruning>().PruneOnceAsync(CancellationToken.None);

        Assert.Equal(1, report.Rounds);
        Assert.Equal(["11-months"], await SlotsAsync(database));
        await host.StopAsync();
    }

    [Fact]
    public void SwitchedOffThereIsNoPruning()
    {
        using var off = BuildHost(new FakeTimeProvider(Start), new() { ["Scheduling:Maintenance:Enabled"] = "false" });
        using var on = BuildHost(new FakeTimeProvider(Start), []);

        Assert.DoesNotContain(off.Services.GetServices<IHostedService>(), s => s is RetentionPruning);
        Assert.Contains(on.Services.GetServices<IHostedService>(), s => s is RetentionPruning);
    }

    [Fact]
    public void AnIntervalOutsideItsRangeStopsTheHostWithTheSettingsName()
    {
        using var host = BuildHost(new FakeTimeProvider(Start), new() { ["Scheduling:Maintenance:Interval"] = "00:00:01" });

        var error = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync().GetAwaiter().GetResult());
        Assert.Contains("Interval", error.Message, StringComparison.Ordinal);
    }

    private IHost BuildHost(FakeTimeProvider time, Dictionary<string, string?> settings)
    {
        var builder = SchedulingHost.Create(folder, time, new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = Path.Combine(folder, "data"),
            ["Scheduling:Enabled"] = "false",
            ["Outbox:Dispatcher:Enabled"] = "false",
        }, settings);
        return builder.Build();
    }

    /// <summary>An alliance with one round per slot, opened at the given time, each with a sent pulse in the outbox.</summary>
    private static async Task<Dictionary<string, Guid>> SeedAsync(Database database, Dictionary<string, DateTimeOffset> openings)
    {
        var none = CancellationToken.None;
        var contacts = new ContactStore(database);
        var outbox = new OutboxStore(database);
        var reference = new ConversationReference(MemberIdentity.Teams, "t1", "29:manager", "http://127.0.0.1/", "a:manager", "28:bot");
        var manager = await contacts.RecordSightingAsync(new ContactSighting(reference, "Manager", "en-US", null, Start), none);
        var alliance = await database.CreateAllianceAsync(new NewAlliance("Acme × Globex", manager.Id, "Acme", ["Globex"]), Start.AddYears(-4), none);
        var rounds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var (slot, openedAt) in openings)
        {
            var round = (await database.OpenRoundAsync(new NewRound(alliance.Alliance.Id, slot, RoundKind.Regular, "[]", openedAt, openedAt.AddDays(7)), none)).Round;
            rounds[slot] = round.Id;
            await outbox.EnqueueAsync([OutboxJson.Compose("pulse", reference, new MessageView(slot), openedAt, alliance.Alliance.Id, round.Id)], none);
        }

        // Sent recently, so only the round's age (not the finished-outbox rule) can remove these rows.
        foreach (var message in await outbox.ClaimAsync("seed", 100, Start, TimeSpan.FromMinutes(1), none))
        {
            await outbox.MarkSentAsync(message.Id, "1", Start, none);
        }

        return rounds;
    }

    private static async Task<List<string>> SlotsAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>("SELECT slot_key FROM rounds ORDER BY slot_key")).ToList();
    }

    private static async Task<int> OutboxRowsAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the pruning did not run");
            await Task.Delay(50);
        }
    }
}
