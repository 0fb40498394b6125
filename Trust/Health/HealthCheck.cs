namespace AllianceBot.Trust;

/// <summary>One point of the trend chart: a round in its phase, only what may be shown of it.</summary>
public sealed record TrendPoint(Phase Phase, DisclosedRound Round)
{
    /// <summary>The round asked an anchor that has since been replaced: draw it apart, never joined to later rounds.</summary>
    public bool BeforeRestart { get; init; }
}

/// <summary>
/// The whole answer to "here are the rounds and the phase — where are we, what changed, what should we do, and what
/// may I show?", in one language, anonymity-safe, with the reasoning in numbers.
/// </summary>
public sealed record HealthReport(
    Language Language,
    PhaseProfile Phase,
    string PhaseName,
    string PhaseMeaning,
    Position Position,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<TrustAlert> Alerts,
    Readiness Readiness,
    MissingData Missing,
    IReadOnlyList<AdviceLine> Advice,
    IReadOnlyList<AdviceLine> MoveRight,
    DisclosedRound? Latest,
    IReadOnlyList<TrendPoint> Trend,
    double MinimalDetectableDrop)
{
    /// <summary>Alerts that should notify managers (watches only show on the card).</summary>
    public IEnumerable<TrustAlert> Notifications => Alerts.Where(a => a.Level == AlertLevel.Alert);

    /// <summary>Cronbach's α per dimension from the latest full round that has it (empty before the first full round).</summary>
    public IReadOnlyList<DimensionReliability> Reliability { get; init; } = [];

    /// <summary>
    /// Dimensions whose latest α is below <see cref="AlertOptions.MinimumReliability"/> with 95% confidence (even the
    /// upper bound is below it): a warning for managers. A point estimate alone would warn about a sound questionnaire
    /// in half the rounds at these group sizes (docs/validity.md).
    /// </summary>
    public IReadOnlyList<DimensionReliability> LowReliability { get; init; } = [];

    /// <summary>
    /// Anchor changes in this alliance's history (issue 13): the rounds before one feed no trend, baseline, alert or
    /// position; the card says from which round the trends restart.
    /// </summary>
    public IReadOnlyList<AnchorRestart> Restarts { get; init; } = [];
}

/// <summary>The façade other layers call. Pure: the same input always gives the same report.</summary>
public static class HealthCheck
{
    /// <summary>Evaluates closed rounds against the declared phase history with the shipped item bank and advice.</summary>
    public static HealthReport Evaluate(PhaseHistory history, IReadOnlyList<RoundData> rounds, TrustOptions options, Language language) =>
        Evaluate(history, rounds, options, language, ItemBank.Default, AdviceCatalog.Default);

