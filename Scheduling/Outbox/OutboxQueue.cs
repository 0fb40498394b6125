using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox.RateLimits;

namespace AllianceBot.Scheduling.Outbox;

/// <summary>
/// The dispatcher's decisions, without I/O: when to claim again, which claimed message may be sent now (one send per
/// person at a time and in claim order, within every rate bucket and the in-flight cap), when the loop must wake up,
/// and what a send's result means (mark sent, retry from memory, hand back to the store, final). Not thread-safe:
/// the dispatcher's loop owns it.
/// <para>
/// Order per person has one exception: a message waiting for its retry holds the person's later messages for at
/// most <see cref="OutboxDispatcherOptions.BackoffBase"/> (as long as a first retry takes, so a single failure keeps
/// the order); then they go ahead of it. A message on the wire, or one whose conversation was throttled (its buckets
/// are paused), is never overtaken. docs/scheduling.md, "The 'pulse now' stall", says why.
/// </para>
/// <para>
/// Two clocks. Instants that are stored or compared with stored rows (a message's next attempt, a lease, rate
/// windows) use <see cref="TimeProvider.GetUtcNow"/>. How long the loop has waited since its last claim uses the
/// monotonic <see cref="TimeProvider.GetTimestamp"/>: a wall clock that steps back (an NTP correction right after a
/// machine or container starts) must not stop the dispatcher from looking at the outbox.
/// </para>
/// </summary>
public sealed class OutboxQueue
{
    private readonly OutboxDispatcherOptions options;
    private readonly TimeProvider time;
    private readonly Dictionary<string, IChannelRateLimits> rateLimits;
    private readonly RateBuckets buckets = new();
    private readonly List<OutboxEntry> pending = [];
    private readonly HashSet<string> busyLanes = new(StringComparer.Ordinal);
    private readonly TimeSpan leaseMargin;
    private long sequence;
    private long? lastClaimAt;
    private bool claimAtOnce = true;
    private DateTimeOffset nextForget = DateTimeOffset.MinValue;

    public OutboxQueue(OutboxDispatcherOptions options, IEnumerable<IChannelRateLimits> rateLimits, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        this.rateLimits = rateLimits.ToDictionary(r => r.Channel, StringComparer.OrdinalIgnoreCase);
        leaseMargin = TimeSpan.FromTicks(Math.Max(options.Lease.Ticks / 4, TimeSpan.FromSeconds(2).Ticks));
    }

    /// <summary>Claimed messages waiting to be sent (not those in flight).</summary>
    public int Pending => pending.Count;

    public int InFlight { get; private set; }

    /// <summary>How long the oldest waiting message has been due (claims come oldest-due first).</summary>
    public TimeSpan BacklogAge(DateTimeOffset now) => pending.Count == 0 ? TimeSpan.Zero : now - pending.Min(e => e.Message.NextAttemptAt);

    /// <summary>Something was enqueued (in this process): claim at the next turn of the loop instead of after the poll interval.</summary>
    public void Wake() => claimAtOnce = true;

    /// <summary>How many messages to claim now; zero while enough are waiting or the poll interval has not passed.</summary>
    public int ClaimRoom()
    {
        if (pending.Count > options.ClaimBatchSize / 2)
        {
            return 0;
        }

        return claimAtOnce || UntilNextPoll() <= TimeSpan.Zero ? options.ClaimBatchSize - pending.Count : 0;
    }

    /// <summary>A claim returned <paramref name="count"/> messages (a full batch may have left more: claim again at once).</summary>
    public void Claimed(int count)
    {
        lastClaimAt = time.GetTimestamp();
        claimAtOnce = count > 0;
    }

    /// <summary>A claim failed (store outage): try again after the poll interval.</summary>
    public void ClaimFailed() => Claimed(0);

    /// <summary>Adds a claimed message whose channel can be served; it may go at once.</summary>
    public OutboxEntry Add(OutboxMessage message, ConversationReference target, View view, DateTimeOffset now)
    {
        var entry = new OutboxEntry(message, sequence++, now + options.Lease, ClaimsFor) { Target = target, View = view, NotBefore = now };
        pending.Add(entry);
        return entry;
    }

    /// <summary>Removes and returns the waiting messages whose lease is about to run out (to hand back to the store).</summary>
    public IReadOnlyList<OutboxEntry> TakeExpiring(DateTimeOffset now)
    {
        var expiring = pending.Where(e => e.LeaseUntil - leaseMargin <= now).ToList();
        foreach (var entry in expiring)
        {
            pending.Remove(entry);
        }

        return expiring;
    }

