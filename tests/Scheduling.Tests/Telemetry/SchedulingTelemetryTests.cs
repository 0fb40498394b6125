using AllianceBot.Dialogs.Rounds;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AllianceBot.ConnectorStandIn;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Telemetry;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Rounds;
using AllianceBot.Scheduling.Tests.Lifecycle;
using AllianceBot.Scheduling.Tests.Outbox;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AllianceBot.Scheduling.Tests.Telemetry;

/// <summary>
/// What operators alert on, measured by the real round lifecycle and dispatcher over real stores: rounds opened and
/// closed (each once, however often a job re-runs), participation, and outbox sends, failures, unreachable people,
/// 429s and backlog age — tagged only with channel and message kind.
/// </summary>
public sealed class SchedulingTelemetryTests : IDisposable
{
    private readonly AllianceTelemetry telemetry = new();
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = new();

    public SchedulingTelemetryTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
    }

    public void Dispose()
    {
        listener.Dispose();
        telemetry.Dispose();
    }

    private double Sum(string instrument, Func<Dictionary<string, object?>, bool>? where = null) =>
        measurements.Where(m => m.Instrument == instrument && (where is null || where(m.Tags))).Sum(m => m.Value);

    [Fact]
    public async Task RoundsAreCountedOnceAndTheirParticipationRecorded()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var lifecycle = new RoundLifecycle(f.Database, f.Outbox, TextCatalog.LoadEmbedded(), f.Evaluator, f.Trust, Options.Create(f.Timing), Options.Create(new PulseOptions()),
            f.Time, NullLogger<RoundLifecycle>.Instance, telemetry);
        var manager = new Person("29:anna", "en-US", "Europe/Amsterdam", "Cisco", MemberRole.Manager);
        var people = LifecycleFixture.People(6, "KPN", "p");
        var (alliance, members) = await f.AllianceAsync("Counted", [manager, .. people]);
        var opening = f.Scheduled(alliance.Id);

        var opened = await lifecycle.OpenRoundAsync(opening, CancellationToken.None);
        await lifecycle.OpenRoundAsync(opening, CancellationToken.None); // a recovery run of the same occurrence
        f.Time.Advance(TimeSpan.FromDays(1));
        foreach (var person in people.Take(3))
        {
            await f.Database.RecordAnswersAsync(opened!.RoundId, members[person.UserId], new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["calc.agreements.safeguarded"] = 4,
                ["rel.intentions.anchor"] = 4,
            }, f.Time.GetUtcNow(), CancellationToken.None);
        }

        f.Time.Advance(TimeSpan.FromDays(7));
        await lifecycle.CloseRoundAsync(opened!.RoundId, CancellationToken.None);
        await lifecycle.CloseRoundAsync(opened.RoundId, CancellationToken.None); // closing again changes nothing

        Assert.Equal(1, Sum("alliancebot.rounds.opened"));
        Assert.Equal(1, Sum("alliancebot.rounds.closed"));
        var participation = Assert.Single(measurements, m => m.Instrument == "alliancebot.rounds.participation");
        Assert.Equal(3.0 / 7, participation.Value, 6);
        Assert.All(measurements, m => Assert.Empty(m.Tags)); // nothing that names an alliance or a person
    }

    [Fact]
    public async Task OutboxOutcomesAreCountedByChannelAndKind()
    {
        await using var harness = await DispatcherHarness.StartAsync(
            new StandInOptions
            {
                BlockedUsers = new HashSet<string> { "29:t1-1" },
                RejectedUsers = new HashSet<string> { "29:t1-2" },
                FlakyUsers = new Dictionary<string, int> { ["29:t1-4"] = 10 },
            },
            new OutboxDispatcherOptions { MaxAttempts = 3, BackoffBase = TimeSpan.FromMilliseconds(50), BackoffCap = TimeSpan.FromMilliseconds(200), PollInterval = TimeSpan.FromMilliseconds(50) });
        harness.Telemetry = telemetry;
        await harness.EnqueueAsync(Enumerable.Range(1, 5).Select(i => harness.Member("t1", i)));

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(TimeSpan.FromSeconds(60));

        static bool Pulse(Dictionary<string, object?> tags) => Equals(tags["alliancebot.channel"], MemberIdentity.Teams) && Equals(tags["alliancebot.message.kind"], "pulse");
        Assert.Equal(2, Sum("alliancebot.outbox.sent", Pulse));
        Assert.Equal(1, Sum("alliancebot.outbox.unreachable", Pulse));
        Assert.Equal(2, Sum("alliancebot.outbox.failed", Pulse)); // rejected (400) and given up after 3 attempts
        var ages = measurements.Where(m => m.Instrument == "alliancebot.outbox.backlog.age").ToList();
        Assert.NotEmpty(ages);
        Assert.All(ages, a => Assert.True(a.Value >= 0));
        Assert.Equal(0, ages[^1].Value); // drained
        Assert.All(measurements.SelectMany(m => m.Tags.Values), v => Assert.DoesNotContain("29:", v?.ToString() ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryThrottledAnswerIsCounted()
    {
        await using var harness = await DispatcherHarness.StartAsync(
            new StandInOptions { TenantRate = 10 },
            new OutboxDispatcherOptions { TeamsTenantRequestsPerSecond = 40, MaxInFlight = 8, PollInterval = TimeSpan.FromMilliseconds(50) });
        harness.Telemetry = telemetry;
        await harness.EnqueueAsync(Enumerable.Range(1, 50).Select(i => harness.Member("t1", i)));

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(TimeSpan.FromSeconds(60));

        Assert.True(harness.Stats.Throttled > 0, "the connector should have answered 429");
        Assert.Equal(harness.Stats.Throttled, Sum("alliancebot.outbox.throttled", t => Equals(t["alliancebot.channel"], MemberIdentity.Teams)));
        Assert.Equal(50, Sum("alliancebot.outbox.sent"));
    }
}
