using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust;

/// <summary>The numbers behind a finding, alert or suggestion. Only the ones that apply are filled in.</summary>
public sealed record Evidence
{
    public Dimension? Dimension { get; init; }
    public double? CurrentMean { get; init; }
    public int? CurrentN { get; init; }
    public double? BaselineMean { get; init; }
    public int? BaselineN { get; init; }
    public int? BaselineRounds { get; init; }

    /// <summary>Baseline mean − current mean, in scale points (positive = lower now).</summary>
    public double? Drop { get; init; }

    public double? T { get; init; }
    public double? DegreesOfFreedom { get; init; }
    public double? P { get; init; }

    /// <summary>95% interval of the quantity the finding is about (the drop, the gap, or the mean).</summary>
    public ConfidenceInterval? Interval { get; init; }

    public double? Ewma { get; init; }
    public double? EwmaLimit { get; init; }
    public double? Threshold { get; init; }
    public double? Calculative { get; init; }
    public double? Relational { get; init; }
    public double? Balance { get; init; }
    public string? HigherPartner { get; init; }
    public string? LowerPartner { get; init; }
    public double? ParticipationRate { get; init; }
    public double? BaselineParticipationRate { get; init; }
    public int? Rounds { get; init; }

    /// <summary>"Not clear yet": about how many more answers (and rounds of the current size) would settle it.</summary>
    public int? AnswersNeeded { get; init; }

    public int? RoundsNeeded { get; init; }
}

/// <summary>Findings name a mismatch between where the alliance is and where its phase wants it.</summary>
public enum FindingKind
{
    /// <summary>Phase 1 with calculative trust ahead.</summary>
    TooCalculativeTooEarly = 1,

    /// <summary>Phase 2 with relational trust ahead: the Dell/Getronics pattern.</summary>
    CalculativeNeglected = 2,

    /// <summary>Phase 3 with calculative trust below the floor.</summary>
    CalculativeDisappearing = 3,

    /// <summary>A significant relational drop or drift.</summary>
    RelationalEroding = 4,

    /// <summary>One partner trusts markedly more than another.</summary>
    PartnerAsymmetry = 5,

    /// <summary>Fewer members answer than before (or than the floor).</summary>
    ParticipationFalling = 6,
}

public sealed record Finding(FindingKind Kind, Evidence Evidence, string Text);

public enum AlertKind
{
    FastRelationalDrop = 1,
    SlowRelationalDrift = 2,
    RelationalWatch = 3,
    CalculativeFloor = 4,
    PartnerAsymmetry = 5,
    ParticipationFalling = 6,

    /// <summary>Phase 3: the calculative anchor fell significantly below its phase-2 level.</summary>
    CalculativeFade = 7,
}

/// <summary>Alert = notify managers; Watch = show on the card with its interval, no notification.</summary>
public enum AlertLevel
{
    Alert = 1,
    Watch = 2,
}

/// <summary>
/// An alert about the latest round, with the numbers that justify it and the smallest relational drop this
/// alliance's size can detect (one-sided Welch at the configured α and power, never below the minimum drop).
/// </summary>
public sealed record TrustAlert(AlertKind Kind, AlertLevel Level, string RoundId, Evidence Evidence, double MinimalDetectableDrop, string Text);

public enum MeasuredEmphasis
{
    CalculativeAhead = 1,
    Level = 2,
    RelationalAhead = 3,

    /// <summary>The point estimate is not level, but its interval still includes level (0): not clear yet.</summary>
    Unclear = 4,
}

/// <summary>"Where are we?": the declared phase, the measured emphasis over the recent valid rounds, and whether they fit.</summary>
public sealed record Position(
    PhaseProfile Phase,
    DateTimeOffset PhaseSince,
    MeasuredEmphasis? Measured,
    bool? MatchesIntended,
    Evidence Evidence,
    string Text);

public enum ReadinessKind
{
    NotEnoughData = 1,
    Stay = 2,
    ReadyToMoveRight = 3,
    SlidingBack = 4,
    Sustain = 5,
}

public sealed record Readiness(ReadinessKind Kind, Phase Current, Phase? Suggested, Evidence Evidence, string Text);

/// <summary>What data is missing for a full answer; all zero when nothing is.</summary>
public sealed record MissingData(
    int ValidRounds,
    int RoundsNeededForPosition,
    int RoundsNeededForAlerts,
    int RoundsNeededForReadiness,
    int AnswersNeededInLatestRound,
    string? Text)
{
    public bool IsComplete => RoundsNeededForPosition == 0 && RoundsNeededForAlerts == 0 && RoundsNeededForReadiness == 0 && AnswersNeededInLatestRound == 0;
}
