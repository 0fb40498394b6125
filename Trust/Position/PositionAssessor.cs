using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust;

/// <summary>"Where are we in the model?": measured emphasis against the phase's intended emphasis, readiness and gaps.</summary>
internal static class PositionAssessor
{
    public static Position Assess(Analysis analysis)
    {
        var profile = analysis.Phase.Profile();
        var window = analysis.Valid.TakeLast(analysis.Options.Position.WindowRounds).ToArray();
        if (window.Length == 0)
            return new Position(profile, analysis.History.Current.Since, null, null, new Evidence { Rounds = 0 }, string.Empty);

        var evidence = WindowEvidence(analysis, window);
        var measured = Classify(evidence.Balance!.Value, analysis.Options.Position.LevelMargin, evidence.Interval);
        // The interval decides, but the card shows it only when the pooled group may show its spread (2k of the
        // strictest round's k): with the mean and n shown, it would give the standard deviation away.
        var k = window.Max(r => r.Frozen.K);
        var spreadVisible = Disclosure.SpreadVisible(evidence.CurrentN ?? 0, k);
        if (measured == MeasuredEmphasis.Unclear) evidence = WithWhatWouldSettleIt(evidence, spreadVisible);
        if (!spreadVisible) evidence = evidence with { Interval = null };
        bool? matches = measured == MeasuredEmphasis.Unclear ? null : Matches(analysis, measured);
        return new Position(profile, analysis.History.Current.Since, measured, matches, evidence, string.Empty);
    }

    public static MeasuredEmphasis Classify(double balance, double margin) =>
        balance >= margin ? MeasuredEmphasis.RelationalAhead
        : balance <= -margin ? MeasuredEmphasis.CalculativeAhead
        : MeasuredEmphasis.Level;

    /// <summary>
    /// A side is ahead only when the balance is at least the margin and its 95% interval excludes level (0); a balance
    /// beyond the margin whose interval still includes 0 (or has no interval) is <see cref="MeasuredEmphasis.Unclear"/>.
    /// </summary>
    public static MeasuredEmphasis Classify(double balance, double margin, ConfidenceInterval? interval)
    {
        var point = Classify(balance, margin);
        if (point == MeasuredEmphasis.Level) return point;
        return interval is { } ci && (ci.Low > 0 || ci.High < 0) ? point : MeasuredEmphasis.Unclear;
    }

    /// <summary>
    /// About how many more paired answers make the 95% interval exclude 0 at the present balance and spread
    /// (N' = (t·s_d/|balance|)², the between-round part left out, so this is the least it takes), and how many rounds of
    /// the present size that is.
    /// </summary>
    /// <remarks>
    /// When the group may not show its spread, the estimate uses 1 scale point as the spread of the differences
    /// instead of the measured one, so the count cannot be turned back into the standard deviation.
    /// </remarks>
    private static Evidence WithWhatWouldSettleIt(Evidence evidence, bool spreadVisible)
    {
        var n = Math.Max(1, evidence.CurrentN ?? 1);
        var rounds = Math.Max(1, evidence.Rounds ?? 1);
        var balance = Math.Abs(evidence.Balance ?? 0);
        var sd = spreadVisible && evidence.Interval is { } ci && n >= 2 ? (ci.High - ci.Low) / 2 / StudentT.Quantile(0.975, n - 1) * Math.Sqrt(n) : 1.0;
        var needed = balance > 0 ? Math.Pow(1.96 * sd / balance, 2) : double.PositiveInfinity;
        var more = (int)Math.Clamp(Math.Ceiling(needed - n), 1, 9999);
        var perRound = (double)n / rounds;
        return evidence with { AnswersNeeded = more, RoundsNeeded = (int)Math.Ceiling(more / perRound) };
    }

    /// <summary>The mismatches between measured and intended emphasis, from the same window as the position.</summary>
    public static IEnumerable<(FindingKind Kind, Evidence Evidence)> Mismatches(Analysis analysis, Position position)
    {
        if (position.Measured is not { } measured) yield break;
        var evidence = position.Evidence;
        switch (analysis.Phase)
        {
            case Phase.GettingAcquainted when measured == MeasuredEmphasis.CalculativeAhead:
                yield return (FindingKind.TooCalculativeTooEarly, evidence);
                break;
            case Phase.Confirmation when measured == MeasuredEmphasis.RelationalAhead:
                yield return (FindingKind.CalculativeNeglected, evidence);
                break;
            case Phase.Execution when AlertRules.CalculativeFloor(analysis) is { } floor:
                yield return (FindingKind.CalculativeDisappearing, floor with { Relational = evidence.Relational, Balance = evidence.Balance });
                break;
        }
    }

