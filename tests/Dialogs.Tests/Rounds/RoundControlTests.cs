using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Trust;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AllianceBot.Dialogs.Tests.Rounds;

/// <summary>
/// "Pulse now" and a changed schedule are answered inside the round slice (the real control and lifecycle on a real
/// database); Scheduling is asked only to arm triggers, through <see cref="IRoundTriggers"/> — the port the mock verifies.
/// </summary>
public sealed class RoundControlTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly Mock<IRoundTriggers> triggers = new(MockBehavior.Strict);
    private readonly RoundTimingOptions timing = new();
    private TestDatabases storage = null!;
    private RoundControl control = null!;

    private Database Database => storage.Database;

    public async Task InitializeAsync()
    {
        storage = await TestDatabases.CreateAsync("sqlite", "round-control-");
        var lifecycle = new RoundLifecycle(Database, new OutboxStore(Database), TextCatalog.LoadEmbedded(),
            new HealthEvaluator(Database, Options.Create(TrustOptions.Default)), Options.Create(TrustOptions.Default),
            Options.Create(timing), Options.Create(new PulseOptions()), time, NullLogger<RoundLifecycle>.Instance);
        control = new RoundControl(Database, lifecycle, triggers.Object, Options.Create(timing), time, NullLogger<RoundControl>.Instance);
    }

    public async Task DisposeAsync() => await storage.DisposeAsync();

    [Fact]
    public async Task PulseNowOpensTheRoundHereAndAsksSchedulingOnlyToArmItsReminderAndClose()
    {
        var allianceId = await AllianceAsync();
        var expected = RoundTimeline.Plan(time.GetUtcNow(), TimeZones.Find(TimeZones.DefaultAllianceZone), timing);
        triggers.Setup(t => t.ArmFollowUpsAsync(It.IsAny<Guid>(), It.IsAny<RoundTimeline>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var start = await control.OpenNowAsync(allianceId, CancellationToken.None);
        var again = await control.OpenNowAsync(allianceId, CancellationToken.None);

        Assert.True(start.Opened);
        var open = await Database.GetOpenRoundAsync(allianceId, CancellationToken.None);
        Assert.NotNull(open);
        Assert.Equal(open.Id, start.RoundId);
        Assert.Equal(new RoundStart(false, open.Id, true, null), again);
        triggers.Verify(t => t.ArmFollowUpsAsync(open.Id, It.Is<RoundTimeline>(l => l.ClosesAt == expected.ClosesAt && l.Reminders.SequenceEqual(expected.Reminders)), It.IsAny<CancellationToken>()), Times.Once);
        triggers.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task TwoPulseNowClicksAtOnceOpenOneRound()
    {
        var allianceId = await AllianceAsync();
        triggers.Setup(t => t.ArmFollowUpsAsync(It.IsAny<Guid>(), It.IsAny<RoundTimeline>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var starts = await Task.WhenAll(control.OpenNowAsync(allianceId, CancellationToken.None), control.OpenNowAsync(allianceId, CancellationToken.None));

        Assert.Single(starts, s => s.Opened);
        Assert.Single(starts, s => s.AlreadyOpen);
        Assert.Equal(starts[0].RoundId, starts[1].RoundId);
        triggers.Verify(t => t.ArmFollowUpsAsync(It.IsAny<Guid>(), It.IsAny<RoundTimeline>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AChangedScheduleIsParsedAndStoredHereAndOnlyItsTriggerIsArmed()
    {
        var allianceId = await AllianceAsync();
        var armedNext = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);
        triggers.Setup(t => t.ScheduleAllianceAsync(allianceId, It.IsAny<PulseSchedule>(), It.IsAny<CancellationToken>())).ReturnsAsync(armedNext);

        var change = await control.ChangeScheduleAsync(allianceId, "first tuesday 10:00", CancellationToken.None);

        Assert.Equal(new ScheduleChange(true, armedNext, null), change);
        var stored = (await Database.GetAllianceAsync(allianceId, CancellationToken.None))!;
        var parsed = ScheduleParser.Parse("first tuesday 10:00", stored.TimeZone, new DateOnly(2026, 3, 2)).Schedule!;
        Assert.Equal(parsed.Format(), stored.Schedule);
        triggers.Verify(t => t.ScheduleAllianceAsync(allianceId, It.Is<PulseSchedule>(s => s.Format() == parsed.Format()), It.IsAny<CancellationToken>()), Times.Once);
        triggers.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task WithoutATriggerTheNextOpeningIsStillTheSchedules()
    {
        var allianceId = await AllianceAsync();
        triggers.Setup(t => t.ScheduleAllianceAsync(allianceId, It.IsAny<PulseSchedule>(), It.IsAny<CancellationToken>())).ReturnsAsync((DateTimeOffset?)null);

        var change = await control.ChangeScheduleAsync(allianceId, "first tuesday 10:00", CancellationToken.None);
        var created = await control.ScheduleAsync(allianceId, CancellationToken.None);

        var schedule = ScheduleParser.Parse("first tuesday 10:00", TimeZones.DefaultAllianceZone, new DateOnly(2026, 3, 2)).Schedule!;
        Assert.Equal(new ScheduleChange(true, schedule.NextAfter(time.GetUtcNow()), null), change);
        Assert.Null(created); // a new alliance's card then says no round is planned yet
    }

    [Fact]
    public async Task AScheduleThatCannotBeReadIsRefusedAndNothingIsStoredOrArmed()
    {
        var allianceId = await AllianceAsync();
        var before = (await Database.GetAllianceAsync(allianceId, CancellationToken.None))!.Schedule;

        var change = await control.ChangeScheduleAsync(allianceId, "whenever the moon is full", CancellationToken.None);

        Assert.False(change.Changed);
        Assert.NotNull(change.Problem);
        Assert.Equal(before, (await Database.GetAllianceAsync(allianceId, CancellationToken.None))!.Schedule);
        Assert.Equal(new ScheduleChange(false, null, RoundStartProblems.NoAlliance), await control.ChangeScheduleAsync(Guid.NewGuid(), "first tuesday 10:00", CancellationToken.None));
        triggers.VerifyNoOtherCalls();
    }

    private async Task<Guid> AllianceAsync()
    {
        var contacts = new ContactStore(Database);
        var reference = new ConversationReference(MemberIdentity.Teams, "t1", "29:manager", "https://smba.trafficmanager.net/emea/", "a:manager", "28:bot");
        var manager = await contacts.RecordSightingAsync(new ContactSighting(reference, "Manager", "en-US", null, time.GetUtcNow().AddDays(-1)), CancellationToken.None);
        var created = await CreateAllianceUseCase.CreateAllianceAsync(Database, new NewAlliance("Acme × Globex", manager.Id, "Acme", ["Globex"]), time.GetUtcNow().AddDays(-1), CancellationToken.None);
        return created.Alliance.Id;
    }
}
