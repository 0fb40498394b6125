using AllianceBot.Dialogs.Rounds;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Scheduling.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;
using AllianceBot.Scheduling.Tests.Support;
using AllianceBot.Trust;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Scheduling.Tests.Lifecycle;

/// <summary>
/// Issue 19: on PostgreSQL no round opened for an alliance outside UTC (Npgsql refused the +01:00 closing time), and
/// on SQLite a reminder written as 19:13+01:00 was held back an hour by a dispatcher comparing 18:14+00:00 text.
/// The round lifecycle (pulse now, scheduled opening, reminders, dispatch, close) on both databases, for alliances
/// on both sides of UTC and at a half-hour offset, across a DST change, with a database server that runs in yet
/// another time zone.
/// </summary>
public sealed class TimeZoneLifecycleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Alliance zone, and a local date whose round runs across that zone's DST change (Kolkata has none).</summary>
    public static TheoryData<string, string, DateOnly> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, DateOnly>();
            foreach (var provider in new[] { "sqlite", "postgres" })
            {
                cases.Add(provider, "Europe/Amsterdam", new DateOnly(2026, 3, 24)); // clocks go forward on Sunday 29 March
                cases.Add(provider, "America/New_York", new DateOnly(2026, 3, 3)); // ... on Sunday 8 March
                cases.Add(provider, "Asia/Kolkata", new DateOnly(2026, 3, 3)); // +05:30 all year
            }

            return cases;
        }
    }

    public static TheoryData<string, string> PulseNowCases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var provider in new[] { "sqlite", "postgres" })
            {
                foreach (var zone in new[] { "Europe/Amsterdam", "America/New_York", "Asia/Kolkata" })
                {
                    cases.Add(provider, zone);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(PulseNowCases))]
    public async Task PulseNowOpensARoundForAnAllianceOutsideUtc(string provider, string zone)
    {
        await using var world = await TzWorld.StartAsync(provider, new DateTimeOffset(2026, 3, 5, 13, 17, 6, TimeSpan.Zero));
        var alliance = await world.AllianceAsync(zone);

        var start = await world.Control.OpenNowAsync(alliance.Id, None);

        Assert.True(start.Opened, start.Problem);
        var round = (await world.Database.GetRoundAsync(start.RoundId!.Value, None))!;
        Assert.Equal(TimeSpan.Zero, round.ClosesAt.Offset);
        Assert.Equal(RoundTimeline.Plan(world.Time.GetUtcNow(), TimeZones.Find(zone), world.Timing).ClosesAt, round.ClosesAt);
        Assert.Equal(3, round.InvitedCount);

        // Manual rounds go out at once: every pulse is due now, to the dispatcher comparing with its UTC clock.
        var claimed = await world.Outbox.ClaimAsync("instance-a", 100, world.Time.GetUtcNow(), TimeSpan.FromMinutes(1), None);
        Assert.Equal(3, claimed.Count);
    }

    /// <summary>
    /// A manager's schedule in German is read in the alliance's zone and stored in the canonical form; what the parser
    /// cannot read is refused with its reason and the words it stopped at, and nothing is stored.
    /// </summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AScheduleInAnyLanguageIsStoredAndABadOneIsRefusedStoringNothing(string provider)
    {
        await using var world = await TzWorld.StartAsync(provider, new DateTimeOffset(2026, 3, 5, 13, 17, 6, TimeSpan.Zero));
        var alliance = await world.AllianceAsync("America/New_York");

        var changed = await world.Control.ChangeScheduleAsync(alliance.Id, "jeden ersten Montag im Monat um 9 Uhr", None);
        Assert.True(changed.Changed, changed.Problem);
        Assert.Equal(new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.FromHours(-4)), changed.NextOpening);
        var stored = (await world.Database.GetAllianceAsync(alliance.Id, None))!;
        Assert.Equal("first monday 09:00 America/New_York", stored.Schedule);

        var refused = await world.Control.ChangeScheduleAsync(alliance.Id, "alle 13 Wochen am Montag um 9 Uhr", None);
        Assert.False(refused.Changed);
        Assert.Equal(nameof(ScheduleParseError.InvalidInterval), refused.Problem);
        Assert.Equal("13", refused.Detail);
        var after = (await world.Database.GetAllianceAsync(alliance.Id, None))!;
        Assert.Equal((stored.Schedule, stored.TimeZone), (after.Schedule, after.TimeZone));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ARoundOpensRemindsIsDispatchedOnTimeAndClosesForAnAllianceOutsideUtc(string provider, string zone, DateOnly date)
    {
        await using var world = await TzWorld.StartAsync(provider, new DateTimeOffset(date.AddDays(-1), new TimeOnly(8, 0), TimeSpan.Zero));
        await RunRoundAsync(world, zone, date);
    }

    /// <summary>Open, deliver, remind, dispatch and close one scheduled round, checking every instant on the way.</summary>
    internal static async Task RunRoundAsync(TzWorld world, string zone, DateOnly date)
    {
        var alliance = await world.AllianceAsync(zone);
        var schedule = new PulseSchedule(new NthWeekdayOfMonth(1, DayOfWeek.Tuesday), new TimeOnly(10, 0), zone);
        var occurrence = schedule.At(date);
        var timeline = RoundTimeline.Plan(occurrence, schedule.Zone, world.Timing);
        world.Time.SetUtcNow(occurrence);

        var opened = await world.Lifecycle.OpenRoundAsync(new RoundOpening(alliance.Id, occurrence, occurrence, schedule, timeline, false), None);

        Assert.NotNull(opened);
        var round = (await world.Database.GetRoundAsync(opened.RoundId, None))!;
        Assert.Equal(timeline.ClosesAt, round.ClosesAt);
        Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(LocalClock.InZone(round.ClosesAt, schedule.Zone).DateTime)); // 10:00 after the DST change too
        var pulses = await world.OutboxRowsAsync(RoundLifecycle.PulseKind);
        Assert.Equal(3, pulses.Count);
        await AssertDueExactlyAtAsync(world, pulses);

        // Nobody answers; the first reminder goes out three days after each member's own delivery, on their own clock.
        world.Time.SetUtcNow(timeline.Reminders[0]);
        await world.Lifecycle.SendRemindersAsync(round.Id, 1, None);
        var reminders = await world.OutboxRowsAsync(RoundLifecycle.ReminderKind);
        Assert.Equal(3, reminders.Count);
        foreach (var reminder in reminders)
        {
            var delivered = pulses.Single(p => p.MemberId == reminder.MemberId).NextAttemptAt;
            var memberZone = TimeZones.Find(world.ZoneOf(reminder.MemberId!.Value) ?? zone);
            Assert.Equal(TimeSpan.Zero, reminder.NextAttemptAt.Offset);
            Assert.Equal(LocalClock.InZone(delivered, memberZone).TimeOfDay, LocalClock.InZone(reminder.NextAttemptAt, memberZone).TimeOfDay);
            Assert.Equal(3, (LocalClock.InZone(reminder.NextAttemptAt, memberZone).Date - LocalClock.InZone(delivered, memberZone).Date).Days);
        }

        await AssertDueExactlyAtAsync(world, reminders);

        // Answers stop at the closing instant (the rule the answer path applies to the stored round), not an offset earlier or later.
        Assert.True(round.AcceptsAnswersAt(round.ClosesAt.AddSeconds(-1).ToOffset(new TimeSpan(5, 30, 0))));
        Assert.False(round.AcceptsAnswersAt(round.ClosesAt.ToOffset(new TimeSpan(-9, -30, 0))));
        world.Time.SetUtcNow(round.ClosesAt);
        await world.Lifecycle.CloseRoundAsync(round.Id, None);
        var closed = (await world.Database.GetRoundAsync(round.Id, None))!;
        Assert.Equal(round.ClosesAt, closed.ClosedAt);
        var summary = Assert.Single(await world.OutboxRowsAsync(RoundLifecycle.SummaryKind));
        Assert.Equal(world.ManagerId, summary.MemberId);
        await AssertDueExactlyAtAsync(world, [summary]);
    }

    /// <summary>Each message is claimed by a dispatcher at its time and not a second before (whatever that clock's offset).</summary>
    private static async Task AssertDueExactlyAtAsync(TzWorld world, IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var due in messages.GroupBy(m => m.NextAttemptAt).OrderBy(g => g.Key))
        {
            var ids = due.Select(m => m.Id).ToList();
            var early = await world.Outbox.ClaimAsync("early", 100, due.Key.AddSeconds(-1).ToOffset(TimeSpan.FromHours(13)), TimeSpan.FromMilliseconds(1), None);
            Assert.Empty(early.Select(m => m.Id).Intersect(ids));
            var onTime = await world.Outbox.ClaimAsync("on-time", 100, due.Key.ToOffset(TimeSpan.FromHours(-10)), TimeSpan.FromMilliseconds(1), None);
            Assert.Equal(ids.Order(), onTime.Select(m => m.Id).Intersect(ids).Order());
        }
    }
}

