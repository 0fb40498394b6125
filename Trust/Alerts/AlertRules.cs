using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust;

/// <summary>The alert rules of DESIGN §4, each a pure function of the analysis of the latest round.</summary>
internal static class AlertRules
{
    public static IReadOnlyList<TrustAlert> Evaluate(Analysis analysis, Language language)
    {
        var detectable = MinimalDetectableDrop(analysis);
        var alerts = new List<TrustAlert>();
        var fast = FastDrop(analysis);
        var drift = SlowDrift(analysis);
        if (fast is { Alert: true }) alerts.Add(Make(AlertKind.FastRelationalDrop, AlertLevel.Alert, fast.Evidence));
        if (drift is not null) alerts.Add(Make(AlertKind.SlowRelationalDrift, AlertLevel.Alert, drift));
        if (fast is { Alert: false, Watch: true } && drift is null) alerts.Add(Make(AlertKind.RelationalWatch, AlertLevel.Watch, fast.Evidence));
        if (CalculativeFloor(analysis) is { } floor) alerts.Add(Make(AlertKind.CalculativeFloor, AlertLevel.Alert, floor));
        alerts.AddRange(Asymmetry(analysis).Select(e => Make(AlertKind.PartnerAsymmetry, AlertLevel.Alert, e)));
        if (Participation(analysis) is { } participation) alerts.Add(Make(AlertKind.ParticipationFalling, AlertLevel.Alert, participation));
        return alerts;

        TrustAlert Make(AlertKind kind, AlertLevel level, Evidence evidence) =>
            new(kind, level, analysis.Latest!.RoundId, evidence, detectable, Wording.Alert(kind, evidence, detectable, language));
    }

    /// <summary>The outcome of the fast-drop test: an alert, a watch, or neither.</summary>
    public sealed record FastDropResult(bool Alert, bool Watch, Evidence Evidence);

    /// <summary>This round's relational anchor answers vs the pooled answers of the previous 3–6 valid rounds.</summary>
    public static FastDropResult? FastDrop(Analysis analysis)
    {
        var baseline = analysis.Baseline();
        if (baseline.Count == 0 || analysis.LatestValid is not { } latest) return null;
        var current = Analysis.Values(latest, Dimension.Relational);
        var pooled = Analysis.Pooled(baseline, Dimension.Relational);
        if (current is not { N: >= 2 } || pooled is not { N: >= 2 }) return null;

        var test = WelchTest.Lower(current, pooled);
        var drop = -test.Difference;
        var options = analysis.Options.Alerts;
        var evidence = new Evidence
        {
            Dimension = Dimension.Relational,
            CurrentMean = test.CurrentMean,
            CurrentN = current.N,
            BaselineMean = test.BaselineMean,
            BaselineN = pooled.N,
            BaselineRounds = baseline.Count,
            Drop = drop,
            T = test.T,
            DegreesOfFreedom = test.DegreesOfFreedom,
            P = test.OneSidedP,
            // The interval of the drop (baseline − current), the sign people expect to read.
            Interval = new ConfidenceInterval(-test.DifferenceInterval.High, -test.DifferenceInterval.Low),
            Threshold = options.MinimumDrop,
        };
        var bigEnough = drop >= options.MinimumDrop - 1e-12;
        return new FastDropResult(bigEnough && test.OneSidedP < options.FastDropAlpha, bigEnough, Spread(evidence, Math.Min(current.N, pooled.N), latest.Frozen.K));
    }

