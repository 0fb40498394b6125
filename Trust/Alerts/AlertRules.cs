using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust;

/// <summary>The alert rules of DESIGN §4, each a pure function of the analysis of the latest round.</summary>
internal static class AlertRules
{
    public static IReadOnlyList<TrustAlert> Evaluate(Analysis analysis)
    {
        var detectable = MinimalDetectableDrop(analysis);
        var alerts = new List<TrustAlert>();
        var fast = FastDrop(analysis);
        var drift = SlowDrift(analysis);
        if (fast is { Alert: true }) alerts.Add(Make(AlertKind.FastRelationalDrop, AlertLevel.Alert, fast.Evidence));
        if (drift is not null) alerts.Add(Make(AlertKind.SlowRelationalDrift, AlertLevel.Alert, drift));
        if (fast is { Alert: false, Watch: true } && drift is null) alerts.Add(Make(AlertKind.RelationalWatch, AlertLevel.Watch, fast.Evidence));
        if (CalculativeFloor(analysis) is { } floor) alerts.Add(Make(AlertKind.CalculativeFloor, AlertLevel.Alert, floor));
        if (CalculativeFade(analysis) is { } fade) alerts.Add(Make(AlertKind.CalculativeFade, AlertLevel.Alert, fade));
        alerts.AddRange(Asymmetry(analysis).Select(e => Make(AlertKind.PartnerAsymmetry, AlertLevel.Alert, e)));
        if (Participation(analysis) is { } participation) alerts.Add(Make(AlertKind.ParticipationFalling, AlertLevel.Alert, participation));
        return alerts;

        TrustAlert Make(AlertKind kind, AlertLevel level, Evidence evidence) =>
            new(kind, level, analysis.Latest!.RoundId, evidence, detectable, string.Empty);
    }

    /// <summary>The outcome of the fast-drop test: an alert, a watch, or neither.</summary>
    public sealed record FastDropResult(bool Alert, bool Watch, Evidence Evidence);

    /// <summary>Each round's frozen anchor summary (n, mean, SD), one per round that has one.</summary>
    private static Summary[] PerRound(IEnumerable<ScoredRound> rounds, Dimension dimension) =>
        [.. rounds.Select(r => Analysis.Values(r, dimension)).OfType<Summary>()];

    /// <summary>
    /// This round's relational anchor answers vs the previous 3–6 valid rounds: one-sided test with the between-round
    /// variance in the standard error (<see cref="RoundComparison"/>), alert when p &lt; α and the drop is at least the
    /// minimum drop; a watch when only the drop is that large.
    /// </summary>
    public static FastDropResult? FastDrop(Analysis analysis)
    {
        var baseline = analysis.Baseline();
        if (baseline.Count == 0 || analysis.LatestValid is not { } latest) return null;
        return Compare(analysis, [latest], baseline, Dimension.Relational);
    }

    private static FastDropResult? Compare(Analysis analysis, IReadOnlyList<ScoredRound> current, IReadOnlyList<ScoredRound> baseline, Dimension dimension)
    {
        var now = PerRound(current, dimension);
        var before = PerRound(baseline, dimension);
        if (now.Sum(r => r.N) < 2 || before.Sum(r => r.N) < 2) return null;

        var options = analysis.Options.Alerts;
        var test = RoundComparison.Lower(now, before, options.MinimumRoundSd);
        var drop = -test.Difference;
        var evidence = new Evidence
        {
            Dimension = dimension,
            CurrentMean = test.CurrentMean,
            CurrentN = now.Sum(r => r.N),
            BaselineMean = test.BaselineMean,
            BaselineN = before.Sum(r => r.N),
            BaselineRounds = baseline.Count,
            Rounds = current.Count,
            Drop = drop,
            T = test.T,
            DegreesOfFreedom = test.DegreesOfFreedom,
            P = test.OneSidedP,
            // The interval of the drop (baseline − current), the sign people expect to read.
            Interval = new ConfidenceInterval(-test.DifferenceInterval.High, -test.DifferenceInterval.Low),
            Threshold = options.MinimumDrop,
        };
        var bigEnough = drop >= options.MinimumDrop - 1e-12;
        // Shown with interval, t, df and p only when both sides may show their spread under the strictest round's k.
        var k = current.Concat(baseline).Max(r => r.Frozen.K);
        return new FastDropResult(bigEnough && test.OneSidedP < options.FastDropAlpha, bigEnough,
            Spread(evidence, Math.Min(now.Sum(r => r.N), before.Sum(r => r.N)), k));
    }

