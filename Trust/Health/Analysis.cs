using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust;

/// <summary>
/// One closed round as its frozen snapshot, its statistics (shown slices only), what may be shown of it, and the
/// phase it fell in. The model never sees answers: only what the round's snapshot kept.
/// </summary>
internal sealed record ScoredRound(FrozenRound Frozen, RoundScore Score, DisclosedRound Disclosed, Phase Phase)
{
    public string RoundId => Frozen.RoundId;
    public DateTimeOffset ClosedAt => Frozen.ClosedAt;
    public int Invited => Frozen.Invited;

    /// <summary>Valid = both anchors have at least k answers, so the round may be shown and may feed trends and alerts.</summary>
    public bool IsValid => Disclosed.ScoresVisible;
}

/// <summary>
/// A dimension's anchor changed: rounds up to <see cref="LastOldIndex"/> asked a retired anchor; trends restart at
/// <see cref="FirstRoundId"/> (null until a round with the new anchor has closed).
/// </summary>
public sealed record AnchorRestart(Dimension Dimension, string AnchorId, int LastOldIndex, string? FirstRoundId, DateTimeOffset? FirstClosedAt);

/// <summary>The rounds sorted and split once, so every rule looks at the same picture.</summary>
internal sealed class Analysis
{
    private readonly HashSet<string> beforeRestart;

    public Analysis(PhaseHistory history, IEnumerable<FrozenRound> rounds, TrustOptions options, ItemBank bank)
    {
        options.Validate();
        History = history;
        Options = options;
        Bank = bank;
        All = rounds.OrderBy(r => r.ClosedAt).ThenBy(r => r.RoundId, StringComparer.Ordinal)
            .Select(r => new ScoredRound(r, RoundSnapshot.Score(r), RoundSnapshot.Disclose(r), history.At(r.ClosedAt)))
            .ToArray();
        Restarts = [.. AnchorRestarts(All, bank)];
        var lastOld = Restarts.Count == 0 ? -1 : Restarts.Max(r => r.LastOldIndex);
        beforeRestart = All.Take(lastOld + 1).Select(r => r.RoundId).ToHashSet(StringComparer.Ordinal);
        InPhase = All.Where(r => r.ClosedAt >= history.Current.Since).ToArray();
        Valid = InPhase.Where(r => r.IsValid && !beforeRestart.Contains(r.RoundId)).ToArray();
    }

    /// <summary>
    /// Where a dimension's anchor changed (issue 13): the last round that asked a retired anchor of the dimension (its
    /// frozen per-item cell names it). That round and every earlier one measured something else, so no rule joins them
    /// with later rounds: trends, baselines, alerts and the position restart from the next round. Both series restart,
    /// because the position and the balance compare the two anchors within the same rounds.
    /// </summary>
    public IReadOnlyList<AnchorRestart> Restarts { get; }

    /// <summary>True when <paramref name="round"/> lies before an anchor change, so it feeds no rule.</summary>
    public bool IsBeforeRestart(ScoredRound round) => beforeRestart.Contains(round.RoundId);

    private static IEnumerable<AnchorRestart> AnchorRestarts(IReadOnlyList<ScoredRound> rounds, ItemBank bank)
    {
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            // A round asked a retired anchor when anyone answered it, with a score or with "don't know".
            var retired = bank.RetiredAnchors(dimension).SelectMany(i => new[] { RoundSnapshot.ItemPrefix + i.Id, RoundSnapshot.DontKnowPrefix + i.Id })
                .ToHashSet(StringComparer.Ordinal);
            if (retired.Count == 0) continue;
            var last = -1;
            for (var i = 0; i < rounds.Count; i++)
                if (rounds[i].Frozen.Cells.Any(c => retired.Contains(c.Measure) && c.N > 0)) last = i;
            if (last < 0) continue;
            var first = last + 1 < rounds.Count ? rounds[last + 1] : null;
            yield return new AnchorRestart(dimension, bank.Anchor(dimension).Id, last, first?.RoundId, first?.ClosedAt);
        }
    }

    public PhaseHistory History { get; }
    public TrustOptions Options { get; }
    public ItemBank Bank { get; }
    public Phase Phase => History.Current.Phase;

    /// <summary>Every round, oldest first.</summary>
    public IReadOnlyList<ScoredRound> All { get; }

    /// <summary>Rounds closed since the last phase change (baselines reset there).</summary>
    public IReadOnlyList<ScoredRound> InPhase { get; }

    /// <summary>Valid rounds since the last phase change.</summary>
    public IReadOnlyList<ScoredRound> Valid { get; }

    /// <summary>The latest round in this phase, valid or not.</summary>
    public ScoredRound? Latest => InPhase.Count > 0 ? InPhase[^1] : null;

    /// <summary>The latest round when it is valid: alerts are about this round only.</summary>
    public ScoredRound? LatestValid => Latest is { IsValid: true } latest ? latest : null;

    /// <summary>The anchor statistics of a round (overall or one shown partner), or null when nothing was shown.</summary>
    public static Summary? Values(ScoredRound round, Dimension dimension, string? partnerId = null)
    {
        var score = partnerId is null
            ? round.Score.Anchor(dimension)
            : round.Score.Partners.FirstOrDefault(p => string.Equals(p.PartnerId, partnerId, StringComparison.Ordinal)) is { } partner
                ? (dimension == Dimension.Calculative ? partner.Calculative : partner.Relational)
                : null;
        return score is null ? null : Summary.From(score.N, score.Mean, score.StandardDeviation);
    }

    /// <summary>
    /// The round's frozen paired balance (per respondent relational − calculative: n, mean, SD), or null when the
    /// round was frozen before the measure existed or it was not shown.
    /// </summary>
    public static Summary? Balance(ScoredRound round) =>
        round.Frozen.Cell(RoundSnapshot.All, RoundSnapshot.Balance) is { Shown: true, Mean: { } mean, N: > 0 } cell
            ? Summary.From(cell.N, mean, cell.StandardDeviation)
            : null;

    /// <summary>The anchor statistics of several rounds pooled, or null when none has any.</summary>
    public static Summary? Pooled(IEnumerable<ScoredRound> rounds, Dimension dimension)
    {
        var parts = rounds.Select(r => Values(r, dimension)).OfType<Summary>().ToList();
        return parts.Count == 0 ? null : Summary.Combine(parts);
    }

    /// <summary>The valid rounds before the latest one that form the fast-drop baseline (most recent, up to the maximum).</summary>
    public IReadOnlyList<ScoredRound> Baseline()
    {
        if (LatestValid is null) return [];
        var previous = Valid.Take(Valid.Count - 1).ToArray();
        return previous.Length < Options.Alerts.BaselineMinRounds ? [] : previous.TakeLast(Options.Alerts.BaselineMaxRounds).ToArray();
    }
}