    /// <summary>
    /// One-sided lower EWMA on the standardized relational anchor means of the phase's valid rounds after a reference
    /// (the first valid rounds of the phase: as many as are available before the latest round, at most
    /// <see cref="AlertOptions.BaselineMaxRounds"/>, at least <see cref="AlertOptions.BaselineMinRounds"/>), with exact
    /// limits that include the error of the estimated reference mean. Alerts when the latest point is below its limit
    /// and the latest mean is at least the minimum drop below the reference.
    /// </summary>
    public static Evidence? SlowDrift(Analysis analysis)
    {
        var options = analysis.Options.Alerts;
        var referenceRounds = Math.Min(options.BaselineMaxRounds, analysis.Valid.Count - 1);
        if (analysis.LatestValid is null || referenceRounds < options.BaselineMinRounds) return null;
        var reference = analysis.Valid.Take(referenceRounds).ToArray();
        var referenceSummary = Analysis.Pooled(reference, Dimension.Relational)!;
        var sigma = Math.Max(referenceSummary.StandardDeviation ?? 0, options.MinimumStandardDeviation);
        var monitored = analysis.Valid.Skip(referenceRounds).ToArray();
        var standardized = monitored.Select(r => (r.Score.Relational!.Mean - referenceSummary.Mean) / (sigma / Math.Sqrt(r.Score.Relational.N)));

        // Every z shares the reference mean's error; its variance relative to one z is n / n_reference.
        var ratio = monitored.Average(r => (double)r.Score.Relational!.N) / referenceSummary.N;
        var last = Ewma.Lower(standardized, options.EwmaLambda, options.EwmaLimit, ratio)[^1];
        var latest = analysis.LatestValid.Score.Relational!;
        var drop = referenceSummary.Mean - latest.Mean;
        if (!last.Signal || drop < options.MinimumDrop - 1e-12) return null;
        return Spread(new Evidence
        {
            Dimension = Dimension.Relational,
            CurrentMean = latest.Mean,
            CurrentN = latest.N,
            BaselineMean = referenceSummary.Mean,
            BaselineN = referenceSummary.N,
            BaselineRounds = reference.Length,
            Drop = drop,
            Ewma = last.Statistic,
            EwmaLimit = last.LowerLimit,
            Rounds = monitored.Length,
            Interval = latest.Interval,
            Threshold = options.MinimumDrop,
        }, latest.N, analysis.LatestValid.Frozen.K);
    }

    /// <summary>
    /// Evidence shown on a card keeps its interval and test statistics (t, df, p) only when the group behind it may
    /// show its spread (<see cref="Disclosure.SpreadVisible"/>): with a known mean and n, they give the standard
    /// deviation away. The decision itself still uses them.
    /// </summary>
    internal static Evidence Spread(Evidence evidence, int smallestN, int k) =>
        Disclosure.SpreadVisible(smallestN, k) ? evidence : evidence with { T = null, DegreesOfFreedom = null, P = null, Interval = null };

    /// <summary>Phase 3 only: the latest calculative anchor mean below the floor.</summary>
    public static Evidence? CalculativeFloor(Analysis analysis)
    {
        if (analysis.Phase != Phase.Execution || analysis.LatestValid is not { } latest) return null;
        var calculative = latest.Score.Calculative!;
        var floor = analysis.Options.Alerts.CalculativeFloor;
        return calculative.Mean < floor
            ? Spread(new Evidence { Dimension = Dimension.Calculative, CurrentMean = calculative.Mean, CurrentN = calculative.N, Interval = calculative.Interval, Threshold = floor }, calculative.N, latest.Frozen.K)
            : null;
    }

