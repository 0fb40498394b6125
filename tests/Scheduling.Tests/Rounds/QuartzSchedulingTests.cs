using AllianceBot.Data;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Scheduling.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;
using AllianceBot.Scheduling.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Scheduling.Tests.Rounds;

/// <summary>
/// Real Quartz with its SQLite job store in a temporary folder. One class, so the tests run one after another
/// (Quartz registers schedulers by name per process).
/// </summary>
public sealed class QuartzSchedulingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("alliancebot-sched-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public Task AMissedOpeningDuringDowntimeOpensExactlyOneRoundAfterTheRestart() => MissedOpeningOpensOnceAsync(storage: null);

    /// <summary>
    /// The same on PostgreSQL, where the store runs clustered. Needs the server scripts/test.sh starts
    /// (locally: PGPORT=55434 source scripts/postgres.sh; pg_start).
    /// </summary>
    [Fact]
    public async Task OnPostgreSqlTheClusteredStoreAlsoOpensAMissedRoundOnce()
    {
        var connectionString = Environment.GetEnvironmentVariable("ALLIANCEBOT_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(connectionString), "ALLIANCEBOT_TEST_POSTGRES is not set: start PostgreSQL with scripts/postgres.sh (pg_start)");
        var database = $"sched_{Guid.NewGuid():N}";
        await using (var admin = new Npgsql.NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Database = database };
        await MissedOpeningOpensOnceAsync(new()
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = builder.ConnectionString,
        });

        await using (var check = new Npgsql.NpgsqlConnection(builder.ConnectionString))
        {
            await check.OpenAsync();
            await using var nodes = new Npgsql.NpgsqlCommand("SELECT count(*) FROM qrtz_scheduler_state", check);
            Assert.True((long)(await nodes.ExecuteScalarAsync())! >= 1, "a clustered store keeps its nodes' check-ins");
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    private async Task MissedOpeningOpensOnceAsync(Dictionary<string, string?>? storage)
    {
        var lifecycle = new RecordingLifecycle();
        var allianceId = Guid.NewGuid();

        // The opening lies an hour in the past (whole seconds: a schedule's time of day). The alliance was scheduled
        // a minute before it, by a bot whose clock said so; that bot's scheduler never runs, so the trigger sits in
        // the store with its fire time gone by, exactly as downtime leaves it. Nothing waits on the wall clock.
        var now = DateTimeOffset.UtcNow;
        var occurrence = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddHours(-1);
        using (var before = Build(lifecycle, storage, new FakeTimeProvider(occurrence.AddMinutes(-1))))
        {
            var schedule = new PulseSchedule(
                EveryNWeeks.Starting(1, occurrence.DayOfWeek, DateOnly.FromDateTime(occurrence.UtcDateTime)),
                TimeOnly.FromDateTime(occurrence.UtcDateTime),
                "UTC");
            Assert.Equal(occurrence, await Scheduler(before).ScheduleAllianceAsync(allianceId, schedule, CancellationToken.None));
            var quartz = await before.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
            Assert.Equal(Quartz.SchedulerStatus.Created, quartz.Status); // never started: nothing fires
            await quartz.Shutdown(); // the process ends (and leaves Quartz's per-process registry of schedulers)
        }

        // Missed by far more than the misfire threshold (1 s), and nothing has fired it.
        Assert.True(DateTimeOffset.UtcNow - occurrence > TimeSpan.FromMinutes(59));
        Assert.Empty(lifecycle.Calls);

        using var after = Build(lifecycle, storage);
        await after.StartAsync();
        await WaitUntilAsync(() => !lifecycle.Opened.IsEmpty);

        // Once: the misfired trigger has moved on to next week, so nothing is left that could open it again.
        Assert.Equal(occurrence.AddDays(7), await Scheduler(after).GetNextOpeningAsync(allianceId, CancellationToken.None));
        var (opening, _) = Assert.Single(lifecycle.Opened);
        Assert.Equal(allianceId, opening.AllianceId);
        Assert.Equal(occurrence, opening.ScheduledFor);
        Assert.True(opening.OpenedAt > occurrence.AddSeconds(1));
        Assert.False(opening.Manual);
        Assert.Equal(occurrence.AddDays(7), await Scheduler(after).GetNextOpeningAsync(allianceId, CancellationToken.None));
        await after.StopAsync();
    }

    /// <summary>"Pulse now" as the dialogs ask for it (IRoundControl), on an alliance stored in the real database.</summary>
    [Fact]
    public async Task PulseNowOpensARoundWhoseRemindersAndCloseFireOnce()
    {
        var lifecycle = new RecordingLifecycle();
        using var host = Build(lifecycle, new()
        {
            ["Scheduling:Rounds:RemindAfterDays"] = "0.00002", // 1.7 s
            ["Scheduling:Rounds:CloseAfterDays"] = "0.00004", // 3.5 s
        });
        await host.StartAsync();
        var allianceId = await SeedAllianceAsync(host);
        var scheduler = Scheduler(host);
        var next = await scheduler.ScheduleAllianceAsync(allianceId, PulseSchedule.Default, CancellationToken.None);

        var start = await host.Services.GetRequiredService<IRoundControl>().OpenNowAsync(allianceId, CancellationToken.None);
        Assert.True(start.Opened);

        // The reminder and the close are one-shot triggers: once the close has run nothing is left to fire.
        await WaitUntilAsync(() => !lifecycle.Closes.IsEmpty);
        var (opening, roundId) = Assert.Single(lifecycle.Opened);
        Assert.Equal(roundId, start.RoundId);
        Assert.True(opening.Manual);
        Assert.Equal(DeliveryBasis.Immediately, opening.DeliveryFor("America/New_York").Basis);
        Assert.Equal((roundId, 1), Assert.Single(lifecycle.Reminders));
        Assert.Equal(roundId, Assert.Single(lifecycle.Closes));
        Assert.Equal(next, await scheduler.GetNextOpeningAsync(allianceId, CancellationToken.None));
        Assert.Equal(PulseSchedule.Default.NextAfter(DateTimeOffset.UtcNow), next);
        await host.StopAsync();
    }

    [Fact]
    public async Task AFailedOpeningIsRetriedForTheSameOccurrence()
    {
        var lifecycle = new RecordingLifecycle(failFirst: 1);
        var allianceId = Guid.NewGuid();
        using var host = Build(lifecycle, new() { ["Scheduling:OpenRetryDelay"] = "00:00:01" });
        await host.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var occurrence = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddSeconds(2);
        await Scheduler(host).ScheduleAllianceAsync(allianceId, WeeklyAt(occurrence), CancellationToken.None);

        await WaitUntilAsync(() => !lifecycle.Opened.IsEmpty);

        var calls = lifecycle.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(occurrence, calls[0].ScheduledFor);
        Assert.Equal(calls[0].ScheduledFor, calls[1].ScheduledFor);
        Assert.Single(lifecycle.Opened);
        await host.StopAsync();
    }

    private static PulseSchedule WeeklyAt(DateTimeOffset occurrence) => new(
        EveryNWeeks.Starting(1, occurrence.DayOfWeek, DateOnly.FromDateTime(occurrence.UtcDateTime)),
        TimeOnly.FromDateTime(occurrence.UtcDateTime),
        "UTC");

    private static async Task<Guid> SeedAllianceAsync(IHost host)
    {
        var contacts = host.Services.GetRequiredService<AllianceBot.Data.Members.IContactStore>();
        var database = host.Services.GetRequiredService<AllianceBot.Data.Storage.Database>();
        var reference = new AllianceBot.Data.Members.ConversationReference(AllianceBot.Data.Members.MemberIdentity.Teams, "t1", "29:manager", "http://127.0.0.1/", "a:manager", "28:bot");
        var manager = await contacts.RecordSightingAsync(new AllianceBot.Data.Members.ContactSighting(reference, "Manager", "en-US", null, DateTimeOffset.UtcNow), CancellationToken.None);
        var created = await AllianceBot.Data.Alliances.CreateAllianceUseCase.CreateAllianceAsync(database,
            new AllianceBot.Data.Alliances.NewAlliance("Acme × Globex", manager.Id, "Acme", ["Globex"]), DateTimeOffset.UtcNow, CancellationToken.None);
        return created.Alliance.Id;
    }

    [Fact]
    public async Task UnschedulingStopsFutureOpeningsAndUnknownAlliancesAreReported()
    {
        using var host = Build(new RecordingLifecycle());
        await host.StartAsync();
        var scheduler = Scheduler(host);
        var allianceId = Guid.NewGuid();
        await scheduler.ScheduleAllianceAsync(allianceId, PulseSchedule.Default, CancellationToken.None);

        Assert.True(await scheduler.UnscheduleAsync(allianceId, CancellationToken.None));
        Assert.Null(await scheduler.GetNextOpeningAsync(allianceId, CancellationToken.None));
        Assert.False(await scheduler.UnscheduleAsync(allianceId, CancellationToken.None));
        await host.StopAsync();
    }

    [Fact]
    public async Task SwitchedOffTheSchedulerRefusesClearlyAndStartsNothing()
    {
        using var host = Build(new RecordingLifecycle(), new() { ["Scheduling:Enabled"] = "false" });
        await host.StartAsync();

        var error = await Assert.ThrowsAsync<SchedulingDisabledException>(() => Scheduler(host).ScheduleAllianceAsync(Guid.NewGuid(), PulseSchedule.Default, CancellationToken.None));
        Assert.Contains("Scheduling:Enabled", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().FullName!.StartsWith("Quartz", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public void TheJobStoreFollowsTheStorageSettings()
    {
        var environment = new TestEnvironment(folder);

        var sqlite = QuartzStore.FromConfiguration(Config(new()), environment);
        Assert.Equal(QuartzStore.Sqlite, sqlite.Provider);
        Assert.Equal($"Data Source={Path.Combine(folder, "data", "alliancebot.db")}", sqlite.ConnectionString);
        Assert.False(sqlite.Clustered);

        var postgres = QuartzStore.FromConfiguration(Config(new() { ["Storage:Provider"] = "PostgreSQL", ["Storage:ConnectionString"] = "Host=127.0.0.1" }), environment);
        Assert.Equal(QuartzStore.Postgres, postgres.Provider);
        Assert.True(postgres.Clustered);

        var missing = Assert.Throws<InvalidOperationException>(() => QuartzStore.FromConfiguration(Config(new() { ["Storage:Provider"] = "sqlserver" }), environment));
        Assert.Contains("Storage__ConnectionString", missing.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<InvalidOperationException>(() => QuartzStore.FromConfiguration(Config(new() { ["Storage:Provider"] = "oracle" }), environment));
        Assert.Contains("sqlite, postgres or sqlserver", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSettingsStopTheHostAtStartWithTheSettingsName()
    {
        using var host = Build(new RecordingLifecycle(), new()
        {
            ["Scheduling:Enabled"] = "false",
            ["Scheduling:Rounds:RemindAfterDays"] = "5,3",
        });

        var error = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync().GetAwaiter().GetResult());
        Assert.Contains("RemindAfterDays", error.Message, StringComparison.Ordinal);
    }

    private IHost Build(RecordingLifecycle lifecycle, Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        // The real storage layer: SQLite in the temporary folder unless the settings name another database.
        var builder = SchedulingHost.Create(folder, time ?? TimeProvider.System, new Dictionary<string, string?>
        {
            ["Scheduling:MisfireThreshold"] = "00:00:01",
            ["Storage:DataFolder"] = Path.Combine(folder, "data"),
        }, settings);
        builder.Services.AddSingleton<IRoundLifecycle>(lifecycle);
        return builder.Build();
    }

    private static IRoundScheduler Scheduler(IHost host) => host.Services.GetRequiredService<IRoundScheduler>();

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out waiting for the scheduler");
            await Task.Delay(100);
        }
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