    /// <summary>
    /// Phase 3: the calculative anchor of the last <see cref="PositionOptions.WindowRounds"/> valid rounds against its
    /// level in the phase-2 rounds before (up to <see cref="AlertOptions.BaselineMaxRounds"/>), by the same test, α and
    /// minimum drop as the fast relational rule — the Dell/Getronics lesson: calculative trust fading once the work starts.
    /// </summary>
    public static Evidence? CalculativeFade(Analysis analysis)
    {
        if (analysis.Phase != Phase.Execution || analysis.LatestValid is null) return null;
        var reference = analysis.All
            .Where(r => r.ClosedAt < analysis.History.Current.Since && r.Phase == Phase.Confirmation && r.IsValid)
            .TakeLast(analysis.Options.Alerts.BaselineMaxRounds).ToArray();
        if (reference.Length == 0) return null;
        var window = analysis.Valid.TakeLast(analysis.Options.Position.WindowRounds).ToArray();
        return Compare(analysis, window, reference, Dimension.Calculative) is { Alert: true } fade ? fade.Evidence : null;
    }

    /// <summary>
    /// One-sided lower EWMA on the relational anchor means of the phase's valid rounds after a reference (the first
    /// valid rounds of the phase: as many as are available before the latest round, at most
    /// <see cref="AlertOptions.BaselineMaxRounds"/>, at least <see cref="AlertOptions.BaselineMinRounds"/>), each
    /// standardized by √(σ²/n + τ²) (within-round error plus the between-round variance, τ ≥ the minimum round SD),
    /// with exact limits that include the error of the estimated reference mean. Alerts when the latest point is below
    /// its limit and the latest mean is at least the minimum drop below the reference.
    /// </summary>
    public static Evidence? SlowDrift(Analysis analysis)
    {
        var options = analysis.Options.Alerts;
        var referenceRounds = Math.Min(options.BaselineMaxRounds, analysis.Valid.Count - 1);
        if (analysis.LatestValid is null || referenceRounds < options.BaselineMinRounds) return null;
        var reference = analysis.Valid.Take(referenceRounds).ToArray();
        var referenceValues = PerRound(reference, Dimension.Relational);
        var referenceSummary = Analysis.Pooled(reference, Dimension.Relational)!;
        var sigma = Math.Max(referenceSummary.StandardDeviation ?? 0, options.MinimumStandardDeviation);
        var tau2 = RoundComparison.BetweenRoundVariance(referenceValues, options.MinimumRoundSd);
        var monitored = analysis.Valid.Skip(referenceRounds).ToArray();
        var variances = monitored.Select(r => sigma * sigma / r.Score.Relational!.N + tau2).ToArray();
        var standardized = monitored.Select((r, i) => (r.Score.Relational!.Mean - referenceSummary.Mean) / Math.Sqrt(variances[i]));

        // Every z shares the reference mean's error; its variance relative to one z.
        var ratio = (sigma * sigma / referenceSummary.N + tau2 / reference.Length) / variances.Average();
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

    /// <summary>
    /// Phase 3 only, and the one rule for "calculative trust disappearing" (alert, finding and sliding back): the
    /// calculative anchor pooled over the last <see cref="PositionOptions.WindowRounds"/> valid rounds is below the floor
    /// with 95% confidence (the one-sided upper bound, between-round variance included, is below the floor).
    /// </summary>
    public static Evidence? CalculativeFloor(Analysis analysis)
    {
        if (analysis.Phase != Phase.Execution || analysis.LatestValid is null) return null;
        var window = analysis.Valid.TakeLast(analysis.Options.Position.WindowRounds).ToArray();
        var values = PerRound(window, Dimension.Calculative);
        if (values.Sum(v => v.N) == 0) return null;
        var mean = WindowMean.Of(values, analysis.Options.Alerts.MinimumRoundSd);
        var floor = analysis.Options.Alerts.CalculativeFloor;
        return mean.Upper() < floor
            ? Spread(new Evidence
            {
                Dimension = Dimension.Calculative,
                CurrentMean = mean.Mean,
                Calculative = mean.Mean,
                CurrentN = mean.N,
                Rounds = mean.Rounds,
                Interval = mean.Interval,
                Threshold = floor,
            }, mean.N, window.Max(r => r.Frozen.K))
            : null;
    }

    /// <summary>
    /// Per dimension: the highest- and lowest-scoring visible partners differ by at least the gap and significantly
    /// (two-sided Welch at α split over both dimensions and every pair of visible partners), in the latest valid round
    /// and in the valid rounds just before it (<see cref="AlertOptions.AsymmetryRounds"/> in a row, same partners).
    /// </summary>
    public static IReadOnlyList<Evidence> Asymmetry(Analysis analysis)
    {
        if (analysis.LatestValid is not { } latest) return [];
        var options = analysis.Options.Alerts;
        var recent = analysis.Valid.TakeLast(options.AsymmetryRounds).ToArray();
        if (recent.Length < options.AsymmetryRounds) return [];
        var found = new List<Evidence>();
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var now = AsymmetryIn(analysis, latest, dimension);
            if (now is null) continue;
            var persistent = recent.Take(recent.Length - 1).All(r => AsymmetryIn(analysis, r, dimension) is { } before
                && before.HigherPartner == now.HigherPartner && before.LowerPartner == now.LowerPartner);
            if (persistent) found.Add(now with { Rounds = recent.Length });
        }

        return found;
    }