    /// <summary>
    /// The messages to send now (reserved in their buckets, their lanes busy until <see cref="Complete"/>), and how
    /// long the loop may sleep before something changes by itself: a blocked message's time, a bucket's window, or
    /// the next poll. A completed send or an enqueue wakes the loop earlier.
    /// </summary>
    public (IReadOnlyList<OutboxEntry> Start, TimeSpan Sleep) Next(DateTimeOffset now)
    {
        if (now >= nextForget)
        {
            buckets.ForgetIdle(now);
            nextForget = now + TimeSpan.FromMinutes(1);
        }

        var start = new List<OutboxEntry>();
        var wake = DateTimeOffset.MaxValue;
        var blockedLanes = new HashSet<string>(StringComparer.Ordinal);
        var blockedBuckets = new HashSet<string>(StringComparer.Ordinal);
        var retrying = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var i = 0; i < pending.Count && InFlight < options.MaxInFlight; i++)
        {
            var entry = pending[i];
            if (busyLanes.Contains(entry.Lane) || blockedLanes.Contains(entry.Lane))
            {
                continue;
            }

            if (entry.NotBefore > now)
            {
                // Waiting for its retry: the person's later messages wait behind it only briefly (below).
                wake = Min(wake, entry.NotBefore);
                retrying.TryAdd(entry.Lane, entry.NotBefore);
                continue;
            }

            if (retrying.TryGetValue(entry.Lane, out var retryAt))
            {
                entry.HeldSince ??= time.GetTimestamp();
                var held = time.GetElapsedTime(entry.HeldSince.Value);
                if (held < options.BackoffBase)
                {
                    wake = Min(wake, Min(retryAt, now + (options.BackoffBase - held)));
                    blockedLanes.Add(entry.Lane);
                    continue;
                }
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
            InFlight++;
            start.Add(entry);
        }

        var sleep = wake == DateTimeOffset.MaxValue ? options.PollInterval : Clamp(wake - now, options.PollInterval);
        if (pending.Count <= options.ClaimBatchSize / 2)
        {
            sleep = claimAtOnce ? TimeSpan.Zero : Min(sleep, UntilNextPoll());
        }

        return (start, sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep);
    }

    /// <summary>
    /// A send came back: frees its lane and slot, stamps its requests into the rate windows and decides what to do.
    /// A retry that fits in the lease stays in memory; otherwise the message goes back to the store, alone: the
    /// person's later messages do not wait for its retry.
    /// </summary>
    public OutboxOutcome Complete(OutboxEntry entry, DeliveryResult result, double random01)
    {
        var now = time.GetUtcNow();
        InFlight--;
        busyLanes.Remove(entry.Lane);

        // Stamped when the loop sees the answer: never earlier than the server saw the request, and monotonic.
        buckets.Commit(entry.Reserved, now);
        if (entry.Abandoned)
        {
            return new OutboxOutcome.Abandoned();
        }

        var claims = entry.Reserved;
        var primary = claims.Count > 0 ? buckets.Get(claims[0]) : null;
        var throttles = 0;
        if (primary is not null)
        {
            primary.ThrottlesInARow = result.Status == DeliveryStatus.Throttled ? primary.ThrottlesInARow + 1 : 0;
            throttles = primary.ThrottlesInARow;
        }

        var attempts = entry.Message.Attempts + entry.LocalAttempts + 1;
        switch (DeliveryDecision.Decide(result, attempts, throttles, now, options, random01))
        {
            case DeliveryDecision.MarkSent sent:
                if (sent.NewConversationId is { Length: > 0 } conversationId && entry.Target.ConversationId is null)
                {
                    ReuseConversation(entry.Lane, conversationId);
                    return new OutboxOutcome.Sent(sent.MessageId, conversationId, now);
                }

                return new OutboxOutcome.Sent(sent.MessageId, null, now);

            case DeliveryDecision.Retry retry:
                if (retry.PauseBuckets)
                {
                    foreach (var claim in claims)
                    {
                        buckets.Pause(claim.Key, retry.At);
                    }
                }
                else
                {
                    entry.LocalAttempts++;
                }

                if (retry.At <= entry.LeaseUntil - leaseMargin)
                {
                    entry.NotBefore = retry.At;
                    Reinsert(entry);
                    return new OutboxOutcome.RetryLater(retry.At, retry.PauseBuckets, claims.FirstOrDefault().Key, HandedBack: []);
                }

                return new OutboxOutcome.RetryLater(retry.At, retry.PauseBuckets, claims.FirstOrDefault().Key, [new HandBack(entry, retry.At, retry.Error)]);

            case DeliveryDecision.Final final:
                return new OutboxOutcome.Final(final.Status, final.Error, now);

            default:
                throw new InvalidOperationException("Unknown delivery decision.");
        }
    }

