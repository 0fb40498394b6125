namespace AllianceBot.Scheduling.Outbox.RateLimits;

/// <summary>One limit: at most <see cref="Limit"/> requests in any window of <see cref="Length"/>.</summary>
public sealed record WindowLimit(int Limit, TimeSpan Length)
{
    public override string ToString() => $"{Limit}/{Length.TotalSeconds:0.###}s";
}

/// <summary>
/// An exact sliding-window log: remembers the last <c>Limit</c> grant times, so "n per window" holds for every
/// window, not just aligned ones. Memory is bounded by the limit. Not thread-safe (the dispatcher's loop owns it).
/// </summary>
public sealed class SlidingWindow
{
    private readonly long[] grants;
    private readonly long length;
    private int head;
    private int count;

    public SlidingWindow(WindowLimit limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit.Length, TimeSpan.Zero);
        Limit = limit;
        grants = new long[limit.Limit];
        length = limit.Length.Ticks;
    }

    public WindowLimit Limit { get; }

    /// <summary>How long until <paramref name="cost"/> more grants fit; zero when they fit now.</summary>
    public TimeSpan WaitTime(DateTimeOffset now, int cost)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cost, grants.Length);
        Evict(now.UtcTicks);
        var excess = count + cost - grants.Length;
        if (excess <= 0)
        {
            return TimeSpan.Zero;
        }

        // The excess-th oldest grant has to leave the window first.
        var oldest = grants[(head + excess - 1) % grants.Length];
        return TimeSpan.FromTicks(Math.Max(1, oldest + length - now.UtcTicks));
    }

    /// <summary>Records grants; call only after <see cref="WaitTime"/> returned zero for the same instant.</summary>
    public void Record(DateTimeOffset now, int cost)
    {
        for (var i = 0; i < cost; i++)
        {
            grants[(head + count) % grants.Length] = now.UtcTicks;
            count++;
        }
    }

    /// <summary>True when nothing granted is still inside the window (the limiter can be forgotten).</summary>
    public bool IsIdle(DateTimeOffset now)
    {
        Evict(now.UtcTicks);
        return count == 0;
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

    /// <summary>Grants when every window allows it; otherwise returns how long to wait and records nothing.</summary>
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
