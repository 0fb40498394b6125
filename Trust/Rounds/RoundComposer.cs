namespace AllianceBot.Trust;

/// <summary>
/// What the next round needs to know to pick its items. <paramref name="Seed"/> is fixed per alliance (it fixes the
/// cycle order); <paramref name="RoundIndex"/> counts the alliance's rounds from 0; <paramref name="PreviousRotating"/>
/// are the rotating item ids of the round before (not repeated, unless the round before asked so many — a full round —
/// that too few others remain).
/// </summary>
public sealed record RoundRequest(int Seed, int RoundIndex, IReadOnlyCollection<string> PreviousRotating, bool Full = false);

/// <summary>The items of one round, the same for every member (so rotating-item aggregates have a real n).</summary>
public sealed record RoundPlan(IReadOnlyList<TrustItem> Items, IReadOnlyList<string> RotatingIds, bool Full)
{
    public IEnumerable<TrustItem> Anchors => Items.Where(i => i.IsAnchor);
}

/// <summary>
/// Picks each round's items: both anchors every round; rotating items walk a fixed, seed-shuffled cycle that
/// alternates calculative and relational items, so every item comes back within about
/// ⌈rotating items / count⌉ + 1 rounds, and an item asked last round is skipped.
/// </summary>
public static class RoundComposer
{
    public static RoundPlan Compose(ItemBank bank, RoundRequest request, RoundOptions options)
    {
        if (options.RotatingItems is < 0 or > 4)
            throw new TrustOptionsException([$"Rounds.RotatingItems must be between 0 and 4 (was {options.RotatingItems})."]);
        if (request.RoundIndex < 0) throw new ArgumentOutOfRangeException(nameof(request), "RoundIndex cannot be negative.");

        var anchors = new[] { bank.Anchor(Dimension.Calculative), bank.Anchor(Dimension.Relational) };
        if (request.Full)
            return new RoundPlan([.. anchors, .. bank.Rotating], [.. bank.Rotating.Select(i => i.Id)], true);

        var cycle = Cycle(bank, request.Seed);
        var previous = new HashSet<string>(request.PreviousRotating, StringComparer.Ordinal);
        var chosen = new List<TrustItem>();
        var start = cycle.Count == 0 ? 0 : (int)((long)request.RoundIndex * options.RotatingItems % cycle.Count);
        for (var step = 0; step < cycle.Count && chosen.Count < options.RotatingItems; step++)
        {
            var candidate = cycle[(start + step) % cycle.Count];
            if (!previous.Contains(candidate.Id)) chosen.Add(candidate);
        }

        // After a full round every rotating item was "previous": skipping them all would ask none. Fill up from the
        // cycle in its order so the configured count always holds (only items of the last round can come back).
        for (var step = 0; step < cycle.Count && chosen.Count < options.RotatingItems; step++)
        {
            var candidate = cycle[(start + step) % cycle.Count];
            if (!chosen.Contains(candidate)) chosen.Add(candidate);
        }

        return new RoundPlan([.. anchors, .. chosen], [.. chosen.Select(i => i.Id)], false);
    }

    /// <summary>The alliance's fixed order of rotating items: each dimension shuffled by the seed, then interleaved.</summary>
    public static IReadOnlyList<TrustItem> Cycle(ItemBank bank, int seed)
    {
        var random = new SplitMix64((ulong)(uint)seed);
        var calculative = Shuffle(bank.Rotating.Where(i => i.Dimension == Dimension.Calculative).OrderBy(i => i.Id, StringComparer.Ordinal).ToList(), random);
        var relational = Shuffle(bank.Rotating.Where(i => i.Dimension == Dimension.Relational).OrderBy(i => i.Id, StringComparer.Ordinal).ToList(), random);
        var cycle = new List<TrustItem>(calculative.Count + relational.Count);
        for (var i = 0; i < Math.Max(calculative.Count, relational.Count); i++)
        {
            if (i < calculative.Count) cycle.Add(calculative[i]);
            if (i < relational.Count) cycle.Add(relational[i]);
        }

        return cycle;
    }

    private static List<TrustItem> Shuffle(List<TrustItem> items, SplitMix64 random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = (int)(random.Next() % (ulong)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    /// <summary>A tiny PRNG of our own so the order never changes with a runtime's System.Random implementation.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong state = seed;

        public ulong Next()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