    /// <summary>Everything still waiting, removed (at shutdown: handed back to the store).</summary>
    public IReadOnlyList<OutboxEntry> TakeAll()
    {
        var all = pending.ToList();
        pending.Clear();
        return all;
    }

    private TimeSpan UntilNextPoll() =>
        lastClaimAt is { } last ? options.PollInterval - time.GetElapsedTime(last) : TimeSpan.Zero;

    /// <summary>The buckets a send draws from, as its channel declares them (none for a channel without limits).</summary>
    private IReadOnlyList<BucketClaim> ClaimsFor(ConversationReference target) =>
        rateLimits.TryGetValue(target.Channel, out var limits) ? limits.ClaimsFor(target) : [];

    /// <summary>Later messages to the same person use the conversation just created instead of creating it again.</summary>
    private void ReuseConversation(string lane, string conversationId)
    {
        foreach (var entry in pending.Where(p => string.Equals(p.Lane, lane, StringComparison.Ordinal) && p.Target.ConversationId is null))
        {
            entry.Target = entry.Target with { ConversationId = conversationId };
        }
    }

    private void Reinsert(OutboxEntry entry)
    {
        var index = pending.FindIndex(p => p.Sequence > entry.Sequence);
        pending.Insert(index < 0 ? pending.Count : index, entry);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Clamp(TimeSpan value, TimeSpan max) => value > max ? max : value;
}

/// <summary>A claimed message as the queue holds it.</summary>
public sealed class OutboxEntry
{
    private readonly Func<ConversationReference, IReadOnlyList<BucketClaim>> claimsOf;
    private ConversationReference target = null!;

    internal OutboxEntry(OutboxMessage message, long sequence, DateTimeOffset leaseUntil, Func<ConversationReference, IReadOnlyList<BucketClaim>> claimsOf)
    {
        Message = message;
        Sequence = sequence;
        LeaseUntil = leaseUntil;
        this.claimsOf = claimsOf;
    }

    public OutboxMessage Message { get; }

    public long Sequence { get; }

    public DateTimeOffset LeaseUntil { get; }

    /// <summary>Setting it (a conversation was created) recomputes the bucket claims; the lane stays.</summary>
    public required ConversationReference Target
    {
        get => target;
        set
        {
            target = value;
            Claims = claimsOf(value);
            Lane ??= $"{value.Channel}|{value.TenantId}|{value.UserId}";
        }
    }

    /// <summary>The buckets this message draws from, computed once (the queue looks at every waiting entry often).</summary>
    public IReadOnlyList<BucketClaim> Claims { get; private set; } = [];

    /// <summary>Messages to one person go one at a time, in order (but see <see cref="HeldSince"/>).</summary>
    public string Lane { get; private set; } = null!;

    public required View View { get; init; }

    public DateTimeOffset NotBefore { get; set; }

    /// <summary>
    /// Monotonic timestamp of the first time this message was kept waiting behind an earlier message to the same
    /// person that waits for a retry; after <see cref="OutboxDispatcherOptions.BackoffBase"/> it goes ahead.
    /// </summary>
    internal long? HeldSince { get; set; }

    /// <summary>Failed sends from memory since the claim (added to the stored attempts when handed back).</summary>
    public int LocalAttempts { get; set; }

    /// <summary>Cut off at shutdown: its result is not recorded (the lease hands it to the next claim).</summary>
    public bool Abandoned { get; set; }

    /// <summary>What the send reserved in the rate buckets (committed when its answer comes back).</summary>
    public IReadOnlyList<BucketClaim> Reserved { get; set; } = [];
}

/// <summary>A message going back to the store unsent, due again at <paramref name="At"/>.</summary>
public sealed record HandBack(OutboxEntry Entry, DateTimeOffset At, string Reason);

/// <summary>What the loop has to store after a send.</summary>
public abstract record OutboxOutcome
{
    /// <summary>Delivered; <paramref name="NewConversationId"/> is set when a 1:1 conversation was created (remember it for the contact).</summary>
    public sealed record Sent(string? MessageId, string? NewConversationId, DateTimeOffset At) : OutboxOutcome;

    /// <summary>Tried again at <paramref name="At"/>: from memory (nothing handed back) or from the store.</summary>
    public sealed record RetryLater(DateTimeOffset At, bool Throttled, string? Bucket, IReadOnlyList<HandBack> HandedBack) : OutboxOutcome;

    public sealed record Final(string Status, string Error, DateTimeOffset At) : OutboxOutcome;

    /// <summary>Cut off at shutdown: nothing is recorded.</summary>
    public sealed record Abandoned : OutboxOutcome;
}
