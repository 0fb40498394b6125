using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust;

/// <summary>"Where are we in the model?": measured emphasis against the phase's intended emphasis, readiness and gaps.</summary>
internal static class PositionAssessor
{
    public static Position Assess(Analysis analysis, Language language)
    {
        var profile = analysis.Phase.Profile();
        var window = analysis.Valid.TakeLast(analysis.Options.Position.WindowRounds).ToArray();
        if (window.Length == 0)
            return new Position(profile, analysis.History.Current.Since, null, null, new Evidence { Rounds = 0 },
                Wording.Position(profile, null, null, new Evidence { Rounds = 0 }, language));

        var evidence = WindowEvidence(analysis, window);
        var measured = Classify(evidence.Balance!.Value, analysis.Options.Position.LevelMargin);
        var matches = Matches(analysis, measured, evidence.Calculative!.Value);
        return new Position(profile, analysis.History.Current.Since, measured, matches, evidence,
            Wording.Position(profile, measured, matches, evidence, language));
    }

    public static MeasuredEmphasis Classify(double balance, double margin) =>
        balance >= margin ? MeasuredEmphasis.RelationalAhead
        : balance <= -margin ? MeasuredEmphasis.CalculativeAhead
        : MeasuredEmphasis.Level;

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
            case Phase.Execution when evidence.Calculative < analysis.Options.Alerts.CalculativeFloor:
                yield return (FindingKind.CalculativeDisappearing, evidence with { Threshold = analysis.Options.Alerts.CalculativeFloor });
                break;
        }
    }

    public static Readiness Readiness(Analysis analysis, IReadOnlyList<Finding> findings, Language language)
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
        var calculativeSliding = phase == Phase.Execution && calc.All(m => m < analysis.Options.Alerts.CalculativeFloor);
        if (relationalSliding || calculativeSliding)
        {
            var dimension = relationalSliding ? Dimension.Relational : Dimension.Calculative;
            return Make(ReadinessKind.SlidingBack, phase.Previous(), evidence with
            {
                Dimension = dimension,
                Calculative = calc.Max(),
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
            new(kind, phase, suggested, e, Wording.Readiness(kind, phase, suggested, e, language));
    }

    public static MissingData Missing(Analysis analysis, Language language)
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

        var missing = new MissingData(valid, forPosition, forAlerts, forReadiness, answers, null);
        return missing.IsComplete ? missing : missing with { Text = Wording.Missing(missing, analysis.Options.Anonymity.MinRespondents, language) };
    }

    private static Evidence WindowEvidence(Analysis analysis, IReadOnlyList<ScoredRound> window)
    {
        var calc = Analysis.Pooled(window, Dimension.Calculative)!;
        var rel = Analysis.Pooled(window, Dimension.Relational)!;
        // The interval of the balance only when the pooled groups may show their spread (2k of the strictest round).
        var k = window.Count == 0 ? analysis.Options.Anonymity.MinRespondents : window.Max(r => r.Frozen.K);
        ConfidenceInterval? interval = calc.N >= 2 && rel.N >= 2 && Disclosure.SpreadVisible(Math.Min(calc.N, rel.N), k) ? WelchTest.Lower(rel, calc).DifferenceInterval : null;
        return new Evidence
        {
            Calculative = calc.Mean,
            Relational = rel.Mean,
            Balance = rel.Mean - calc.Mean,
            Interval = interval,
            Rounds = window.Count,
            CurrentN = Math.Min(calc.N, rel.N),
        };
    }

    private static bool Matches(Analysis analysis, MeasuredEmphasis measured, double calculative) => analysis.Phase switch
    {
        Phase.GettingAcquainted => measured == MeasuredEmphasis.RelationalAhead,
        Phase.Confirmation => measured != MeasuredEmphasis.RelationalAhead,
        _ => measured == MeasuredEmphasis.RelationalAhead && calculative >= analysis.Options.Alerts.CalculativeFloor,
    };
}
