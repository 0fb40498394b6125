using AllianceBot.ConnectorStandIn;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox;

namespace AllianceBot.Scheduling.Tests.Outbox;

/// <summary>
/// The dispatcher over the Data layer's real outbox and contact stores (SQLite; PostgreSQL where several consumers
/// claim the same rows) against the rate-limiting connector stand-in over HTTP.
/// </summary>
public class DispatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Providers for the tests where claiming across consumers matters; PostgreSQL is required, not optional.</summary>
    public static TheoryData<string> ClaimingProviders => new() { "sqlite", "postgres" };

    [Fact]
    public async Task ABurstBeyondTheTenantLimitIsThrottledObeyedAndStillDeliveredExactlyOnce()
    {
        // The dispatcher is told 40/s but the connector allows 10/s: it must learn from the 429s.
        await using var harness = await DispatcherHarness.StartAsync(
            new StandInOptions { TenantRate = 10 },
            new OutboxDispatcherOptions { TeamsTenantRequestsPerSecond = 40, MaxInFlight = 8, PollInterval = TimeSpan.FromMilliseconds(50) });
        await harness.EnqueueAsync(Enumerable.Range(1, 50).Select(i => harness.Member("t1", i)));
        var started = DateTimeOffset.UtcNow;

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        var stats = harness.Server.State.Snapshot(includeMembers: true);
        var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
        Assert.Equal(50, stats.Messages);
        Assert.Equal(50, stats.Members);
        Assert.Equal(0, stats.Duplicates);
        Assert.Equal(50, await harness.Store.CountAsync(OutboxStatus.Sent));
        Assert.True(stats.Throttled > 0, "the connector should have answered 429");
        Assert.Equal(stats.Throttled, harness.Stats.Throttled);

        // Obeying Retry-After: each pause lets at most the sends already in flight run into a 429.
        Assert.True(stats.Throttled <= harness.Options.MaxInFlight * (seconds + 1), $"{stats.Throttled} 429s in {seconds:0.0} s");
    }

    [Fact]
    public async Task WithinTheLimitsNothingIsThrottledAndConversationsAreCreatedOnce()
    {
        await using var harness = await DispatcherHarness.StartAsync(
            new StandInOptions { TenantRate = 10 },
            new OutboxDispatcherOptions { TeamsTenantRequestsPerSecond = 10, PollInterval = TimeSpan.FromMilliseconds(50) });
        var members = Enumerable.Range(1, 15).Select(i => harness.Member("t1", i, knownConversation: false)).ToList();
        await harness.EnqueueAsync(members);

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        var stats = harness.Server.State.Snapshot(includeMembers: false);
        Assert.Equal(0, stats.Throttled);
        Assert.Equal(15, stats.Messages);
        Assert.Equal(0, stats.Duplicates);
        Assert.Equal(15, stats.Tenants["t1"].ConversationsCreated);
        foreach (var member in members)
        {
            var contact = await harness.Contacts.FindAsync(member.Identity, CancellationToken.None);
            Assert.StartsWith("a:", contact!.Reference.ConversationId, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OneConversationGetsItsMessagesInOrderWithinAllItsWindows()
    {
        await using var harness = await DispatcherHarness.StartAsync(new StandInOptions(), new OutboxDispatcherOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        var member = harness.Member("t1", 1);
        var texts = Enumerable.Range(1, 12).Select(i => $"m{i:D2}").ToList();
        foreach (var text in texts)
        {
            await harness.EnqueueAsync([member], text);
        }

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        Assert.Equal(0, harness.Server.State.Snapshot(false).Throttled);
        Assert.Equal(texts, harness.Server.State.TextsOf("t1", member.UserId));
    }

    [Fact]
    public async Task BlockedRejectedAndFlakyMembersEndInTheRightState()
    {
        await using var harness = await DispatcherHarness.StartAsync(
            new StandInOptions
            {
                BlockedUsers = new HashSet<string> { "29:t1-1" },
                RejectedUsers = new HashSet<string> { "29:t1-2" },
                FlakyUsers = new Dictionary<string, int> { ["29:t1-3"] = 2, ["29:t1-4"] = 10 },
            },
            new OutboxDispatcherOptions { MaxAttempts = 3, BackoffBase = TimeSpan.FromMilliseconds(50), BackoffCap = TimeSpan.FromMilliseconds(200), PollInterval = TimeSpan.FromMilliseconds(50) });
        var members = Enumerable.Range(1, 5).Select(i => harness.Member("t1", i)).ToList();
        await harness.EnqueueAsync(members);

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        var rows = (await harness.Store.RowsAsync()).ToDictionary(r => r.UserId);
        Assert.Equal(OutboxStatus.Unreachable, rows["29:t1-1"].Status);
        Assert.Contains("MessageWritesBlocked", rows["29:t1-1"].LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Failed, rows["29:t1-2"].Status);
        Assert.StartsWith("400", rows["29:t1-2"].LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, rows["29:t1-3"].Status);
        Assert.Equal(OutboxStatus.Failed, rows["29:t1-4"].Status);
        Assert.StartsWith("gave up after 3 attempts", rows["29:t1-4"].LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, rows["29:t1-5"].Status);
        Assert.Equal(2, harness.Server.State.Snapshot(false).Messages);

        // 403 MessageWritesBlocked marks the person unreachable in the contacts table (managers see a count); nobody else.
        var reachable = new List<bool>();
        foreach (var member in members)
        {
            reachable.Add((await harness.Contacts.FindAsync(member.Identity, CancellationToken.None))!.Reachable);
        }

        Assert.Equal([false, true, true, true, true], reachable);
        Assert.Equal(1, harness.Server.State.Snapshot(false).Tenants["t1"].Forbidden);
    }

    [Fact]
    public async Task AThrottledTenantPausesAloneWhileOtherTenantsContinue()
    {
        await using var harness = await DispatcherHarness.StartAsync(
            new StandInOptions { TenantRate = 100, TenantRates = new Dictionary<string, int> { ["slow"] = 2 } },
            new OutboxDispatcherOptions { TeamsTenantRequestsPerSecond = 50, MaxInFlight = 16, PollInterval = TimeSpan.FromMilliseconds(50) });
        await harness.EnqueueAsync(Enumerable.Range(1, 12).Select(i => harness.Member("slow", i)));
        await harness.EnqueueAsync(Enumerable.Range(1, 60).Select(i => harness.Member("fast", i)));

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        var stats = harness.Server.State.Snapshot(false);
        var slow = stats.Tenants["slow"];
        var fast = stats.Tenants["fast"];
        Assert.Equal(12, slow.Messages);
        Assert.Equal(60, fast.Messages);
        Assert.Equal(0, stats.Duplicates);
        Assert.True(slow.Throttled > 0);
        Assert.Equal(0, fast.Throttled);
        Assert.True(fast.LastMessageAt < slow.LastMessageAt, "the fast tenant should not wait for the slow one");
        Assert.True((fast.LastMessageAt!.Value - fast.FirstMessageAt!.Value).TotalSeconds < 3.5, "60 messages at 50/s take a little over a second");
    }

    [Theory]
    [MemberData(nameof(ClaimingProviders))]
    public async Task MessagesClaimedByACrashedInstanceAreDeliveredAfterTheLease(string provider)
    {
        await using var harness = await DispatcherHarness.StartAsync(new StandInOptions(), new OutboxDispatcherOptions { PollInterval = TimeSpan.FromMilliseconds(50) }, provider);
        await harness.EnqueueAsync(Enumerable.Range(1, 20).Select(i => harness.Member("t1", i)));
        var crashedAt = DateTimeOffset.UtcNow;
        Assert.Equal(20, (await harness.Outbox.ClaimAsync("crashed", 100, crashedAt, TimeSpan.FromSeconds(2), CancellationToken.None)).Count);

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        var stats = harness.Server.State.Snapshot(false);
        Assert.Equal(20, stats.Messages);
        Assert.Equal(0, stats.Duplicates);
        Assert.True(stats.Tenants["t1"].FirstMessageAt >= crashedAt.AddSeconds(2));
        Assert.Equal(20, await harness.Store.CountAsync(OutboxStatus.Sent));
    }

    [Theory]
    [MemberData(nameof(ClaimingProviders))]
    public async Task OnlyMessagesInFlightAtACrashAreSentTwice(string provider)
    {
        await using var harness = await DispatcherHarness.StartAsync(new StandInOptions(), new OutboxDispatcherOptions { PollInterval = TimeSpan.FromMilliseconds(50) }, provider);
        var members = Enumerable.Range(1, 10).Select(i => harness.Member("t1", i)).ToList();
        await harness.EnqueueAsync(members);

        // The crashed instance claimed all ten and had three on the wire (delivered, never marked sent).
        var claimed = await harness.Outbox.ClaimAsync("crashed", 100, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), CancellationToken.None);
        foreach (var message in claimed.Take(3))
        {
            await harness.Messenger.SendAsync(OutboxJson.ReadTarget(message.Target), OutboxJson.ReadView(message.Payload), CancellationToken.None);
        }

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        var stats = harness.Server.State.Snapshot(false);
        Assert.Equal(10, stats.Members);
        Assert.Equal(3, stats.Duplicates);
        Assert.Equal(10, await harness.Store.CountAsync(OutboxStatus.Sent));
    }

    [Theory]
    [MemberData(nameof(ClaimingProviders))]
    public async Task TwoDispatchersSharingOneOutboxDeliverEachMessageOnce(string provider)
    {
        await using var harness = await DispatcherHarness.StartAsync(
            new StandInOptions { TenantRate = 200 },
            new OutboxDispatcherOptions { TeamsTenantRequestsPerSecond = 50, ClaimBatchSize = 20, MaxInFlight = 8, PollInterval = TimeSpan.FromMilliseconds(20) },
            provider);
        await harness.EnqueueAsync(Enumerable.Range(1, 300).Select(i => harness.Member("t1", i)));

        var first = await harness.StartDispatcherAsync();
        var second = await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        var stats = harness.Server.State.Snapshot(false);
        Assert.Equal(300, stats.Members);
        Assert.Equal(0, stats.Duplicates);
        Assert.Equal(300, await harness.Store.CountAsync(OutboxStatus.Sent));
        Assert.NotEqual(first.InstanceId, second.InstanceId);
    }

    [Fact]
    public async Task RetryableServerErrorsAreRetriedWithGrowingJitteredBackoff()
    {
        // PROTOCOLS.md: retry 412, 502, 503 and 504. The flaky member's first four sends get one of each.
        var backoffBase = TimeSpan.FromMilliseconds(200);
        await using var harness = await DispatcherHarness.StartAsync(
            new StandInOptions { FlakyUsers = new Dictionary<string, int> { ["29:t1-1"] = 4 }, FlakyStatuses = [412, 502, 503, 504] },
            new OutboxDispatcherOptions { MaxAttempts = 6, BackoffBase = backoffBase, BackoffCap = TimeSpan.FromSeconds(5), PollInterval = TimeSpan.FromMilliseconds(20) });
        await harness.EnqueueAsync([harness.Member("t1", 1), harness.Member("t1", 2)]);
        var started = DateTimeOffset.UtcNow;

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        var tenant = harness.Server.State.Snapshot(false).Tenants["t1"];
        Assert.Equal(2, tenant.Messages);
        Assert.Equal((1, 3), (tenant.BadRequests, tenant.ServerErrors));
        Assert.Equal(4, harness.Stats.Transient);
        Assert.Equal(2, await harness.Store.CountAsync(OutboxStatus.Sent));

        // Equal jitter: each wait is at least half of base × 2^(n−1), so four retries take ≥ 0.1 + 0.2 + 0.4 + 0.8 s,
        // and the healthy member was not held up by the flaky one.
        var flakyDelivered = harness.Server.State.Snapshot(false).Tenants["t1"].LastMessageAt!.Value;
        Assert.True(flakyDelivered - started >= TimeSpan.FromSeconds(1.5), $"delivered after {(flakyDelivered - started).TotalSeconds:0.00} s");
        Assert.Equal(["How is the alliance doing?"], harness.Server.State.TextsOf("t1", "29:t1-2"));
    }

    [Fact]
    public async Task A429WithoutRetryAfterBacksOffAndStillDeliversEveryMessageOnce()
    {
        await using var harness = await DispatcherHarness.StartAsync(
            new StandInOptions { TenantRate = 5, OmitRetryAfter = true },
            new OutboxDispatcherOptions { TeamsTenantRequestsPerSecond = 20, MaxInFlight = 4, ThrottleBackoffBase = TimeSpan.FromMilliseconds(500), PollInterval = TimeSpan.FromMilliseconds(20) });
        await harness.EnqueueAsync(Enumerable.Range(1, 20).Select(i => harness.Member("t1", i)));

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        var stats = harness.Server.State.Snapshot(false);
        Assert.True(stats.Throttled > 0, "the connector should have answered 429");
        Assert.Equal(20, stats.Members);
        Assert.Equal(0, stats.Duplicates);
        Assert.Equal(20, await harness.Store.CountAsync(OutboxStatus.Sent));
    }

    [Fact]
    public async Task UnreadableRowsAndUnknownChannelsFailWithAReason()
    {
        await using var harness = await DispatcherHarness.StartAsync(new StandInOptions(), new OutboxDispatcherOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        var slackMember = new ConversationReference(MemberIdentity.Slack, "T1", "U1", null, "D1", "B1");
        await harness.Outbox.EnqueueAsync(
            [
                OutboxJson.Compose("pulse", slackMember, new MessageView("hi"), DateTimeOffset.UtcNow),
                OutboxJson.Compose("pulse", harness.Member("t1", 1), new MessageView("hi"), DateTimeOffset.UtcNow) with { Payload = "{\"view\":\"hologram\"}" },
                OutboxJson.Compose("pulse", harness.Member("t1", 2), new MessageView("hi"), DateTimeOffset.UtcNow) with { Target = "not json" },
            ],
            CancellationToken.None);

        await harness.StartDispatcherAsync();
        await harness.RunUntilDrainedAsync(Patience);

        var errors = (await harness.Store.RowsAsync()).Select(r => (r.Status, r.LastError)).ToList();
        Assert.All(errors, e => Assert.Equal(OutboxStatus.Failed, e.Status));
        Assert.Contains(errors, e => e.LastError!.Contains("no messenger registered for channel 'slack'", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count(e => e.LastError!.StartsWith("unreadable outbox row", StringComparison.Ordinal)));
        Assert.Equal(0, harness.Server.State.Snapshot(false).Messages);
    }

    [Fact]
    public async Task ASlackChannelGetsAtMostOneMessagePerSecondWhileOtherChannelsGoAhead()
    {
        await using var harness = await DispatcherHarness.StartAsync(new StandInOptions(), new OutboxDispatcherOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        var slack = new RecordingSlackMessenger();
        var alice = new ConversationReference(MemberIdentity.Slack, "T1", "U1", null, "D1", "B1");
        var bob = new ConversationReference(MemberIdentity.Slack, "T1", "U2", null, "D2", "B1");
        await harness.Store.SeeAsync([alice, bob]);
        await harness.Outbox.EnqueueAsync(
            [.. Enumerable.Range(1, 3).Select(i => OutboxJson.Compose("pulse", alice, new MessageView($"a{i}"), DateTimeOffset.UtcNow)),
             OutboxJson.Compose("pulse", bob, new MessageView("b1"), DateTimeOffset.UtcNow)],
            CancellationToken.None);

        await harness.StartDispatcherAsync(slack);
        await harness.RunUntilDrainedAsync(Patience);

        var toAlice = slack.Sent.Where(s => s.User == "U1").ToList();
        Assert.Equal(["a1", "a2", "a3"], toAlice.Select(s => s.Text));
        Assert.All(toAlice.Zip(toAlice.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromSeconds(1), "1 per second per Slack channel"));
        Assert.True(slack.Sent.Single(s => s.User == "U2").At < toAlice[1].At, "another channel does not wait for Alice's");
    }

    /// <summary>
    /// Records when each Slack message would have gone out. A double because Slack's Web API cannot run here; the
    /// limit under test (1 message per second per channel) is the dispatcher's, not the server's.
    /// </summary>
    private sealed class RecordingSlackMessenger : IChannelMessenger
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string User, string Text, DateTimeOffset At)> Sent { get; } = new();

        public string Channel => MemberIdentity.Slack;

        public Task<DeliveryResult> SendAsync(ConversationReference target, View view, CancellationToken cancellationToken)
        {
            Sent.Enqueue((target.UserId, ((MessageView)view).Text, DateTimeOffset.UtcNow));
            return Task.FromResult(DeliveryResult.Sent($"ts-{Sent.Count}"));
        }

        public Task<DeliveryResult> UpdateAsync(ConversationReference target, string messageId, View view, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryResult.Sent(messageId));
    }

    [Fact]
    public void ViewsRoundTripThroughTheOutboxJsonPolymorphically()
    {
        var card = new CardView(CardKind.Pulse, "Pulse", [new Heading("How are we doing?")], [new SubmitAction("Send", "pulse.submit", new Dictionary<string, string> { ["round"] = "r1" })], "Monthly pulse");
        var message = OutboxJson.Compose("pulse", new ConversationReference(MemberIdentity.Teams, "t", "29:u", "http://127.0.0.1/", null, "28:b"), card, DateTimeOffset.UtcNow);

        var back = Assert.IsType<CardView>(OutboxJson.ReadView(message.Payload));
        Assert.Equal("Pulse", back.Title);
        Assert.Equal("pulse.submit", Assert.IsType<SubmitAction>(Assert.Single(back.Actions)).Verb);
        Assert.Equal("29:u", OutboxJson.ReadTarget(message.Target).UserId);
    }
}