/// <summary>
/// A fresh database (SQLite, or PostgreSQL whose server time zone is Pacific/Auckland), the real round lifecycle
/// and "pulse now", a fake clock, and an alliance of three: a manager in the alliance's zone, a member in New York
/// (or Amsterdam, for a New York alliance), and one whose zone is unknown.
/// </summary>
internal sealed class TzWorld : IAsyncDisposable
{
    public const string ServerTimeZone = "Pacific/Auckland";

    private readonly TestStore store;
    private readonly Dictionary<Guid, string?> zones = [];

    private TzWorld(TestStore store, DateTimeOffset now)
    {
        this.store = store;
        Time = new FakeTimeProvider(now);
        Outbox = new OutboxStore(Database);
        Lifecycle = new RoundLifecycle(Database, Outbox, TextCatalog.LoadEmbedded(), new AllianceBot.Dialogs.HealthCheck.HealthEvaluator(Database, Options.Create(TrustOptions.Default)), Options.Create(TrustOptions.Default),
            Options.Create(Timing), Options.Create(new PulseOptions()), Time, NullLogger<RoundLifecycle>.Instance);
        Control = new RoundControl(Database, Lifecycle, new NoRoundTriggers(), Options.Create(Timing), Time, NullLogger<RoundControl>.Instance);
    }

