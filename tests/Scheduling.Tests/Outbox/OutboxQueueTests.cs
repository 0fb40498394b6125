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
    public void ATransientFailureIsRetriedFromMemoryWhileTheLeaseAllowsAndThenHandedBackAlone()
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
        // The follower does not wait for all that (see AMessageIsNotHeldBehindAnEarlierOneThatKeepsFailing).
        var sent = new List<OutboxEntry>();
        OutboxOutcome.RetryLater? last = null;
        while (last is not { HandedBack.Count: > 0 } && time.GetUtcNow() < Start + TimeSpan.FromMinutes(5))
        {
            var start = Turn(queue);
            foreach (var entry in start)
            {
                if (entry == leader)
                {
                    last = Assert.IsType<OutboxOutcome.RetryLater>(queue.Complete(entry, Transient(), 1.0));
                }
                else
                {
                    Assert.IsType<OutboxOutcome.Sent>(queue.Complete(entry, DeliveryResult.Sent("m"), 1.0));
                    sent.Add(entry);
                }
            }
        }

        Assert.Equal(new[] { follower }, sent);
        Assert.NotNull(last);
        var handedBack = Assert.Single(last.HandedBack);
        Assert.Same(leader, handedBack.Entry);
        Assert.Equal(last.At, handedBack.At);
        Assert.Equal(0, queue.Pending);
    }

    /// <summary>
    /// The second cause of the "pulse now" stall. An earlier message to a person failed with a retryable error and
    /// keeps failing (2, 4, 8, 16 s of backoff); a pulse card to the same person, claimed just after, used to wait
    /// behind it the whole time: claimed, 0 attempts, for 29.5 s here. Now it waits at most BackoffBase (as long
    /// as a first retry takes, so a single failure keeps the order) and then goes ahead; the failing message
    /// keeps its own retries.
    /// </summary>
    [Fact]
    public void AMessageIsNotHeldBehindAnEarlierOneThatKeepsFailing()
    {
        var options = new OutboxDispatcherOptions { BackoffBase = TimeSpan.FromSeconds(2), PollInterval = TimeSpan.FromSeconds(1) };
        var queue = Queue(options);
        var member = Member(1);
        var earlier = Add(queue, member, "the closing summary of the last round");
        var failures = 0;
        Assert.IsType<OutboxOutcome.RetryLater>(queue.Complete(Assert.Single(queue.Next(time.GetUtcNow()).Start), Transient(), 1.0));
        failures++;

        time.Advance(TimeSpan.FromMilliseconds(500));
        var pulse = Add(queue, member, "pulse now");
        var claimedAt = time.GetUtcNow();

        var delivered = new List<(OutboxEntry Entry, DateTimeOffset At)>();
        while (delivered.Count < 2 && time.GetUtcNow() < Start + TimeSpan.FromMinutes(1))
        {
            foreach (var entry in Turn(queue))
            {
                if (entry == earlier && failures < 4)
                {
                    Assert.IsType<OutboxOutcome.RetryLater>(queue.Complete(entry, Transient(), 1.0));
                    failures++;
                }
                else
                {
                    Assert.IsType<OutboxOutcome.Sent>(queue.Complete(entry, DeliveryResult.Sent("m"), 1.0));
                    delivered.Add((entry, time.GetUtcNow()));
                }
            }
        }

        var pulseSentAt = Assert.Single(delivered, d => d.Entry == pulse).At;
        Assert.True(pulseSentAt - claimedAt <= options.BackoffBase,
            $"the pulse card was held {(pulseSentAt - claimedAt).TotalSeconds:0.0} s behind the failing message, claimed with 0 attempts");
        Assert.Same(pulse, delivered[0].Entry);
        Assert.Equal(0, pulse.LocalAttempts);

        // The earlier message still got its retries (2, 4, 8, 16 s after its failures) and went on the fifth attempt.
        var (second, earlierSentAt) = delivered[1];
        Assert.Same(earlier, second);
        Assert.Equal(4, failures);
        Assert.Equal(Start + TimeSpan.FromSeconds(2 + 4 + 8 + 16), earlierSentAt);
    }

    /// <summary>A single failure is retried within BackoffBase: the person's next message waits for it, order kept.</summary>
    [Fact]
    public void AFirstRetryKeepsThePersonsOrder()
    {
        var queue = Queue(new OutboxDispatcherOptions { BackoffBase = TimeSpan.FromSeconds(2), PollInterval = TimeSpan.FromSeconds(10) });
        var member = Member(1);
        var earlier = Add(queue, member, "earlier");
        queue.Complete(Assert.Single(queue.Next(time.GetUtcNow()).Start), Transient(), 1.0);
        time.Advance(TimeSpan.FromMilliseconds(500));
        var later = Add(queue, member, "later");

        var (start, sleep) = queue.Next(time.GetUtcNow());
        Assert.Empty(start);
        Assert.Equal(TimeSpan.FromSeconds(1.5), sleep); // until the earlier one's retry

        time.Advance(sleep);
        Assert.Equal(new[] { earlier }, queue.Next(time.GetUtcNow()).Start);

        // Its answer is slow: the later message never overtakes a send on the wire, however long it has waited.
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(queue.Next(time.GetUtcNow()).Start);
        queue.Complete(earlier, DeliveryResult.Sent("m1"), 1.0);
        Assert.Equal(new[] { later }, queue.Next(time.GetUtcNow()).Start);
    }

    /// <summary>A 429 pauses the person's conversation: a later message waits for it however long that takes.</summary>
    [Fact]
    public void AThrottledMessageIsNeverOvertaken()
    {
        var queue = Queue(new OutboxDispatcherOptions { BackoffBase = TimeSpan.FromSeconds(2) });
        var member = Member(1);
        var earlier = Add(queue, member, "earlier");
        queue.Complete(Assert.Single(queue.Next(time.GetUtcNow()).Start), new DeliveryResult(DeliveryStatus.Throttled, RetryAfter: TimeSpan.FromSeconds(30)), 1.0);
        var later = Add(queue, member, "later");
        Assert.Empty(queue.Next(time.GetUtcNow()).Start);

        // Long past BackoffBase, but the conversation's bucket is paused: Teams asked for 30 s.
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(queue.Next(time.GetUtcNow()).Start);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new[] { earlier }, queue.Next(time.GetUtcNow()).Start);
        queue.Complete(earlier, DeliveryResult.Sent("m1"), 1.0);
        Assert.Equal(new[] { later }, queue.Next(time.GetUtcNow()).Start);
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

    /// <summary>
    /// One turn of the dispatcher's loop on the fake clock: claim (nothing: the tests add what was claimed) when the
    /// queue asks, and start what may go; when nothing may go, sleep as long as the queue says. A completed send
    /// wakes the real loop at once, so after starts the clock stands still.
    /// </summary>
    private IReadOnlyList<OutboxEntry> Turn(OutboxQueue queue)
    {
        if (queue.ClaimRoom() > 0)
        {
            queue.Claimed(0);
        }

        var (start, sleep) = queue.Next(time.GetUtcNow());
        if (start.Count == 0)
        {
            Assert.True(sleep > TimeSpan.Zero, "nothing to start and no reason to wait");
            time.Advance(sleep);
        }

        return start;
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
