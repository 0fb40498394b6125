namespace AllianceBot.Trust;

/// <summary>Every number the trust model decides with, with the DESIGN §4 defaults. Bindable from configuration.</summary>
public sealed record TrustOptions
{
    public static readonly TrustOptions Default = new();

    public RoundOptions Rounds { get; init; } = new();
    public AlertOptions Alerts { get; init; } = new();
    public PositionOptions Position { get; init; } = new();
    public AnonymityOptions Anonymity { get; init; } = new();

    /// <summary>Every problem with these options, in plain words; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems() =>
        [.. Rounds.Problems(), .. Alerts.Problems(), .. Position.Problems(), .. Anonymity.Problems()];

    /// <summary>Throws <see cref="TrustOptionsException"/> listing every problem, or returns these options.</summary>
    public TrustOptions Validate()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new TrustOptionsException(problems);
    }
}

public sealed class TrustOptionsException(IReadOnlyList<string> problems)
    : ArgumentException("Invalid trust options: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

public sealed record RoundOptions
{
    /// <summary>Rotating items asked next to the two anchors each round (0–4).</summary>
    public int RotatingItems { get; init; } = 1;

    internal IEnumerable<string> Problems()
    {
        if (RotatingItems is < 0 or > 4) yield return $"Rounds.RotatingItems must be between 0 and 4 (was {RotatingItems}).";
    }
}

public sealed record AlertOptions
{
    /// <summary>
    /// Significance level of the one-sided test for a fast relational drop (and, in phase 3, a calculative fade).
    /// 0.005 with the between-round variance in the standard error keeps stable alliances quiet (docs/validity.md).
    /// </summary>
    public double FastDropAlpha { get; init; } = 0.005;

    /// <summary>Smallest drop in scale points worth an alert or a watch (both the fast and the slow rule).</summary>
    public double MinimumDrop { get; init; } = 0.4;

    /// <summary>Fewest previous valid rounds (since the last phase change) that form a baseline.</summary>
    public int BaselineMinRounds { get; init; } = 3;

    /// <summary>Most previous valid rounds pooled into the baseline.</summary>
    public int BaselineMaxRounds { get; init; } = 6;

    /// <summary>EWMA smoothing weight λ.</summary>
    public double EwmaLambda { get; init; } = 0.2;

    /// <summary>EWMA control-limit width L, in standard deviations of the EWMA statistic.</summary>
    public double EwmaLimit { get; init; } = 2.2;

    /// <summary>Lower bound on the answer standard deviation used to standardize, so a run of identical answers cannot make every wobble "significant".</summary>
    public double MinimumStandardDeviation { get; init; } = 0.5;

    /// <summary>
    /// Smallest standard deviation of the round-to-round variation (shared monthly shocks) assumed in every standard
    /// error: real months differ, and three to six rounds cannot show that an alliance is calmer than this.
    /// </summary>
    public double MinimumRoundSd { get; init; } = 0.15;

    /// <summary>
    /// Phase 3: "calculative trust disappearing" when the calculative anchor pooled over the last
    /// <see cref="PositionOptions.WindowRounds"/> valid rounds is below this with 95% confidence (its one-sided upper
    /// bound is below it). The alert, the finding and the sliding-back suggestion use this one rule.
    /// </summary>
    public double CalculativeFloor { get; init; } = 3.0;

    /// <summary>Gap in scale points between two partners' means that counts as asymmetry.</summary>
    public double AsymmetryGap { get; init; } = 0.75;

    /// <summary>
    /// Family-wise significance level (two-sided Welch) for asymmetry between partners, split (Bonferroni) over the two
    /// dimensions and every pair of visible partners.
    /// </summary>
    public double AsymmetryAlpha { get; init; } = 0.01;

    /// <summary>Consecutive valid rounds that must each show the same significant asymmetry before managers are told.</summary>
    public int AsymmetryRounds { get; init; } = 2;

    /// <summary>Participation falling: drop in rate (fraction) against the baseline's mean rate.</summary>
    public double ParticipationDrop { get; init; } = 0.2;

    /// <summary>Participation falling: a rate below this is always reported.</summary>
    public double ParticipationFloor { get; init; } = 0.4;

    /// <summary>
    /// Power put into the minimal-detectable-drop formula. 0.88, not 0.8: σ is estimated per alliance, and alliances whose
    /// SD happens to be low state too small a drop, so the nominal 0.8 delivered only 74–76% in the simulation; 0.88
    /// delivers at least 80% at n = 8, 15 and 40 — what the card promises ("8 times out of 10", docs/validity.md).
    /// </summary>
    public double Power { get; init; } = 0.88;

    /// <summary>
    /// Managers are warned when a dimension's Cronbach's α in the latest full round is below this with 95% confidence
    /// (Feldt's upper bound below it): the items of that dimension then do not measure one thing well enough to read
    /// its facets apart (0.7 is the usual floor for group use).
    /// </summary>
    public double MinimumReliability { get; init; } = 0.7;

    internal IEnumerable<string> Problems()
    {
        if (FastDropAlpha is <= 0 or >= 0.5) yield return $"Alerts.FastDropAlpha must be between 0 and 0.5 (was {FastDropAlpha}).";
        if (MinimumDrop is < 0 or > 4) yield return $"Alerts.MinimumDrop must be between 0 and 4 scale points (was {MinimumDrop}).";
        if (BaselineMinRounds is < 3 or > 6) yield return $"Alerts.BaselineMinRounds must be between 3 and 6 (was {BaselineMinRounds}).";
        if (BaselineMaxRounds is < 3 or > 6) yield return $"Alerts.BaselineMaxRounds must be between 3 and 6 (was {BaselineMaxRounds}).";
        if (BaselineMaxRounds < BaselineMinRounds) yield return $"Alerts.BaselineMaxRounds ({BaselineMaxRounds}) must not be below Alerts.BaselineMinRounds ({BaselineMinRounds}).";
        if (EwmaLambda is <= 0 or > 1) yield return $"Alerts.EwmaLambda must be in (0, 1] (was {EwmaLambda}).";
        if (EwmaLimit is <= 0 or > 6) yield return $"Alerts.EwmaLimit must be in (0, 6] (was {EwmaLimit}).";
        if (MinimumStandardDeviation is <= 0 or > 2) yield return $"Alerts.MinimumStandardDeviation must be in (0, 2] (was {MinimumStandardDeviation}).";
        if (MinimumRoundSd is < 0 or > 2) yield return $"Alerts.MinimumRoundSd must be in [0, 2] (was {MinimumRoundSd}).";
        if (AsymmetryRounds is < 1 or > 6) yield return $"Alerts.AsymmetryRounds must be between 1 and 6 (was {AsymmetryRounds}).";
        if (CalculativeFloor is < 1 or > 5) yield return $"Alerts.CalculativeFloor must be on the 1–5 scale (was {CalculativeFloor}).";
        if (AsymmetryGap is <= 0 or > 4) yield return $"Alerts.AsymmetryGap must be in (0, 4] (was {AsymmetryGap}).";
        if (AsymmetryAlpha is <= 0 or >= 0.5) yield return $"Alerts.AsymmetryAlpha must be between 0 and 0.5 (was {AsymmetryAlpha}).";
        if (ParticipationDrop is <= 0 or > 1) yield return $"Alerts.ParticipationDrop must be in (0, 1] (was {ParticipationDrop}).";
        if (ParticipationFloor is < 0 or > 1) yield return $"Alerts.ParticipationFloor must be in [0, 1] (was {ParticipationFloor}).";
        if (MinimumReliability is < 0 or >= 1) yield return $"Alerts.MinimumReliability must be in [0, 1) (was {MinimumReliability}).";
        if (Power is <= 0.5 or >= 1) yield return $"Alerts.Power must be between 0.5 and 1 (was {Power}).";
    }
}

public sealed record PositionOptions
{
    /// <summary>Valid rounds (since the last phase change) pooled to measure the emphasis.</summary>
    public int WindowRounds { get; init; } = 3;

    /// <summary>|relational − calculative| below this counts as level.</summary>
    public double LevelMargin { get; init; } = 0.3;

    /// <summary>A dimension at or above this mean is established (readiness to move right).</summary>
    public double ReadyLevel { get; init; } = 3.8;

    /// <summary>Valid rounds in a row that must show readiness before a move right is suggested.</summary>
    public int ReadyRounds { get; init; } = 2;

    /// <summary>Relational mean below this in phase 2 or 3 is a sign of sliding back.</summary>
    public double SlideBackLevel { get; init; } = 2.5;

    internal IEnumerable<string> Problems()
    {
        if (WindowRounds is < 1 or > 12) yield return $"Position.WindowRounds must be between 1 and 12 (was {WindowRounds}).";
        if (LevelMargin is < 0 or > 2) yield return $"Position.LevelMargin must be between 0 and 2 (was {LevelMargin}).";
        if (ReadyLevel is < 1 or > 5) yield return $"Position.ReadyLevel must be on the 1–5 scale (was {ReadyLevel}).";
        if (ReadyRounds is < 1 or > 12) yield return $"Position.ReadyRounds must be between 1 and 12 (was {ReadyRounds}).";
        if (SlideBackLevel is < 1 or > 5) yield return $"Position.SlideBackLevel must be on the 1–5 scale (was {SlideBackLevel}).";
        if (SlideBackLevel >= ReadyLevel) yield return $"Position.SlideBackLevel ({SlideBackLevel}) must be below Position.ReadyLevel ({ReadyLevel}).";
    }
}

public sealed record AnonymityOptions
{
    public const int LowestK = 3;
    public const int HighestK = 25;

    /// <summary>Fewest respondents behind any number shown (overall and per partner).</summary>
    public int MinRespondents { get; init; } = 5;

    /// <summary>Fewest comments before comments are shown at all.</summary>
    public int MinComments { get; init; } = 10;

    internal IEnumerable<string> Problems()
    {
        if (MinRespondents is < LowestK or > HighestK)
            yield return $"Anonymity.MinRespondents (k) must be between {LowestK} and {HighestK} (was {MinRespondents}).";
        if (MinComments < MinRespondents)
            yield return $"Anonymity.MinComments ({MinComments}) must be at least Anonymity.MinRespondents ({MinRespondents}).";
    }
}