    private static Evidence? AsymmetryIn(Analysis analysis, ScoredRound round, Dimension dimension)
    {
        var options = analysis.Options.Alerts;
        var visible = round.Disclosed.Partners
            .Select(p => (p.PartnerId, Score: dimension == Dimension.Calculative ? p.Calculative : p.Relational))
            .Where(p => p.Score is not null)
            .OrderBy(p => p.Score!.Mean).ThenBy(p => p.PartnerId, StringComparer.Ordinal)
            .ToArray();
        if (visible.Length < 2) return null;
        var (lowId, low) = visible[0];
        var (highId, high) = visible[^1];
        var gap = high!.Mean - low!.Mean;
        if (gap < options.AsymmetryGap - 1e-12) return null;
        var pairs = visible.Length * (visible.Length - 1) / 2;
        var alpha = options.AsymmetryAlpha / (2.0 * pairs);
        if (Analysis.Values(round, dimension, lowId) is not { N: >= 2 } lower || Analysis.Values(round, dimension, highId) is not { N: >= 2 } higher) return null;
        var test = WelchTest.Lower(lower, higher);
        if (test.TwoSidedP >= alpha) return null;
        return Spread(new Evidence
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
        }, Math.Min(lower.N, higher.N), round.Frozen.K);
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
    /// The smallest sudden relational drop the fast test finds in the next round with the configured power,
    /// computed the way the rule decides: the test flags when the estimated drop is at least the minimum drop and
    /// t ≥ t_{1−α,df}, so MDD = max(minimum drop, t_{1−α,df}·SE) + t_{power,df}·SE, with SE² = σ²/n + σ²/N₀ + τ²(1 + 1/k)
    /// and the Welch–Satterthwaite df of <see cref="RoundComparison"/>. σ comes from the baseline (or the latest valid
    /// round; 1 scale point when there is nothing yet), n from the latest round's respondents (or invitations), N₀ and k
    /// from the baseline (or the minimum number of baseline rounds of that size), τ from the baseline's rounds (at
    /// least the minimum round SD). Checked by simulation (docs/validity.md).
    /// </summary>
    public static double MinimalDetectableDrop(Analysis analysis)
    {
        var options = analysis.Options.Alerts;

        // The baseline the next round will be tested against: the latest valid rounds, the latest included.
        ScoredRound[] baseline = analysis.Valid.Count >= options.BaselineMinRounds ? [.. analysis.Valid.TakeLast(options.BaselineMaxRounds)] : [];
        var pooled = Analysis.Pooled(baseline, Dimension.Relational);
        var reference = pooled is { N: >= 2 } ? pooled
            : analysis.Valid.Count > 0 ? Analysis.Values(analysis.Valid[^1], Dimension.Relational) : null;
        var sigma = Math.Max(reference is { N: >= 2 } ? reference.StandardDeviation ?? 0 : 1.0, options.MinimumStandardDeviation);
        var n = analysis.LatestValid?.Score.Relational?.N
                ?? Math.Max(analysis.Latest?.Invited ?? 0, analysis.Options.Anonymity.MinRespondents);
        n = Math.Max(n, 2);
        var n0 = pooled is { N: >= 2 } ? pooled.N : n * options.BaselineMinRounds;
        var k = pooled is { N: >= 2 } ? baseline.Length : options.BaselineMinRounds;
        var tau2 = pooled is { N: >= 2 } ? RoundComparison.BetweenRoundVariance(PerRound(baseline, Dimension.Relational), options.MinimumRoundSd)
            : options.MinimumRoundSd * options.MinimumRoundSd;
        return RoundComparison.MinimalDetectableDrop(sigma, n, n0, k, tau2, options);
    }
}
