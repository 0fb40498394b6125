namespace AllianceBot.Trust;

/// <summary>One round with its raw data, its score, what may be shown of it, and the phase it fell in.</summary>
internal sealed record ScoredRound(RoundData Data, RoundScore Score, DisclosedRound Disclosed, Phase Phase)
{
    /// <summary>Valid = both anchors have at least k answers, so the round may be shown and may feed trends and alerts.</summary>
    public bool IsValid => Disclosed.ScoresVisible;
}

/// <summary>The rounds sorted and split once, so every rule looks at the same picture.</summary>
internal sealed class Analysis
{
    public Analysis(PhaseHistory history, IEnumerable<RoundData> rounds, TrustOptions options, ItemBank bank)
    {
        options.Validate();
        History = history;
        Options = options;
        Bank = bank;
        All = rounds.OrderBy(r => r.ClosedAt).ThenBy(r => r.RoundId, StringComparer.Ordinal).Select(r =>
        {
            var score = RoundScorer.Score(r, bank);
            return new ScoredRound(r, score, Disclosure.Apply(score, options.Anonymity), history.At(r.ClosedAt));
        }).ToArray();
        InPhase = All.Where(r => r.Data.ClosedAt >= history.Current.Since).ToArray();
        Valid = InPhase.Where(r => r.IsValid).ToArray();
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

    public double[] Values(ScoredRound round, Dimension dimension, string? partnerId = null) =>
        RoundScorer.AnchorValues(round.Data, Bank, dimension, partnerId);

    public double[] Pooled(IEnumerable<ScoredRound> rounds, Dimension dimension) =>
        rounds.SelectMany(r => Values(r, dimension)).ToArray();

    /// <summary>The valid rounds before the latest one that form the fast-drop baseline (most recent, up to the maximum).</summary>
    public IReadOnlyList<ScoredRound> Baseline()
    {
        if (LatestValid is null) return [];
        var previous = Valid.Take(Valid.Count - 1).ToArray();
        return previous.Length < Options.Alerts.BaselineMinRounds ? [] : previous.TakeLast(Options.Alerts.BaselineMaxRounds).ToArray();
    }
}