    public Database Database => store.Database;

    public FakeTimeProvider Time { get; }

    public RoundTimingOptions Timing { get; } = new();

    public OutboxStore Outbox { get; }

    public RoundLifecycle Lifecycle { get; }

    public RoundControl Control { get; }

    public Guid ManagerId { get; private set; }

    public static async Task<TzWorld> StartAsync(string provider, DateTimeOffset now)
    {
        var store = await TestStore.CreateAsync(provider);
        if (provider == "postgres")
        {
            // Every new session of this database runs in Auckland: nothing may depend on the server's zone.
            await using (var connection = await store.Database.OpenAsync(CancellationToken.None))
            {
                await connection.ExecuteAsync($"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), '{ServerTimeZone}'); END $$;");
            }

            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var check = await store.Database.OpenAsync(CancellationToken.None);
            Assert.Equal(ServerTimeZone, await check.QuerySingleAsync<string>("SHOW timezone"));
        }

        return new TzWorld(store, now);
    }

    public string? ZoneOf(Guid memberId) => zones[memberId];

    public async Task<Alliance> AllianceAsync(string zone)
    {
        var created = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero).ToOffset(TimeZones.Find(zone).BaseUtcOffset);
        var other = zone == "America/New_York" ? "Europe/Amsterdam" : "America/New_York";
        var manager = await ContactAsync("29:manager", zone, created);
        var alliance = await Database.CreateAllianceAsync(new NewAlliance("Tz Test", manager.Id, "Acme", ["Globex"], TimeZone: zone, Locale: "en"), created, CancellationToken.None);
        ManagerId = alliance.Creator.Id;
        zones[ManagerId] = zone;
        foreach (var (user, memberZone) in new[] { ("29:traveller", (string?)other), ("29:unknown", null) })
        {
            var contact = await ContactAsync(user, memberZone, created);
            var member = await Database.AddMemberAsync(new NewMember(alliance.Alliance.Id, alliance.Partners[1].Id, contact.Id), created, CancellationToken.None);
            zones[member.Id] = memberZone;
        }

        return alliance.Alliance;
    }

    /// <summary>The outbox rows of one kind, read back through the typed path.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> OutboxRowsAsync(string kind)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<Row>("SELECT id, member_id, next_attempt_at FROM outbox WHERE kind = @kind", new { kind });
        return rows.Select(r => new OutboxMessage(r.Id, kind, null, null, r.MemberId, "", "", "", "", 0, r.NextAttemptAt, "")).ToList();
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();

    private Task<Contact> ContactAsync(string user, string? zone, DateTimeOffset at) =>
        store.Contacts.RecordSightingAsync(new ContactSighting(
            new ConversationReference(MemberIdentity.Teams, "tenant-tz", user, "https://smba.trafficmanager.net/emea/", null, "28:bot", "AllianceBot"),
            user, "en-GB", zone, at), CancellationToken.None);

    private sealed class Row
    {
        public Guid Id { get; set; }

        public Guid? MemberId { get; set; }

        public DateTimeOffset NextAttemptAt { get; set; }
    }
}

/// <summary>Runs alone: it changes the process's local time zone, which every other test would see.</summary>
[CollectionDefinition(nameof(ProcessTimeZoneCollection), DisableParallelization = true)]
public sealed class ProcessTimeZoneCollection;

/// <summary>The same round when the bot's host runs in neither UTC nor the alliance's zone (Chatham: +13:45 in March).</summary>
[Collection(nameof(ProcessTimeZoneCollection))]
public sealed class ProcessTimeZoneLifecycleTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARoundRunsTheSameWhenTheHostIsInAnotherTimeZone(string provider)
    {
        var before = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", "Pacific/Chatham");
        TimeZoneInfo.ClearCachedData();
        try
        {
            Assert.Equal(new TimeSpan(13, 45, 0), TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 3, 24, 0, 0, 0, DateTimeKind.Utc)));
            var date = new DateOnly(2026, 3, 24);
            await using var world = await TzWorld.StartAsync(provider, new DateTimeOffset(date.AddDays(-1), new TimeOnly(8, 0), TimeSpan.Zero));
            await TimeZoneLifecycleTests.RunRoundAsync(world, "Europe/Amsterdam", date);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", before);
            TimeZoneInfo.ClearCachedData();
        }
    }
}
