namespace AllianceBot.Scheduling.Outbox;

/// <summary>Running totals of this process's dispatcher (for health output, tests and the benchmark).</summary>
public sealed class OutboxDispatcherStats
{
    private long sent;
    private long throttled;
    private long transient;
    private long unreachable;
    private long failed;
    private long returnedToStore;

    public long Sent => Interlocked.Read(ref sent);

    /// <summary>429 answers received.</summary>
    public long Throttled => Interlocked.Read(ref throttled);

    public long Transient => Interlocked.Read(ref transient);

    public long Unreachable => Interlocked.Read(ref unreachable);

    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Claims given back to the store (long backoff, lease running out, shutdown).</summary>
    public long ReturnedToStore => Interlocked.Read(ref returnedToStore);

    internal void CountSent() => Interlocked.Increment(ref sent);

    internal void CountThrottled() => Interlocked.Increment(ref throttled);

    internal void CountTransient() => Interlocked.Increment(ref transient);

    internal void CountUnreachable() => Interlocked.Increment(ref unreachable);

    internal void CountFailed() => Interlocked.Increment(ref failed);

    internal void CountReturned() => Interlocked.Increment(ref returnedToStore);
}
