using AllianceBot.Trust;

namespace AllianceBot.Validity;

/// <summary>The scenarios of docs/validity.md; each cell simulates its alliances in parallel with per-alliance seeds.</summary>
public sealed class Runner(Model model, int alliances, int seed)
{
    private const double Mean = 3.8;
    private static readonly AlertKind[] DropKinds = [AlertKind.FastRelationalDrop, AlertKind.SlowRelationalDrift];

    /// <summary>A deterministic seed per cell and alliance (HashCode.Combine is randomized per process, so runs would differ).</summary>
    private static int Seed(params int[] parts)
    {
        unchecked
        {
            var h = 17L;
            foreach (var p in parts) h = h * 1_000_003 + p;
            return (int)(h ^ (h >> 32));
        }
    }

    public sealed record StableResult(double Any, IReadOnlyDictionary<AlertKind, double> ByKind);

    private double Fraction(int cell, int n, Func<SimulatedAlliance, int, bool> run)
    {
        var hits = 0;
        Parallel.For(0, alliances, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var alliance = new SimulatedAlliance(n, model, Seed(seed, cell, n, i));
            if (run(alliance, i)) Interlocked.Increment(ref hits);
        });
        return (double)hits / alliances;
    }

    private static void Phase2(SimulatedAlliance a, double calc = Mean, double rel = Mean)
    {
        for (var r = 0; r < 4; r++) a.Add(new Step(Phase.Confirmation, calc, rel));
    }

    public StableResult Stable(int n, TrustOptions options)
    {
        var counts = new Dictionary<AlertKind, int>();
        var any = 0;
        Parallel.For(0, alliances, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var a = new SimulatedAlliance(n, model, Seed(seed, 1, n, i));
            Phase2(a);
            var kinds = new HashSet<AlertKind>();
            for (var r = 0; r < 12; r++)
            {
                a.Add(new Step(Phase.Execution, Mean, Mean));
                foreach (var alert in a.Evaluate(options).Notifications) kinds.Add(alert.Kind);
            }

            lock (counts)
            {
                if (kinds.Count > 0) any++;
                foreach (var k in kinds) counts[k] = counts.GetValueOrDefault(k) + 1;
            }
        });
        return new StableResult((double)any / alliances, counts.ToDictionary(c => c.Key, c => (double)c.Value / alliances));
    }

    /// <summary>Sustained relational drop after 6 stable phase-3 rounds: flagged (fast or drift) within the given rounds?</summary>
    public double Drop(int n, double drop, int within, TrustOptions options) => Fraction(2000 + (int)(drop * 100) + within, n, (a, _) =>
    {
        Phase2(a);
        for (var r = 0; r < 6; r++) a.Add(new Step(Phase.Execution, Mean, Mean));
        for (var r = 0; r < within; r++)
        {
            a.Add(new Step(Phase.Execution, Mean, Mean - drop));
            if (a.Evaluate(options).Notifications.Any(x => DropKinds.Contains(x.Kind))) return true;
        }

        return false;
    });

    /// <summary>The MDD stated after 6 stable phase-3 rounds, and whether a drop of exactly that size is found in the next round.</summary>
    public (double Median, double Power) DetectableCheck(int n, TrustOptions options)
    {
        var stated = new double[alliances];
        var hits = 0;
        Parallel.For(0, alliances, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var a = new SimulatedAlliance(n, model, Seed(seed, 3, n, i));
            Phase2(a);
            for (var r = 0; r < 6; r++) a.Add(new Step(Phase.Execution, Mean, Mean));
            var mdd = a.Evaluate(options).MinimalDetectableDrop;
            stated[i] = mdd;
            a.Add(new Step(Phase.Execution, Mean, Mean - mdd));
            if (a.Evaluate(options).Notifications.Any(x => x.Kind == AlertKind.FastRelationalDrop)) Interlocked.Increment(ref hits);
        });
        Array.Sort(stated);
        return (stated[alliances / 2], (double)hits / alliances);
    }

    /// <summary>Calculative trust truly at <paramref name="level"/> in phases 2 and 3: a floor alert within the given phase-3 rounds?</summary>
    public double CalculativeLevel(int n, double level, int within, TrustOptions options) => Fraction(4000 + (int)(level * 100) + within * 1000, n, (a, _) =>
    {
        Phase2(a, calc: level);
        for (var r = 0; r < within; r++)
        {
            a.Add(new Step(Phase.Execution, level, Mean));
            if (a.Evaluate(options).Notifications.Any(x => x.Kind == AlertKind.CalculativeFloor)) return true;
        }

        return false;
    });

    /// <summary>Calculative 4.3 in phase 2, 3.1 in phase 3: a fade or floor alert within 3 phase-3 rounds?</summary>
    public double Fade(int n, TrustOptions options) => Fraction(5, n, (a, _) =>
    {
        Phase2(a, calc: 4.3);
        for (var r = 0; r < 3; r++)
        {
            a.Add(new Step(Phase.Execution, 3.1, Mean));
            if (a.Evaluate(options).Notifications.Any(x => x.Kind is AlertKind.CalculativeFade or AlertKind.CalculativeFloor)) return true;
        }

        return false;
    });

    public (double Three, double Six) Asymmetry(int n, double gap, TrustOptions options)
    {
        var three = 0;
        var six = 0;
        Parallel.For(0, alliances, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var a = new SimulatedAlliance(n, model, Seed(seed, 6, n, i));
            for (var r = 0; r < 6; r++)
            {
                a.Add(new Step(Phase.Confirmation, Mean, Mean, gap));
                if (a.Evaluate(options).Notifications.Any(x => x.Kind == AlertKind.PartnerAsymmetry))
                {
                    if (r < 3) Interlocked.Increment(ref three);
                    Interlocked.Increment(ref six);
                    break;
                }
            }
        });
        return ((double)three / alliances, (double)six / alliances);
    }

    public IReadOnlyDictionary<MeasuredEmphasis, double> Position(int n, int rounds, double balance, TrustOptions options)
    {
        var counts = new Dictionary<MeasuredEmphasis, int>();
        Parallel.For(0, alliances, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var a = new SimulatedAlliance(n, model, Seed(seed, 7, n * 100 + rounds, i, (int)(balance * 100)));
            for (var r = 0; r < rounds; r++) a.Add(new Step(Phase.Confirmation, Mean - balance / 2, Mean + balance / 2));
            if (a.Evaluate(options).Position.Measured is { } m)
            {
                lock (counts) counts[m] = counts.GetValueOrDefault(m) + 1;
            }
        });
        return counts.ToDictionary(c => c.Key, c => (double)c.Value / alliances);
    }

    public double Ready(int n, double relational, TrustOptions options) => Fraction(8000 + (int)(relational * 100), n, (a, _) =>
    {
        for (var r = 0; r < options.Position.ReadyRounds; r++) a.Add(new Step(Phase.GettingAcquainted, 3.3, relational));
        return a.Evaluate(options).Readiness.Kind == ReadinessKind.ReadyToMoveRight;
    });

    /// <summary>What one full round of n people gives per alliance: α and the anchor–facet r per dimension, and whether managers were warned.</summary>
    public sealed record ReliabilityResult(double[] CalculativeAlpha, double[] RelationalAlpha, double[] CalculativeR, double[] RelationalR,
        AnchorAgreement?[] CalculativeAgreement, AnchorAgreement?[] RelationalAgreement, double Warned);

    /// <summary>
    /// Cronbach's α and the anchor–facet correlation per dimension in one full round of n people (phase 2, both anchors
    /// true 3.8), read back from the health report as the drift card reads them (r NaN and no agreement where r was undefined).
    /// </summary>
    public ReliabilityResult Alphas(int n, Model alphaModel)
    {
        var calc = new double[alliances];
        var rel = new double[alliances];
        var calcR = new double[alliances];
        var relR = new double[alliances];
        var calcAgreement = new AnchorAgreement?[alliances];
        var relAgreement = new AnchorAgreement?[alliances];
        var warned = 0;
        Parallel.For(0, alliances, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var alliance = new SimulatedAlliance(n, alphaModel, Seed(seed, 9000 + (int)(alphaModel.Icc * 100), n, i));
            alliance.AddFull(new Step(Phase.Confirmation, Mean, Mean));
            var report = alliance.Evaluate(TrustOptions.Default);
            var c = report.Reliability.Single(r => r.Dimension == Dimension.Calculative);
            var r = report.Reliability.Single(r => r.Dimension == Dimension.Relational);
            calc[i] = c.Alpha;
            rel[i] = r.Alpha;
            calcR[i] = c.AnchorFacets ?? double.NaN;
            relR[i] = r.AnchorFacets ?? double.NaN;
            calcAgreement[i] = c.Agreement;
            relAgreement[i] = r.Agreement;
            if (report.LowReliability.Count > 0) Interlocked.Increment(ref warned);
        });
        return new ReliabilityResult(calc, rel, calcR, relR, calcAgreement, relAgreement, (double)warned / alliances);
    }

    /// <summary>Phase 2 with a true relational level: how often 2 rounds make the bot suggest sliding back.</summary>
    public double SlideBack(int n, double relational, TrustOptions options) => Fraction(8500 + (int)(relational * 100), n, (a, _) =>
    {
        for (var r = 0; r < options.Position.ReadyRounds; r++) a.Add(new Step(Phase.Confirmation, Mean, relational));
        return a.Evaluate(options).Readiness.Kind == ReadinessKind.SlidingBack;
    });

    /// <summary>Phase 2 with both anchors at a true level: how often 2 rounds make the bot suggest moving right.</summary>
    public double ReadyBoth(int n, double level, TrustOptions options) => Fraction(8700 + (int)(level * 100), n, (a, _) =>
    {
        for (var r = 0; r < options.Position.ReadyRounds; r++) a.Add(new Step(Phase.Confirmation, level, level));
        return a.Evaluate(options).Readiness.Kind == ReadinessKind.ReadyToMoveRight;
    });
}