    /// <summary>Per dimension: the highest- and lowest-scoring visible partners differ by the gap and significantly (two-sided Welch).</summary>
    public static IReadOnlyList<Evidence> Asymmetry(Analysis analysis)
    {
        if (analysis.LatestValid is not { } latest) return [];
        var options = analysis.Options.Alerts;
        var found = new List<Evidence>();
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var visible = latest.Disclosed.Partners
                .Select(p => (p.PartnerId, Score: dimension == Dimension.Calculative ? p.Calculative : p.Relational))
                .Where(p => p.Score is not null)
                .OrderBy(p => p.Score!.Mean).ThenBy(p => p.PartnerId, StringComparer.Ordinal)
                .ToArray();
            if (visible.Length < 2) continue;
            var (lowId, low) = visible[0];
            var (highId, high) = visible[^1];
            var gap = high!.Mean - low!.Mean;
            if (gap < options.AsymmetryGap - 1e-12) continue;
            if (Analysis.Values(latest, dimension, lowId) is not { N: >= 2 } lower || Analysis.Values(latest, dimension, highId) is not { N: >= 2 } higher) continue;
            var test = WelchTest.Lower(lower, higher);
            if (test.TwoSidedP >= options.AsymmetryAlpha) continue;
            found.Add(Spread(new Evidence
            {
                Dimension = dimension,
                HigherPartner = highId,
                LowerPartner = lowId,
                BaselineMean = high.Mean,
                CurrentMean = low.Mean,
                Drop = gap,
                T = test.T,
                DegreesOfFreedom = test.DegreesOfFreedom,
                P = test.TwoSidedP,
                Interval = new ConfidenceInterval(-test.DifferenceInterval.High, -test.DifferenceInterval.Low),
                Threshold = options.AsymmetryGap,
            }, Math.Min(lower.N, higher.N), latest.Frozen.K));
        }

        return found;
    }

    /// <summary>The latest round's response rate fell by the configured drop against the phase's earlier rounds, or below the floor.</summary>
    public static Evidence? Participation(Analysis analysis)
    {
        if (analysis.Latest is not { } latest || latest.Invited == 0) return null;
        var options = analysis.Options.Alerts;
        var earlier = analysis.InPhase.Take(analysis.InPhase.Count - 1).Where(r => r.Invited > 0)
            .TakeLast(options.BaselineMaxRounds).ToArray();
        var rate = latest.Score.ParticipationRate;
        double? before = earlier.Length > 0 ? earlier.Average(r => r.Score.ParticipationRate) : null;
        var fell = before is { } b && b - rate >= options.ParticipationDrop - 1e-12;
        var low = rate < options.ParticipationFloor;
        return fell || low
            ? new Evidence
            {
                ParticipationRate = rate,
                BaselineParticipationRate = before,
                BaselineRounds = earlier.Length,
                CurrentN = latest.Score.Respondents,
                Threshold = options.ParticipationFloor,
                Drop = before is { } bb ? bb - rate : null,
            }
            : null;
    }

    /// <summary>
    /// The smallest relational drop the fast test finds with the configured power:
    /// (t_{1−α,df} + t_{power,df}) · σ · √(1/n + 1/n₀), never below the minimum drop. σ comes from the baseline
    /// (or the latest valid round; 1 scale point when there is nothing yet), n from the latest round's respondents
    /// (or invitations), n₀ from the baseline (or the minimum number of baseline rounds of that size).
    /// </summary>
    public static double MinimalDetectableDrop(Analysis analysis)
    {
        var options = analysis.Options.Alerts;
        var baseline = analysis.Baseline();
        var pooled = Analysis.Pooled(baseline, Dimension.Relational);
        var reference = pooled is { N: >= 2 } ? pooled
            : analysis.Valid.Count > 0 ? Analysis.Values(analysis.Valid[^1], Dimension.Relational) : null;
        var sigma = Math.Max(reference is { N: >= 2 } ? reference.StandardDeviation ?? 0 : 1.0, options.MinimumStandardDeviation);
        var n = analysis.LatestValid?.Score.Relational?.N
                ?? Math.Max(analysis.Latest?.Invited ?? 0, analysis.Options.Anonymity.MinRespondents);
        n = Math.Max(n, 2);
        var n0 = pooled is { N: >= 2 } ? pooled.N : n * options.BaselineMinRounds;
        var df = n + n0 - 2.0;
        var multiplier = StudentT.Quantile(1 - options.FastDropAlpha, df) + StudentT.Quantile(options.Power, df);
        return Math.Max(options.MinimumDrop, multiplier * sigma * Math.Sqrt(1.0 / n + 1.0 / n0));
    }
}