    public static Readiness Readiness(Analysis analysis, IReadOnlyList<Finding> findings)
    {
        var options = analysis.Options.Position;
        var phase = analysis.Phase;
        var recent = analysis.Valid.TakeLast(options.ReadyRounds).ToArray();
        if (recent.Length < options.ReadyRounds)
            return Make(ReadinessKind.NotEnoughData, null, new Evidence { Rounds = recent.Length });

        var calc = recent.Select(r => r.Score.Calculative!.Mean).ToArray();
        var rel = recent.Select(r => r.Score.Relational!.Mean).ToArray();
        var evidence = new Evidence { Rounds = recent.Length, Calculative = calc.Min(), Relational = rel.Min(), Threshold = options.ReadyLevel };

        var relationalSliding = phase != Phase.GettingAcquainted && rel.All(m => m < options.SlideBackLevel);
        // The same rule as the calculative-floor alert and finding, so the three can never disagree.
        var calculativeSliding = phase == Phase.Execution && AlertRules.CalculativeFloor(analysis) is not null;
        if (relationalSliding || calculativeSliding)
        {
            var dimension = relationalSliding ? Dimension.Relational : Dimension.Calculative;
            return Make(ReadinessKind.SlidingBack, phase.Previous(), evidence with
            {
                Dimension = dimension,
                Calculative = relationalSliding ? calc.Max() : AlertRules.CalculativeFloor(analysis)!.CurrentMean,
                Relational = rel.Max(),
                Threshold = relationalSliding ? options.SlideBackLevel : analysis.Options.Alerts.CalculativeFloor,
            });
        }

        if (phase == Phase.Execution) return Make(ReadinessKind.Sustain, null, evidence);

        var eroding = findings.Any(f => f.Kind is FindingKind.RelationalEroding or FindingKind.TooCalculativeTooEarly or FindingKind.CalculativeNeglected);
        var ready = phase == Phase.GettingAcquainted
            ? rel.All(m => m >= options.ReadyLevel)
            : calc.All(m => m >= options.ReadyLevel) && rel.All(m => m >= options.ReadyLevel);
        return ready && !eroding ? Make(ReadinessKind.ReadyToMoveRight, phase.Next(), evidence) : Make(ReadinessKind.Stay, null, evidence);

        Readiness Make(ReadinessKind kind, Phase? suggested, Evidence e) =>
            new(kind, phase, suggested, e, string.Empty);
    }

    public static MissingData Missing(Analysis analysis)
    {
        var valid = analysis.Valid.Count;
        var forPosition = Math.Max(0, 1 - valid);
        var forAlerts = Math.Max(0, analysis.Options.Alerts.BaselineMinRounds + 1 - valid);
        var forReadiness = Math.Max(0, analysis.Options.Position.ReadyRounds - valid);
        var answers = 0;
        if (analysis.Latest is { IsValid: false } latest)
        {
            // Counts are kept in the snapshot even where the means are not (a count below k reveals no answer).
            var fewest = Math.Min(latest.Frozen.Cell(RoundSnapshot.All, RoundSnapshot.Calculative)?.N ?? 0,
                latest.Frozen.Cell(RoundSnapshot.All, RoundSnapshot.Relational)?.N ?? 0);
            answers = Math.Max(0, latest.Frozen.K - fewest);
        }

        return new MissingData(valid, forPosition, forAlerts, forReadiness, answers, null);
    }

    /// <summary>
    /// The levels of the window's pooled anchors and the balance as a paired mean: each respondent's own
    /// relational − calculative (both anchors come from the same people), from every round's frozen "balance" summary
    /// (<see cref="PairedBalance"/>). A window with a round frozen before that measure existed falls back to the
    /// unpaired (Welch) interval of the two pooled anchors, which is wider.
    /// </summary>
    private static Evidence WindowEvidence(Analysis analysis, IReadOnlyList<ScoredRound> window)
    {
        var calc = Analysis.Pooled(window, Dimension.Calculative)!;
        var rel = Analysis.Pooled(window, Dimension.Relational)!;
        var balances = window.Select(Analysis.Balance).ToArray();
        var paired = balances.All(b => b is not null) ? PairedBalance.Of([.. balances.OfType<Summary>()]) : null;
        var interval = paired is not null ? paired.Interval
            : calc.N >= 2 && rel.N >= 2 ? WelchTest.Lower(rel, calc).DifferenceInterval : null;
        return new Evidence
        {
            Calculative = calc.Mean,
            Relational = rel.Mean,
            Balance = paired?.Mean ?? rel.Mean - calc.Mean,
            Interval = interval,
            Rounds = window.Count,
            CurrentN = paired?.N ?? Math.Min(calc.N, rel.N),
        };
    }

    private static bool Matches(Analysis analysis, MeasuredEmphasis measured) => analysis.Phase switch
    {
        Phase.GettingAcquainted => measured == MeasuredEmphasis.RelationalAhead,
        Phase.Confirmation => measured != MeasuredEmphasis.RelationalAhead,
        _ => measured == MeasuredEmphasis.RelationalAhead && AlertRules.CalculativeFloor(analysis) is null,
    };
}
