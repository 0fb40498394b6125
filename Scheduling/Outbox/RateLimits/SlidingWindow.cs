namespace AllianceBot.Scheduling.Outbox.RateLimits;

/// <summary>One limit: at most <see cref="Limit"/> requests in any window of <see cref="Length"/>.</summary>
public sealed record WindowLimit(int Limit, TimeSpan Length)
{
    public override string ToString() => $"{Limit}/{Length.TotalSeconds:0.###}s";
}

/// <summary>
/// An exact sliding-window log: remembers the last <c>Limit</c> request times, so "n per window" holds for every
/// window, not just aligned ones. Memory is bounded by the limit. Not thread-safe (the dispatcher's loop owns it).
/// <para>
/// A request is first reserved (it counts, but has no time yet) and committed with the time its response came
/// back. The server saw it somewhere between sending and answering; stamping it with the later moment keeps the
/// window honest however long the request was on the wire (a fresh TCP connection, a slow proxy), at the cost of
/// one round-trip per window.
/// </para>
/// </summary>
public sealed class SlidingWindow
{
    private readonly long[] grants;
    private readonly long length;
    private int head;
    private int count;
    private int reserved;

    public SlidingWindow(WindowLimit limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit.Length, TimeSpan.Zero);
        Limit = limit;
        grants = new long[limit.Limit];
        length = limit.Length.Ticks;
    }

    public WindowLimit Limit { get; }

    /// <summary>
    /// How long until <paramref name="cost"/> more requests fit; zero when they fit now. When the room depends on
    /// requests still in flight, a whole window (the caller re-asks when one of them completes).
    /// </summary>
    public TimeSpan WaitTime(DateTimeOffset now, int cost)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cost, grants.Length);
        Evict(now.UtcTicks);
        var excess = count + reserved + cost - grants.Length;
        if (excess <= 0)
        {
            return TimeSpan.Zero;
        }

        if (excess > count)
        {
            return TimeSpan.FromTicks(length);
        }

        // The excess-th oldest grant has to leave the window first.
        var oldest = grants[(head + excess - 1) % grants.Length];
        return TimeSpan.FromTicks(Math.Max(1, oldest + length - now.UtcTicks));
    }

    /// <summary>Counts requests about to be sent; call only after <see cref="WaitTime"/> returned zero.</summary>
    public void Reserve(int cost) => reserved += cost;

    /// <summary>Stamps reserved requests with the time their answer came back (times must not go backwards).</summary>
    public void Commit(DateTimeOffset at, int cost)
    {
        reserved = Math.Max(0, reserved - cost);
        Evict(at.UtcTicks);
        for (var i = 0; i < cost; i++)
        {
            if (count == grants.Length)
            {
                head = (head + 1) % grants.Length;
                count--;
            }

            grants[(head + count) % grants.Length] = at.UtcTicks;
            count++;
        }
    }

    /// <summary>Reserve and commit at once (a request whose time is known).</summary>
    public void Record(DateTimeOffset now, int cost)
    {
        Reserve(cost);
        Commit(now, cost);
    }

    /// <summary>True when nothing is in flight or inside the window (the limiter can be forgotten).</summary>
    public bool IsIdle(DateTimeOffset now)
    {
        Evict(now.UtcTicks);
        return count == 0 && reserved == 0;
    }

    private void Evict(long now)
    {
        while (count > 0 && grants[head] + length <= now)
        {
            head = (head + 1) % grants.Length;
            count--;
        }
    }
}

/// <summary>Several windows that must all hold (Teams per conversation: 7/1 s, 8/2 s, 60/30 s, 1800/h).</summary>
public sealed class MultiWindowLimiter(IEnumerable<WindowLimit> limits)
{
    private readonly SlidingWindow[] windows = limits.Select(l => new SlidingWindow(l)).ToArray();

    public TimeSpan WaitTime(DateTimeOffset now, int cost = 1) =>
        windows.Select(w => w.WaitTime(now, cost)).DefaultIfEmpty(TimeSpan.Zero).Max();

    public void Record(DateTimeOffset now, int cost = 1)
    {
        foreach (var window in windows)
        {
            window.Record(now, cost);
        }
    }

    public void Reserve(int cost = 1)
    {
        foreach (var window in windows)
        {
            window.Reserve(cost);
        }
    }

    public void Commit(DateTimeOffset at, int cost = 1)
    {
        foreach (var window in windows)
        {
            window.Commit(at, cost);
        }
    }

    /// <summary>Grants (and records at <paramref name="now"/>) when every window allows it; otherwise returns how long to wait and records nothing.</summary>
    public TimeSpan TryAcquire(DateTimeOffset now, int cost = 1)
    {
        var wait = WaitTime(now, cost);
        if (wait == TimeSpan.Zero)
        {
            Record(now, cost);
        }

        return wait;
    }

    public bool IsIdle(DateTimeOffset now) => windows.All(w => w.IsIdle(now));
}