    /// <summary>
    /// Evaluates rounds that are closing now: each is frozen under <paramref name="options"/>' k first
    /// (<see cref="RoundSnapshot.Freeze"/>), so a live evaluation and a later one from the stored snapshots agree.
    /// </summary>
    public static HealthReport Evaluate(
        PhaseHistory history,
        IReadOnlyList<RoundData> rounds,
        TrustOptions options,
        Language language,
        ItemBank bank,
        AdviceCatalog advice)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return EvaluateFrozen(history, [.. rounds.Select(r => RoundSnapshot.Freeze(r, options.Anonymity, bank))], options, language, bank, advice);
    }

    /// <summary>
    /// Evaluates closed rounds from their frozen snapshots, each under the k it closed under: the one path for every
    /// view of a closed round (health card, trend chart, drift card, alerts, summaries).
    /// </summary>
    public static HealthReport EvaluateFrozen(PhaseHistory history, IReadOnlyList<FrozenRound> rounds, TrustOptions options, Language language) =>
        EvaluateFrozen(history, rounds, options, language, ItemBank.Default, AdviceCatalog.Default);

    public static HealthReport EvaluateFrozen(
        PhaseHistory history,
        IReadOnlyList<FrozenRound> rounds,
        TrustOptions options,
        Language language,
        ItemBank bank,
        AdviceCatalog advice) =>
        AssessFrozen(history, rounds, options, bank, advice).In(language);

    /// <summary>
    /// The model's verdict over closed rounds without its wording: statistics, alerts, position, readiness and the
    /// advice chosen, computed once. <see cref="HealthAssessment.In"/> words it in a language; a round that closes for
    /// managers in three languages is evaluated once and worded three times.
    /// </summary>
    public static HealthAssessment AssessFrozen(PhaseHistory history, IReadOnlyList<FrozenRound> rounds, TrustOptions options) =>
        AssessFrozen(history, rounds, options, ItemBank.Default, AdviceCatalog.Default);

    public static HealthAssessment AssessFrozen(
        PhaseHistory history,
        IReadOnlyList<FrozenRound> rounds,
        TrustOptions options,
        ItemBank bank,
        AdviceCatalog advice)
    {
        var analysis = new Analysis(history, rounds, options, bank);
        var reliability = RoundSnapshot.LatestReliability(rounds);
        var position = PositionAssessor.Assess(analysis);
        var alerts = AlertRules.Evaluate(analysis);
        var findings = Findings(analysis, position, alerts);
        var readiness = PositionAssessor.Readiness(analysis, findings);
        var sliding = readiness.Kind == ReadinessKind.SlidingBack ? advice.SlidingBack(analysis.Phase) : [];
        var unworded = new HealthReport(
            Language.Fallback,
            analysis.Phase.Profile(),
            string.Empty,
            string.Empty,
            position,
            findings,
            alerts,
            readiness,
            PositionAssessor.Missing(analysis),
            [],
            [],
            analysis.Latest?.Disclosed,
            [.. analysis.All.Select(r => new TrendPoint(r.Phase, r.Disclosed) { BeforeRestart = analysis.IsBeforeRestart(r) })],
            AlertRules.MinimalDetectableDrop(analysis))
        {
            Reliability = reliability,
            LowReliability = [.. reliability.Where(r => r.UpperBound < options.Alerts.MinimumReliability)],
            Restarts = analysis.Restarts,
        };
        return new HealthAssessment(unworded, [.. sliding, .. advice.For(analysis.Phase, findings.Select(f => f.Kind))], advice.MoveRight(analysis.Phase),
            options.Anonymity.MinRespondents);
    }

    private static IReadOnlyList<Finding> Findings(Analysis analysis, Position position, IReadOnlyList<TrustAlert> alerts)
    {
        var found = PositionAssessor.Mismatches(analysis, position).ToList();
        if (alerts.FirstOrDefault(a => a.Kind is AlertKind.FastRelationalDrop or AlertKind.SlowRelationalDrift) is { } drop)
            found.Add((FindingKind.RelationalEroding, drop.Evidence));
        if (alerts.FirstOrDefault(a => a.Kind == AlertKind.CalculativeFade) is { } fade && found.All(f => f.Kind != FindingKind.CalculativeDisappearing))
            found.Add((FindingKind.CalculativeDisappearing, fade.Evidence with { Calculative = fade.Evidence.CurrentMean, Threshold = null }));
        found.AddRange(alerts.Where(a => a.Kind == AlertKind.PartnerAsymmetry).Select(a => (FindingKind.PartnerAsymmetry, a.Evidence)));
        if (alerts.FirstOrDefault(a => a.Kind == AlertKind.ParticipationFalling) is { } participation)
            found.Add((FindingKind.ParticipationFalling, participation.Evidence));
        return [.. found.Select(f => new Finding(f.Kind, f.Evidence, string.Empty))];
    }
}

/// <summary>
/// The health check computed once, before any wording (<see cref="HealthCheck.AssessFrozen(PhaseHistory, IReadOnlyList{FrozenRound}, TrustOptions)"/>).
/// <see cref="In"/> only fills in texts: every number, alert and finding is the same in every language.
/// </summary>
public sealed class HealthAssessment
{
    private readonly HealthReport unworded;
    private readonly IReadOnlyList<AdviceItem> advice;
    private readonly IReadOnlyList<AdviceItem> moveRight;
    private readonly int minRespondents;

    internal HealthAssessment(HealthReport unworded, IReadOnlyList<AdviceItem> advice, IReadOnlyList<AdviceItem> moveRight, int minRespondents)
    {
        this.unworded = unworded;
        this.advice = advice;
        this.moveRight = moveRight;
        this.minRespondents = minRespondents;
    }

    /// <summary>The alerts that notify managers, for the round they are about (language-free: their texts are empty).</summary>
    public IEnumerable<TrustAlert> Notifications => unworded.Notifications;

    /// <summary>The report in <paramref name="language"/>: the same verdict with its texts.</summary>
    public HealthReport In(Language language)
    {
        var r = unworded;
        var profile = r.Phase;
        return r with
        {
            Language = language,
            PhaseName = profile.Name.In(language),
            PhaseMeaning = profile.Meaning.In(language),
            Position = r.Position with { Text = Wording.Position(profile, r.Position.Measured, r.Position.MatchesIntended, r.Position.Evidence, language) },
            Findings = [.. r.Findings.Select(f => f with { Text = Wording.Finding(f.Kind, f.Evidence, language) })],
            Alerts = [.. r.Alerts.Select(a => a with { Text = Wording.Alert(a.Kind, a.Evidence, a.MinimalDetectableDrop, language) })],
            Readiness = r.Readiness with { Text = Wording.Readiness(r.Readiness.Kind, r.Readiness.Current, r.Readiness.Suggested, r.Readiness.Evidence, language) },
            Missing = r.Missing.IsComplete ? r.Missing : r.Missing with { Text = Wording.Missing(r.Missing, minRespondents, language) },
            Advice = AdviceCatalog.In(advice, language),
            MoveRight = AdviceCatalog.In(moveRight, language),
        };
    }
}
