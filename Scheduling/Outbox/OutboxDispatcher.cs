using System.Threading.Channels;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox.RateLimits;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AllianceBot.Scheduling.Outbox;

/// <summary>
/// Delivers the outbox. One loop owns all state: it claims due messages with a lease, starts sends in claim order
/// as the rate buckets allow (tenant and conversation for Teams, channel for Slack; at most one send per
/// conversation at a time, so a conversation's messages stay in order), and records each result.
/// <para>
/// Crash semantics: a message is marked sent only after the channel confirmed it. A process killed between the
/// two leaves the message claimed; after the lease it is claimed again and sent again. The slot of a send is freed
/// only after its result is stored, so at most <see cref="OutboxDispatcherOptions.MaxInFlight"/> messages per
/// killed process can be delivered twice. Claimed messages that were not yet sent are simply sent later.
/// </para>
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly IOutboxStore store;
    private readonly IContactStore contacts;
    private readonly Dictionary<string, IChannelMessenger> messengers;
    private readonly TimeProvider time;
    private readonly OutboxDispatcherOptions options;
    private readonly OutboxDispatcherStats stats;
    private readonly ILogger<OutboxDispatcher> logger;
    private readonly AllianceBot.Data.Telemetry.AllianceTelemetry? telemetry;
    private readonly RateBuckets buckets = new();
    private readonly List<Entry> pending = [];
    private readonly HashSet<string> busyLanes = new(StringComparer.Ordinal);
    private readonly Channel<Completion> completions = Channel.CreateUnbounded<Completion>();
    private readonly CancellationTokenSource sendCancellation = new();
    private readonly TimeSpan leaseMargin;
    private int inFlight;
    private long sequence;
    private DateTimeOffset nextClaimAt = DateTimeOffset.MinValue;
    private DateTimeOffset nextForget = DateTimeOffset.MinValue;

    public OutboxDispatcher(
        IOutboxStore store,
        IContactStore contacts,
        IEnumerable<IChannelMessenger> messengers,
        TimeProvider time,
        IOptions<OutboxDispatcherOptions> options,
        OutboxDispatcherStats stats,
        ILogger<OutboxDispatcher> logger,
        AllianceBot.Data.Telemetry.AllianceTelemetry? telemetry = null)
    {
        this.telemetry = telemetry;
        this.store = store;
        this.contacts = contacts;
        this.messengers = messengers.ToDictionary(m => m.Channel, StringComparer.OrdinalIgnoreCase);
        this.time = time;
        this.options = options.Value;
        this.stats = stats;
        this.logger = logger;
        InstanceId = this.options.InstanceId
            ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        leaseMargin = TimeSpan.FromTicks(Math.Max(this.options.Lease.Ticks / 4, TimeSpan.FromSeconds(2).Ticks));
    }

    public string InstanceId { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Outbox dispatcher {InstanceId} started", InstanceId);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A store outage must not stop the host: claims stay leased and are picked up again.
                    logger.LogError(ex, "Outbox dispatcher loop failed; continuing in {Interval}", options.PollInterval);
                    await Task.Delay(options.PollInterval, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await StopGracefullyAsync();
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        await DrainCompletionsAsync();
        var now = time.GetUtcNow();
        await ReturnExpiringClaimsAsync(now);
        if (pending.Count <= options.ClaimBatchSize / 2 && now >= nextClaimAt)
        {
            await ClaimAsync(now, stoppingToken);
        }

        // Backlog age: how long the oldest message this instance holds has been due (claims are oldest-due first).
        telemetry?.OutboxBacklogAge(pending.Count == 0 ? TimeSpan.Zero : now - pending.Min(e => e.Message.NextAttemptAt));

        if (now >= nextForget)
        {
            buckets.ForgetIdle(now);
            nextForget = now + TimeSpan.FromMinutes(1);
        }

        var wake = Pump(now);
        var until = Min(wake, now + options.PollInterval);
        if (pending.Count <= options.ClaimBatchSize / 2)
        {
            until = Min(until, nextClaimAt);
        }

        await WaitAsync(until - now, stoppingToken);
    }

    private async Task StopGracefullyAsync()
    {
        // Let sends already on the wire finish so their results are stored; a cut-off send is the one case that
        // can be delivered twice.
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (inFlight > 0 && time.GetUtcNow() < deadline)
        {
            try
            {
                await completions.Reader.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(1), time);
            }
            catch (TimeoutException)
            {
                // Checked against the deadline above.
            }

            await DrainCompletionsAsync();
        }

        await sendCancellation.CancelAsync();
        var now = time.GetUtcNow();
        foreach (var entry in pending.ToList())
        {
            await ReturnToStoreAsync(entry, entry.NotBefore > now ? entry.NotBefore : now, "released at shutdown");
        }

        pending.Clear();
        logger.LogInformation("Outbox dispatcher {InstanceId} stopped", InstanceId);
    }

    private async Task ClaimAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxMessage> claimed;
        try
        {
            claimed = await store.ClaimAsync(InstanceId, options.ClaimBatchSize - pending.Count, now, options.Lease, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Claiming outbox messages failed; trying again in {Interval}", options.PollInterval);
            nextClaimAt = now + options.PollInterval;
            return;
        }

        nextClaimAt = claimed.Count == 0 ? now + options.PollInterval : now;
        foreach (var message in claimed)
        {
            var entry = await DecodeAsync(message, now);
            if (entry is not null)
            {
                pending.Add(entry);
            }
        }
    }

    private async Task<Entry?> DecodeAsync(OutboxMessage message, DateTimeOffset now)
    {
        ConversationReference target;
        View view;
        try
        {
            target = OutboxJson.ReadTarget(message.Target);
            view = OutboxJson.ReadView(message.Payload);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or ArgumentException)
        {
            await FinalAsync(message, target: null, OutboxStatus.Failed, $"unreadable outbox row: {ex.Message}", now);
            return null;
        }

        if (!messengers.TryGetValue(target.Channel, out var messenger))
        {
            await FinalAsync(message, target: null, OutboxStatus.Failed, $"no messenger registered for channel '{target.Channel}'", now);
            return null;
        }

        return new Entry(message, sequence++, messenger, now + options.Lease, Buckets) { Target = target, View = view, NotBefore = now };
    }

    /// <summary>Starts every send that may go now; returns when the earliest blocked one may.</summary>
    private DateTimeOffset Pump(DateTimeOffset now)
    {
        var wake = DateTimeOffset.MaxValue;
        var blockedLanes = new HashSet<string>(StringComparer.Ordinal);
        var blockedBuckets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pending.Count && inFlight < options.MaxInFlight; i++)
        {
            var entry = pending[i];
            if (busyLanes.Contains(entry.Lane) || blockedLanes.Contains(entry.Lane))
            {
                continue;
            }

            if (entry.NotBefore > now)
            {
                wake = Min(wake, entry.NotBefore);
                blockedLanes.Add(entry.Lane);
                continue;
            }

            var claims = entry.Claims;
            if (claims.Any(c => blockedBuckets.Contains(c.Key)))
            {
                // An earlier message is waiting for this bucket: keep the bucket's order.
                blockedLanes.Add(entry.Lane);
                continue;
            }

            var (wait, blockedBy) = buckets.TryAcquire(claims, now);
            if (wait > TimeSpan.Zero)
            {
                wake = Min(wake, now + wait);
                blockedBuckets.Add(blockedBy!);
                blockedLanes.Add(entry.Lane);
                continue;
            }

            pending.RemoveAt(i--);
            entry.Reserved = claims;
            busyLanes.Add(entry.Lane);
            inFlight++;
            _ = SendAsync(entry);
        }

        return wake;
    }

    private async Task SendAsync(Entry entry)
    {
        using var span = AllianceBot.Data.Telemetry.AllianceTelemetry.Source.StartActivity("alliancebot.outbox.send");
        span?.SetTag("alliancebot.channel", entry.Message.Channel);
        span?.SetTag("alliancebot.message.kind", entry.Message.Kind);
        DeliveryResult result;
        try
        {
            result = await entry.Messenger.SendAsync(entry.Target, entry.View, sendCancellation.Token);
        }
        catch (OperationCanceledException) when (sendCancellation.IsCancellationRequested)
        {
            result = new DeliveryResult(DeliveryStatus.Transient, Error: "cancelled at shutdown");
            entry.Abandoned = true;
        }
        catch (Exception ex)
        {
            result = new DeliveryResult(DeliveryStatus.Transient, Error: $"{ex.GetType().Name}: {ex.Message}");
        }

        completions.Writer.TryWrite(new Completion(entry, result));
    }

    private async Task DrainCompletionsAsync()
    {
        while (completions.Reader.TryRead(out var completion))
        {
            // Stamped when the loop sees the answer: never earlier than the server saw the request, and monotonic.
            buckets.Commit(completion.Entry.Reserved, time.GetUtcNow());
            try
            {
                if (!completion.Entry.Abandoned)
                {
                    await RecordAsync(completion.Entry, completion.Result);
                }
            }
            catch (Exception ex)
            {
                // The claim stays; after the lease the message is sent again (at-least-once).
                logger.LogError(ex, "Recording the result of outbox message {MessageId} failed", completion.Entry.Message.Id);
            }
            finally
            {
                inFlight--;
                busyLanes.Remove(completion.Entry.Lane);
            }
        }
    }

    private async Task RecordAsync(Entry entry, DeliveryResult result)
    {
        var now = time.GetUtcNow();
        var claims = entry.Reserved;
        var primary = claims.Count > 0 ? buckets.Get(claims[0]) : null;
        var throttles = 0;
        if (primary is not null)
        {
            primary.ThrottlesInARow = result.Status == DeliveryStatus.Throttled ? primary.ThrottlesInARow + 1 : 0;
            throttles = primary.ThrottlesInARow;
        }

        var attempts = entry.Message.Attempts + entry.LocalAttempts + 1;
        var decision = DeliveryDecision.Decide(result, attempts, throttles, now, options, Random.Shared.NextDouble());
        switch (decision)
        {
            case DeliveryDecision.MarkSent sent:
                await store.MarkSentAsync(entry.Message.Id, sent.MessageId, now, CancellationToken.None);
                stats.CountSent();
                telemetry?.OutboxSent(entry.Message.Channel, entry.Message.Kind);
                if (sent.NewConversationId is { Length: > 0 } conversationId && entry.Target.ConversationId is null)
                {
                    await contacts.SetPersonalConversationAsync(entry.Target.Identity, conversationId, CancellationToken.None);
                    ReuseConversation(entry.Lane, conversationId);
                }

                break;

            case DeliveryDecision.Retry retry:
                if (retry.PauseBuckets)
                {
                    stats.CountThrottled();
                    telemetry?.OutboxThrottled(entry.Message.Channel);
                    foreach (var claim in claims)
                    {
                        buckets.Pause(claim.Key, retry.At);
                    }

                    logger.LogInformation("Throttled on {Bucket}; pausing until {Until}", claims.FirstOrDefault().Key, retry.At);
                }
                else
                {
                    stats.CountTransient();
                    entry.LocalAttempts++;
                }

                await RetryAsync(entry, retry.At, retry.Error);
                break;

            case DeliveryDecision.Final final:
                await FinalAsync(entry.Message, entry.Target, final.Status, final.Error, now);
                break;
        }
    }

    /// <summary>Retries from memory while the lease allows; otherwise hands the message (and its lane's followers) back.</summary>
    private async Task RetryAsync(Entry entry, DateTimeOffset at, string error)
    {
        if (at <= entry.LeaseUntil - leaseMargin)
        {
            entry.NotBefore = at;
            Reinsert(entry);
            return;
        }

        await ReturnToStoreAsync(entry, at, error);
        foreach (var follower in pending.Where(p => string.Equals(p.Lane, entry.Lane, StringComparison.Ordinal)).ToList())
        {
            pending.Remove(follower);
            await ReturnToStoreAsync(follower, at, $"held behind {entry.Message.Id}");
        }
    }

    private async Task ReturnExpiringClaimsAsync(DateTimeOffset now)
    {
        foreach (var entry in pending.Where(e => e.LeaseUntil - leaseMargin <= now).ToList())
        {
            pending.Remove(entry);
            await ReturnToStoreAsync(entry, entry.NotBefore > now ? entry.NotBefore : now, "lease ran out before the send could start");
        }
    }

    private async Task ReturnToStoreAsync(Entry entry, DateTimeOffset at, string reason)
    {
        try
        {
            // Only sends that failed count against the retry budget; a throttled or never-started send does not.
            await store.RescheduleAsync(entry.Message.Id, at, entry.LocalAttempts, reason, CancellationToken.None);
            stats.CountReturned();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Returning outbox message {MessageId} to the store failed; its lease will release it", entry.Message.Id);
        }
    }

    private async Task FinalAsync(OutboxMessage message, ConversationReference? target, string status, string error, DateTimeOffset now)
    {
        await store.MarkFinalAsync(message.Id, status, error, now, CancellationToken.None);
        if (string.Equals(status, OutboxStatus.Unreachable, StringComparison.Ordinal))
        {
            stats.CountUnreachable();
            telemetry?.OutboxUnreachable(message.Channel, message.Kind);
            if (target is not null)
            {
                await contacts.MarkUnreachableAsync(target.Identity, error, now, CancellationToken.None);
            }
        }
        else
        {
            stats.CountFailed();
            telemetry?.OutboxFailed(message.Channel, message.Kind);
            logger.LogWarning("Outbox message {MessageId} failed: {Error}", message.Id, error);
        }
    }

    /// <summary>Later messages to the same person use the conversation just created instead of creating it again.</summary>
    private void ReuseConversation(string lane, string conversationId)
    {
        foreach (var entry in pending.Where(p => string.Equals(p.Lane, lane, StringComparison.Ordinal) && p.Target.ConversationId is null))
        {
            entry.Target = entry.Target with { ConversationId = conversationId };
        }
    }

    private void Reinsert(Entry entry)
    {
        var index = pending.FindIndex(p => p.Sequence > entry.Sequence);
        pending.Insert(index < 0 ? pending.Count : index, entry);
    }

    /// <summary>
    /// The buckets a send draws from. Proactive messages are 1:1, so a Teams conversation is identified by the
    /// person (the key does not change when the conversation id is learned). Creating the conversation first is a
    /// second request against the tenant.
    /// </summary>
    private IReadOnlyList<BucketClaim> Buckets(ConversationReference target)
    {
        if (string.Equals(target.Channel, MemberIdentity.Teams, StringComparison.OrdinalIgnoreCase))
        {
            return
            [
                new BucketClaim($"msteams|{target.TenantId}", options.TenantLimits, target.ConversationId is null ? 2 : 1),
                new BucketClaim($"msteams|{target.TenantId}|{target.UserId}", options.ConversationLimits, 1),
            ];
        }

        if (string.Equals(target.Channel, MemberIdentity.Slack, StringComparison.OrdinalIgnoreCase))
        {
            return [new BucketClaim($"slack|{target.TenantId}|{target.UserId}", options.SlackChannelLimits, 1)];
        }

        return [];
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            await Task.Yield();
            return;
        }

        using var wakeUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completed = completions.Reader.WaitToReadAsync(wakeUp.Token).AsTask();
        var timer = Task.Delay(delay, time, wakeUp.Token);
        await Task.WhenAny(completed, timer);
        await wakeUp.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public override void Dispose()
    {
        sendCancellation.Dispose();
        base.Dispose();
    }

    private sealed class Entry(
        OutboxMessage message,
        long sequence,
        IChannelMessenger messenger,
        DateTimeOffset leaseUntil,
        Func<ConversationReference, IReadOnlyList<BucketClaim>> bucketsOf)
    {
        private ConversationReference target = null!;

        public OutboxMessage Message { get; } = message;

        public long Sequence { get; } = sequence;

        public IChannelMessenger Messenger { get; } = messenger;

        public DateTimeOffset LeaseUntil { get; } = leaseUntil;

        /// <summary>Setting it (a conversation was created) recomputes the bucket claims; the lane stays.</summary>
        public required ConversationReference Target
        {
            get => target;
            set
            {
                target = value;
                Claims = bucketsOf(value);
                Lane ??= $"{value.Channel}|{value.TenantId}|{value.UserId}";
            }
        }

        /// <summary>The buckets this message draws from, computed once (the pump looks at every pending entry often).</summary>
        public IReadOnlyList<BucketClaim> Claims { get; private set; } = [];

        /// <summary>Messages to one person go one at a time, in order.</summary>
        public string Lane { get; private set; } = null!;

        public required View View { get; init; }

        public DateTimeOffset NotBefore { get; set; }

        public int LocalAttempts { get; set; }

        public bool Abandoned { get; set; }

        /// <summary>What the send reserved in the rate buckets (committed when its answer comes back).</summary>
        public IReadOnlyList<BucketClaim> Reserved { get; set; } = [];

    }

    private sealed record Completion(Entry Entry, DeliveryResult Result);
}
