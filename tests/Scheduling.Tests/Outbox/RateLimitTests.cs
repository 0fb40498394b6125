using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Outbox.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Scheduling.Tests.Outbox;

public class RateLimitTests
{
    private static readonly WindowLimit[] TeamsConversation =
    [
        new(7, TimeSpan.FromSeconds(1)), new(8, TimeSpan.FromSeconds(2)), new(60, TimeSpan.FromSeconds(30)), new(1800, TimeSpan.FromHours(1)),
    ];

    [Fact]
    public void ASlidingWindowAllowsItsLimitThenSaysExactlyHowLongToWait()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var window = new SlidingWindow(new WindowLimit(3, TimeSpan.FromSeconds(1)));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, window.WaitTime(time.GetUtcNow(), 1));
            window.Record(time.GetUtcNow(), 1);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // Grants at 0, 100 and 200 ms; now 300 ms: the first leaves the window at 1000 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(700), window.WaitTime(time.GetUtcNow(), 1));
        Assert.Equal(TimeSpan.FromMilliseconds(800), window.WaitTime(time.GetUtcNow(), 2));
        time.Advance(TimeSpan.FromMilliseconds(700));
        Assert.Equal(TimeSpan.Zero, window.WaitTime(time.GetUtcNow(), 1));
    }

    [Fact]
    public void EveryTeamsConversationWindowHolds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var limiter = new MultiWindowLimiter(TeamsConversation);
        var grants = new List<DateTimeOffset>();

        // Ask as often as possible for 65 s of simulated time, moving to the moment the limiter names.
        while (time.GetUtcNow() < DateTimeOffset.Parse("2026-01-01T00:01:05Z"))
        {
            var wait = limiter.TryAcquire(time.GetUtcNow());
            if (wait == TimeSpan.Zero)
            {
                grants.Add(time.GetUtcNow());
            }
            else
            {
                time.Advance(wait);
            }
        }

        Assert.Equal(7, grants.Count(g => g < grants[0].AddSeconds(1)));
        Assert.Equal(8, grants.Count(g => g < grants[0].AddSeconds(2)));
        foreach (var limit in TeamsConversation)
        {
            var worst = grants.Max(g => grants.Count(h => h >= g && h < g + limit.Length));
            Assert.True(worst <= limit.Limit, $"{worst} grants within {limit}");
        }

        // Not over-cautious either: the 30 s budget is used in full.
        Assert.Equal(60, grants.Count(g => g < grants[0].AddSeconds(30)));
    }

    [Fact]
    public void AMultiWindowLimiterRecordsNothingWhenItRefuses()
    {
        var now = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        var limiter = new MultiWindowLimiter([new WindowLimit(2, TimeSpan.FromSeconds(1)), new WindowLimit(3, TimeSpan.FromSeconds(10))]);

        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(now));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(now));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryAcquire(now));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(now.AddSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(9), limiter.TryAcquire(now.AddSeconds(1)));
        Assert.False(limiter.IsIdle(now.AddSeconds(10)));
        Assert.True(limiter.IsIdle(now.AddSeconds(11)));
    }

    [Fact]
    public void ConversationLimitsAreReadFromSettings()
    {
        Assert.Equal(
            TeamsConversation.Select(l => l.ToString()),
            OutboxDispatcherOptions.ParseLimits("7/1,8/2,60/30,1800/3600")!.Select(l => l.ToString()));
        Assert.Null(OutboxDispatcherOptions.ParseLimits("7 per second"));
        Assert.Null(OutboxDispatcherOptions.ParseLimits("0/1"));
    }
}

public class DeliveryDecisionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T12:00:00Z");
    private static readonly OutboxDispatcherOptions Options = new() { MaxAttempts = 4, BackoffBase = TimeSpan.FromSeconds(2), BackoffCap = TimeSpan.FromSeconds(60), ThrottleBackoffBase = TimeSpan.FromSeconds(1) };

    [Fact]
    public void SentIsMarkedSentWithTheNewConversation()
    {
        var decision = DeliveryDecision.Decide(DeliveryResult.Sent("m1", "a:conv"), 1, 0, Now, Options, 0.5);

        Assert.Equal(new DeliveryDecision.MarkSent("m1", "a:conv"), decision);
    }

    [Fact]
    public void ThrottledWaitsForRetryAfterAndPausesTheBucket()
    {
        var decision = DeliveryDecision.Decide(new DeliveryResult(DeliveryStatus.Throttled, RetryAfter: TimeSpan.FromSeconds(3)), 1, 1, Now, Options, 0.9);

        Assert.Equal(new DeliveryDecision.Retry(Now.AddSeconds(3), true, "throttled (429)"), decision);
    }

    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 1.0, 1000)]
    [InlineData(3, 0.0, 2000)]
    [InlineData(3, 1.0, 4000)]
    [InlineData(10, 1.0, 60000)]
    public void ThrottledWithoutRetryAfterBacksOffExponentiallyWithJitter(int throttlesInARow, double random, int expectedMs)
    {
        var decision = DeliveryDecision.Decide(new DeliveryResult(DeliveryStatus.Throttled), 1, throttlesInARow, Now, Options, random);

        var retry = Assert.IsType<DeliveryDecision.Retry>(decision);
        Assert.True(retry.PauseBuckets);
        Assert.Equal(Now.AddMilliseconds(expectedMs), retry.At);
    }

    [Fact]
    public void TransientRetriesWithoutPausingUntilTheAttemptsRunOut()
    {
        var transient = new DeliveryResult(DeliveryStatus.Transient, Error: "503");

        var retry = Assert.IsType<DeliveryDecision.Retry>(DeliveryDecision.Decide(transient, 2, 0, Now, Options, 0.0));
        Assert.False(retry.PauseBuckets);
        Assert.Equal(Now.AddSeconds(2), retry.At);
        Assert.Equal(new DeliveryDecision.Final(OutboxStatus.Failed, "gave up after 4 attempts: 503"), DeliveryDecision.Decide(transient, 4, 0, Now, Options, 0.0));
    }

    [Fact]
    public void ATransientFailureWithRetryAfterIsNotRetriedSoonerThanAsked()
    {
        var busy = new DeliveryResult(DeliveryStatus.Transient, RetryAfter: TimeSpan.FromSeconds(30), Error: "503");
        var quick = new DeliveryResult(DeliveryStatus.Transient, RetryAfter: TimeSpan.FromMilliseconds(10), Error: "503");

        Assert.Equal(new DeliveryDecision.Retry(Now.AddSeconds(30), false, "503"), DeliveryDecision.Decide(busy, 1, 0, Now, Options, 0.5));
        Assert.Equal(new DeliveryDecision.Retry(Now.AddSeconds(1.5), false, "503"), DeliveryDecision.Decide(quick, 1, 0, Now, Options, 0.5));
    }

    [Fact]
    public void UnreachableAndFailedAreFinal()
    {
        Assert.Equal(
            new DeliveryDecision.Final(OutboxStatus.Unreachable, "403 MessageWritesBlocked"),
            DeliveryDecision.Decide(new DeliveryResult(DeliveryStatus.Unreachable, Error: "403 MessageWritesBlocked"), 1, 0, Now, Options, 0.5));
        Assert.Equal(
            new DeliveryDecision.Final(OutboxStatus.Failed, "400"),
            DeliveryDecision.Decide(new DeliveryResult(DeliveryStatus.Failed, Error: "400"), 1, 0, Now, Options, 0.5));
    }
}
