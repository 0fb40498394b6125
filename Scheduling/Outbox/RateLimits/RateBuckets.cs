namespace AllianceBot.Scheduling.Outbox.RateLimits;

/// <summary>A limiter plus a pause (after a 429) and a count of throttles in a row (for backoff without Retry-After).</summary>
internal sealed class RateBucket(string key, MultiWindowLimiter limiter)
{
    public string Key { get; } = key;

    public MultiWindowLimiter Limiter { get; } = limiter;

    public DateTimeOffset PausedUntil { get; set; } = DateTimeOffset.MinValue;

    public int ThrottlesInARow { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    public TimeSpan WaitTime(DateTimeOffset now, int cost) =>
        PausedUntil > now ? PausedUntil - now : Limiter.WaitTime(now, cost);
}

/// <summary>What one send needs from the buckets: the key and how many requests it costs there.</summary>
public readonly record struct BucketClaim(string Key, IReadOnlyList<WindowLimit> Limits, int Cost);

/// <summary>
/// All rate buckets of one dispatcher, created on first use and forgotten when idle. Acquisition is all-or-nothing
/// across the buckets a send needs, so a tenant token is never spent on a send its conversation cannot make.
/// </summary>
internal sealed class RateBuckets
{
    private readonly Dictionary<string, RateBucket> buckets = new(StringComparer.Ordinal);

    public int Count => buckets.Count;

    public RateBucket Get(BucketClaim claim)
    {
        if (!buckets.TryGetValue(claim.Key, out var bucket))
        {
            bucket = new RateBucket(claim.Key, new MultiWindowLimiter(claim.Limits));
            buckets.Add(claim.Key, bucket);
        }

        return bucket;
    }

    /// <summary>Zero when granted (reserved in every bucket, to be committed when the answer comes); otherwise the longest wait and the bucket that imposes it.</summary>
    public (TimeSpan Wait, string? BlockedBy) TryAcquire(IReadOnlyList<BucketClaim> claims, DateTimeOffset now)
    {
        var wait = TimeSpan.Zero;
        string? blockedBy = null;
        foreach (var claim in claims)
        {
            var bucketWait = Get(claim).WaitTime(now, claim.Cost);
            if (bucketWait > wait)
            {
                wait = bucketWait;
                blockedBy = claim.Key;
            }
        }

        if (wait > TimeSpan.Zero)
        {
            return (wait, blockedBy);
        }

        foreach (var claim in claims)
        {
            var bucket = Get(claim);
            bucket.Limiter.Reserve(claim.Cost);
            bucket.LastUsed = now;
        }

        return (TimeSpan.Zero, null);
    }

    /// <summary>The requests reserved for these claims got their answer at <paramref name="at"/>.</summary>
    public void Commit(IReadOnlyList<BucketClaim> claims, DateTimeOffset at)
    {
        foreach (var claim in claims)
        {
            Get(claim).Limiter.Commit(at, claim.Cost);
        }
    }

    public void Pause(string key, DateTimeOffset until)
    {
        if (buckets.TryGetValue(key, out var bucket) && until > bucket.PausedUntil)
        {
            bucket.PausedUntil = until;
        }
    }

    /// <summary>Drops buckets with nothing in their windows and no pause, so memory follows activity, not history.</summary>
    public void ForgetIdle(DateTimeOffset now)
    {
        foreach (var (key, bucket) in buckets.ToList())
        {
            if (bucket.PausedUntil <= now && bucket.Limiter.IsIdle(now))
            {
                buckets.Remove(key);
            }
        }
    }
}
