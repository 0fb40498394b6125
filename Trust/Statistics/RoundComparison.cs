namespace AllianceBot.Trust.Statistics;

/// <summary>
/// Compares the answers of some rounds ("current") with those of other rounds ("baseline") when real months differ:
/// every round carries a shared shock (a reorganisation, a holiday month), so a difference of means has, besides the
/// within-round error of each side, the between-round variance τ² once per round on each side:
/// Var = s_c²/N_c + s_b²/N_b + τ²·(1/k_c + 1/k_b). τ² is estimated from the baseline's round means (their variance
/// minus what the within-round error explains) and never taken below <c>minimumRoundSd</c>², because three to six
/// rounds cannot tell a calm alliance from a lucky one. Degrees of freedom: Welch–Satterthwaite over the two
/// within-round parts, with τ² counted as known (it is floored) — the same df the minimal detectable drop uses.
/// </summary>
public sealed record RoundComparison(
    double CurrentMean,
    double BaselineMean,
    double Difference,
    double StandardError,
    double T,
    double DegreesOfFreedom,
    double OneSidedP,
    ConfidenceInterval DifferenceInterval,
    double BetweenRoundSd)
{
    /// <summary>
    /// Tests H1: current mean &lt; baseline mean, from each round's summary (n, mean, SD — what a frozen round keeps).
    /// Each side needs at least two values in total.
    /// </summary>
    public static RoundComparison Lower(IReadOnlyList<Summary> current, IReadOnlyList<Summary> baseline, double minimumRoundSd)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        if (current.Sum(r => r.N) < 2 || baseline.Sum(r => r.N) < 2) throw new ArgumentException("A round comparison needs at least two values on each side.");
        var sc = Summary.Combine(current);
        var sb = Summary.Combine(baseline);
        var tau2 = BetweenRoundVariance(baseline, minimumRoundSd);
        var vc = sc.Variance / sc.N;
        var vb = sb.Variance / sb.N;
        var vt = tau2 * (1.0 / current.Count(r => r.N > 0) + 1.0 / baseline.Count(r => r.N > 0));
        var se = Math.Sqrt(vc + vb + vt);
        var df = SatterthwaiteDf(vc, sc.N, vb, sb.N, vt);
        var difference = sc.Mean - sb.Mean;
        var t = difference / se;
        var half = StudentT.Quantile(0.975, df) * se;
        return new RoundComparison(sc.Mean, sb.Mean, difference, se, t, df, StudentT.Cdf(t, df),
            new ConfidenceInterval(difference - half, difference + half), Math.Sqrt(tau2));
    }

    /// <summary>Two-sided p-value of the same statistic.</summary>
    public double TwoSidedP => 2 * StudentT.Cdf(-Math.Abs(T), DegreesOfFreedom);

    /// <summary>
    /// τ²: the variance of the rounds' means beyond what their within-round error explains, at least
    /// <paramref name="minimumRoundSd"/>² (also when there are fewer than two rounds to estimate it from).
    /// </summary>
    public static double BetweenRoundVariance(IReadOnlyList<Summary> rounds, double minimumRoundSd)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var floor = minimumRoundSd * minimumRoundSd;
        var usable = rounds.Where(r => r.N >= 2 && r.StandardDeviation is not null).ToArray();
        if (usable.Length < 2) return floor;
        var meanOfMeans = usable.Average(r => r.Mean);
        var spread = usable.Sum(r => (r.Mean - meanOfMeans) * (r.Mean - meanOfMeans)) / (usable.Length - 1);
        var explained = usable.Average(r => r.Variance / r.N);
        return Math.Max(floor, spread - explained);
    }

    /// <summary>
    /// Welch–Satterthwaite df of vc + vb + vt where vt is known (infinite df), capped at <see cref="MaxDf"/> (a t with
    /// 1,000 df is the normal to three decimals; near-constant answers would otherwise give astronomically large df).
    /// </summary>
    public static double SatterthwaiteDf(double vc, int nc, double vb, int nb, double vt)
    {
        var denominator = vc * vc / Math.Max(1, nc - 1) + vb * vb / Math.Max(1, nb - 1);
        var total = vc + vb + vt;
        return denominator <= 0 ? Math.Max(1, nc + nb - 2.0) : Math.Clamp(total * total / denominator, 1, MaxDf);
    }

    public const double MaxDf = 1000;

    /// <summary>
    /// The minimal detectable drop of the fast rule for given sizes: max(minimum drop, t_{1−α,df}·SE) + t_{power,df}·SE with
    /// SE² = σ²/n + σ²/N₀ + τ²(1 + 1/k) and the df of <see cref="SatterthwaiteDf"/> (used by the health check and the simulation).
    /// </summary>
    public static double MinimalDetectableDrop(double sigma, int n, int n0, int k, double tau2, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var vc = sigma * sigma / n;
        var vb = sigma * sigma / n0;
        var vt = tau2 * (1 + 1.0 / k);
        var se = Math.Sqrt(vc + vb + vt);
        var df = SatterthwaiteDf(vc, n, vb, n0, vt);
        return Math.Max(options.MinimumDrop, StudentT.Quantile(1 - options.FastDropAlpha, df) * se) + StudentT.Quantile(options.Power, df) * se;
    }
}

