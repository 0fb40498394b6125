using AllianceBot.Bot.Slack.WebApi;
using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Outbox.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Scheduling.Tests.Outbox;

/// <summary>
/// The dispatcher's decisions without I/O, on a <see cref="FakeTimeProvider"/>: claim cadence, order per person,
/// rate buckets, retries from memory or the store, leases. The channels' real rate limits (Bot/Teams, Bot/Slack).
/// </summary>
public sealed class OutboxQueueTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);

    [Fact]
    public void TheFirstTurnClaimsThenTheQueueWaitsOnePollIntervalUnlessWoken()
    {
        var queue = Queue(new OutboxDispatcherOptions { PollInterval = TimeSpan.FromSeconds(1) }, claimed: false);
        Assert.Equal(200, queue.ClaimRoom());

        queue.Claimed(0);
        Assert.Equal(0, queue.ClaimRoom());
        Assert.Equal(TimeSpan.FromSeconds(1), queue.Next(time.GetUtcNow()).Sleep);

        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(TimeSpan.FromMilliseconds(600), queue.Next(time.GetUtcNow()).Sleep);
        queue.Wake();
        Assert.Equal(200, queue.ClaimRoom());
        Assert.Equal(TimeSpan.Zero, queue.Next(time.GetUtcNow()).Sleep);

        queue.Claimed(0);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, queue.ClaimRoom());
    }

    /// <summary>
    /// The stall: the next claim was due at a wall-clock instant, so a clock stepped back 25 s (an NTP correction
    /// after start-up) kept the dispatcher from looking at the outbox for 25 s. The poll now counts elapsed time.
    /// </summary>
    [Fact]
    public void AWallClockSteppedBackDoesNotDelayTheNextClaim()
    {
        var clock = new SteppedClock(time);
        var queue = new OutboxQueue(new OutboxDispatcherOptions { PollInterval = TimeSpan.FromSeconds(1) }, [], clock);
        queue.Claimed(0);

        clock.StepBack(TimeSpan.FromSeconds(25));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(queue.ClaimRoom() > 0);
    }

    [Fact]
    public void AFullBatchIsFollowedByAnotherClaimAtOnceAndHalfABatchStopsClaiming()
    {
        var queue = Queue(new OutboxDispatcherOptions { ClaimBatchSize = 4, MaxInFlight = 1 });
        queue.Claimed(4);
        Assert.Equal(4, queue.ClaimRoom());

        foreach (var i in Enumerable.Range(1, 3))
        {
            Add(queue, Member(i));
        }

        Assert.Equal(0, queue.ClaimRoom()); // three waiting, more than half a batch
    }

    [Fact]
    public void OnePersonsMessagesGoOneAtATimeInClaimOrder()
    {
        var queue = Queue(new OutboxDispatcherOptions());
        var first = Add(queue, Member(1), "first");
        var second = Add(queue, Member(1), "second");
        var other = Add(queue, Member(2), "other");

        var (start, _) = queue.Next(time.GetUtcNow());
        Assert.Equal(new[] { first, other }, start);
        Assert.Empty(queue.Next(time.GetUtcNow()).Start);

        Assert.IsType<OutboxOutcome.Sent>(queue.Complete(first, DeliveryResult.Sent("m1"), 0.5));
        Assert.Equal(new[] { second }, queue.Next(time.GetUtcNow()).Start);
    }

    [Fact]
    public void ATeamsConversationWaitsForItsWindowAndTheQueueSaysHowLong()
    {
        var queue = Queue(new OutboxDispatcherOptions { TeamsConversationLimits = "2/1", WindowSlack = TimeSpan.Zero });
        var member = Member(1);
        for (var i = 0; i < 3; i++)
        {
            Add(queue, member, $"m{i}");
        }

        for (var i = 0; i < 2; i++)
        {
            var entry = Assert.Single(queue.Next(time.GetUtcNow()).Start);
            queue.Complete(entry, DeliveryResult.Sent($"id{i}"), 0.5);
        }

        var (start, sleep) = queue.Next(time.GetUtcNow());
        Assert.Empty(start);
        Assert.Equal(TimeSpan.FromSeconds(1), sleep);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(queue.Next(time.GetUtcNow()).Start);
    }

    [Fact]
    public void ACreatedConversationCostsTheTenantTwoRequestsAndIsReusedByTheNextMessage()
    {
        var queue = Queue(new OutboxDispatcherOptions());
        var member = Member(1) with { ConversationId = null };
        var first = Add(queue, member);
        var second = Add(queue, member);
        Assert.Equal(2, first.Claims[0].Cost);

        var outcome = queue.Complete(Assert.Single(queue.Next(time.GetUtcNow()).Start), DeliveryResult.Sent("m1", "a:new"), 0.5);

        Assert.Equal("a:new", Assert.IsType<OutboxOutcome.Sent>(outcome).NewConversationId);
        Assert.Equal("a:new", second.Target.ConversationId);
        Assert.Equal(1, second.Claims[0].Cost);
    }

    [Fact]
    public void ATransientFailureIsRetriedFromMemoryWhileTheLeaseAllowsAndThenHandedBackWithItsFollowers()
    {
        var queue = Queue(new OutboxDispatcherOptions
        {
            Lease = TimeSpan.FromMinutes(2), PollInterval = TimeSpan.FromSeconds(10), BackoffBase = TimeSpan.FromSeconds(2), BackoffCap = TimeSpan.FromMinutes(5),
        });
        var member = Member(1);
        var leader = Add(queue, member, "leader");
        var follower = Add(queue, member, "follower");

        var retry = Assert.IsType<OutboxOutcome.RetryLater>(queue.Complete(Assert.Single(queue.Next(time.GetUtcNow()).Start), Transient(), 1.0));
        Assert.Empty(retry.HandedBack);
        Assert.Equal(Start + TimeSpan.FromSeconds(2), retry.At);
        Assert.Equal(TimeSpan.FromSeconds(2), queue.Next(time.GetUtcNow()).Sleep);

        // Backoff doubles: 2, 4, 8, 16, 32 s... until the next retry would fall past the lease (2 min, minus a quarter).
        OutboxOutcome.RetryLater last;
        do
        {
            time.SetUtcNow(leader.NotBefore);
            last = Assert.IsType<OutboxOutcome.RetryLater>(queue.Complete(Assert.Single(queue.Next(time.GetUtcNow()).Start), Transient(), 1.0));
        }
        while (last.HandedBack.Count == 0);

        Assert.Equal(new[] { leader, follower }, last.HandedBack.Select(h => h.Entry));
        Assert.Equal($"held behind {leader.Message.Id}", last.HandedBack[1].Reason);
        Assert.All(last.HandedBack, h => Assert.Equal(last.At, h.At));
        Assert.Equal(0, queue.Pending);
        Assert.Equal(0, follower.LocalAttempts);
    }

    [Fact]
    public void A429PausesTheBucketForRetryAfterAndDoesNotCountAsAnAttempt()
    {
        var queue = Queue(new OutboxDispatcherOptions());
        var throttled = Add(queue, Member(1));
        var sameTenant = Add(queue, Member(2));
        var started = queue.Next(time.GetUtcNow()).Start;
        Assert.Equal(2, started.Count);

        var outcome = queue.Complete(throttled, new DeliveryResult(DeliveryStatus.Throttled, RetryAfter: TimeSpan.FromSeconds(3)), 0.5);
        queue.Complete(sameTenant, DeliveryResult.Sent("m2"), 0.5);

        var retry = Assert.IsType<OutboxOutcome.RetryLater>(outcome);
        Assert.True(retry.Throttled);
        Assert.Equal("msteams|t1", retry.Bucket);
        Assert.Equal(0, throttled.LocalAttempts);
        Add(queue, Member(3));
        var (start, sleep) = queue.Next(time.GetUtcNow());
        Assert.Empty(start); // the whole tenant waits
        Assert.Equal(TimeSpan.FromSeconds(1), sleep); // capped at the poll interval
    }

    [Fact]
    public void SlackAndTeamsDrawFromTheirOwnBuckets()
    {
        var queue = Queue(new OutboxDispatcherOptions());
        var slack = Add(queue, new ConversationReference(MemberIdentity.Slack, "T1", "U1", null, "D1", null));
        var teams = Add(queue, Member(1));

        Assert.Equal(new[] { "slack|T1|U1" }, slack.Claims.Select(c => c.Key));
        Assert.Equal(new[] { "msteams|t1", "msteams|t1|29:t1-1" }, teams.Claims.Select(c => c.Key));
        Assert.Equal(2, queue.Next(time.GetUtcNow()).Start.Count);
    }

    [Fact]
    public void WaitingMessagesWhoseLeaseRunsOutAreTakenOutToBeHandedBack()
    {
        var queue = Queue(new OutboxDispatcherOptions { Lease = TimeSpan.FromMinutes(2), MaxInFlight = 1 });
        var busy = Add(queue, Member(1));
        var waiting = Add(queue, Member(2));
        Assert.Equal(new[] { busy }, queue.Next(time.GetUtcNow()).Start);

        time.Advance(TimeSpan.FromSeconds(89));
        Assert.Empty(queue.TakeExpiring(time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new[] { waiting }, queue.TakeExpiring(time.GetUtcNow()));
    }

    [Fact]
    public void TheInFlightCapHoldsAcrossPeople()
    {
        var queue = Queue(new OutboxDispatcherOptions { MaxInFlight = 2 });
        foreach (var i in Enumerable.Range(1, 5))
        {
            Add(queue, Member(i));
        }

        var first = queue.Next(time.GetUtcNow()).Start;
        Assert.Equal(2, first.Count);
        Assert.Equal(2, queue.InFlight);
        queue.Complete(first[0], DeliveryResult.Sent("m"), 0.5);
        Assert.Single(queue.Next(time.GetUtcNow()).Start);
    }

    /// <summary>A queue whose first claim (of nothing) is done, unless <paramref name="claimed"/> is false.</summary>
    private OutboxQueue Queue(OutboxDispatcherOptions options, bool claimed = true)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var queue = new OutboxQueue(options, [new TeamsRateLimits(wrapped), new SlackRateLimits(wrapped)], time);
        if (claimed)
        {
            queue.Claimed(0);
        }

        return queue;
    }

    private OutboxEntry Add(OutboxQueue queue, ConversationReference target, string text = "hello")
    {
        var message = new OutboxMessage(Guid.NewGuid(), "pulse", null, null, null, target.Channel, target.TenantId,
            OutboxJson.Compose("pulse", target, new MessageView(text), time.GetUtcNow()).Target, "{}", 0, time.GetUtcNow(), OutboxStatus.Claimed);
        return queue.Add(message, target, new MessageView(text), time.GetUtcNow());
    }

    private static ConversationReference Member(int number) =>
        new(MemberIdentity.Teams, "t1", $"29:t1-{number}", "https://smba.trafficmanager.net/teams/", $"a:t1-{number}", "28:alliancebot");

    private static DeliveryResult Transient() => new(DeliveryStatus.Transient, Error: "503");
}

/// <summary>A clock whose wall time can be stepped back (as NTP does) while its monotonic timestamps keep running.</summary>
internal sealed class SteppedClock(TimeProvider inner) : TimeProvider
{
    private TimeSpan back;

    public void StepBack(TimeSpan by) => back += by;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() - back;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