/// <summary>
/// The mean of a window of rounds with an interval that includes the between-round variance:
/// SE² = s²/N + τ²/k, df = N − 1. Used where a level is compared with a fixed line (the calculative floor).
/// </summary>
public sealed record WindowMean(double Mean, int N, int Rounds, double StandardError, double DegreesOfFreedom)
{
    /// <summary>The window's mean from its rounds' summaries (n, mean, SD per round).</summary>
    public static WindowMean Of(IReadOnlyList<Summary> rounds, double minimumRoundSd)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        if (rounds.Sum(r => r.N) == 0) throw new ArgumentException("A window mean needs at least one value.", nameof(rounds));
        var all = Summary.Combine(rounds);
        var k = Math.Max(1, rounds.Count(r => r.N > 0));
        var variance = all.N >= 2 && all.StandardDeviation is not null ? all.Variance : 1.0;
        var tau2 = RoundComparison.BetweenRoundVariance(rounds, minimumRoundSd);
        return new WindowMean(all.Mean, all.N, k, Math.Sqrt(variance / all.N + tau2 / k), Math.Max(1, all.N - 1));
    }

    /// <summary>The one-sided upper bound at the given confidence (0.95 → the mean is below it with 95% confidence).</summary>
    public double Upper(double confidence = 0.95) => Mean + StudentT.Quantile(confidence, DegreesOfFreedom) * StandardError;

    public ConfidenceInterval Interval
    {
        get
        {
            var half = StudentT.Quantile(0.975, DegreesOfFreedom) * StandardError;
            return new ConfidenceInterval(Mean - half, Mean + half);
        }
    }
}

/// <summary>
/// A paired interval for relational − calculative: both anchors come from the same people, so the balance is the mean
/// of each respondent's own difference (a Welch interval on the two anchors treats them as strangers and is too wide).
/// SE² = s_d²/N + τ_d²/k with τ_d² the between-round variance of the round means of d beyond their within-round error.
/// Works from each round's frozen "balance" summary (n, mean and SD of the differences), never from answers.
/// </summary>
public sealed record PairedBalance(double Mean, int N, int Rounds, double StandardError, ConfidenceInterval? Interval)
{
    public static PairedBalance? Of(IReadOnlyList<Summary> differencesPerRound)
    {
        ArgumentNullException.ThrowIfNull(differencesPerRound);
        if (differencesPerRound.Sum(r => r.N) == 0) return null;
        var s = Summary.Combine(differencesPerRound);
        var k = Math.Max(1, differencesPerRound.Count(r => r.N > 0));
        if (s.N < 2 || s.StandardDeviation is null) return new PairedBalance(s.Mean, s.N, k, double.PositiveInfinity, null);
        var tau2 = RoundComparison.BetweenRoundVariance(differencesPerRound, 0);
        var se = Math.Sqrt(s.Variance / s.N + tau2 / k);
        var half = StudentT.Quantile(0.975, s.N - 1) * se;
        return new PairedBalance(s.Mean, s.N, k, se, new ConfidenceInterval(s.Mean - half, s.Mean + half));
    }
}
