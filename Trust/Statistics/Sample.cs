namespace AllianceBot.Trust.Statistics;

/// <summary>A two-sided confidence interval.</summary>
public sealed record ConfidenceInterval(double Low, double High, double Level = 0.95);

/// <summary>Mean, n, sample standard deviation and 95% Student-t interval of a set of values.</summary>
public sealed record Summary(int N, double Mean, double? StandardDeviation, ConfidenceInterval? Interval)
{
    /// <summary>Summarizes values; SD and interval need at least two values.</summary>
    public static Summary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("A summary needs at least one value.", nameof(values));
        var n = values.Count;
        var mean = values.Average();
        if (n < 2) return new Summary(n, mean, null, null);

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = StudentT.Quantile(0.975, n - 1) * sd / Math.Sqrt(n);
        return new Summary(n, mean, sd, new ConfidenceInterval(mean - half, mean + half));
    }

    public double Variance => StandardDeviation is { } sd ? sd * sd : 0;

    /// <summary>A summary with a known mean and standard deviation (a frozen round), with its interval.</summary>
    public static Summary From(int n, double mean, double? standardDeviation)
    {
        if (n < 1) throw new ArgumentException("A summary needs at least one value.", nameof(n));
        if (n < 2 || standardDeviation is not { } sd) return new Summary(n, mean, null, null);
        var half = StudentT.Quantile(0.975, n - 1) * sd / Math.Sqrt(n);
        return new Summary(n, mean, sd, new ConfidenceInterval(mean - half, mean + half));
    }

    /// <summary>The summary of the union of samples, from their counts, means and standard deviations alone.</summary>
    public static Summary Combine(IEnumerable<Summary> parts)
    {
        var list = parts.ToList();
        var n = list.Sum(p => p.N);
        if (n == 0) throw new ArgumentException("A summary needs at least one value.", nameof(parts));
        var mean = list.Sum(p => p.N * p.Mean) / n;
        if (n < 2) return new Summary(n, mean, null, null);
        var squares = list.Sum(p => (p.N - 1) * p.Variance + p.N * (p.Mean - mean) * (p.Mean - mean));
        return From(n, mean, Math.Sqrt(Math.Max(0, squares) / (n - 1)));
    }
}

/// <summary>Welch's unequal-variance t-test of "current is lower than baseline".</summary>
public sealed record WelchTest(
    double CurrentMean,
    double BaselineMean,
    double Difference,
    double StandardError,
    double T,
    double DegreesOfFreedom,
    double OneSidedP,
    ConfidenceInterval DifferenceInterval)
{
    /// <summary>Tests H1: mean(current) &lt; mean(baseline). Both samples need at least two values.</summary>
    public static WelchTest Lower(Summary current, Summary baseline)
    {
        if (current.N < 2 || baseline.N < 2) throw new ArgumentException("Welch's test needs at least two values in each sample.");
        var vc = current.Variance / current.N;
        var vb = baseline.Variance / baseline.N;
        var difference = current.Mean - baseline.Mean;
        var se = Math.Sqrt(vc + vb);

        if (se == 0)
        {
            // Both samples constant: the difference is exact, so any drop is certain and no drop is no evidence.
            var df0 = current.N + baseline.N - 2.0;
            var t0 = difference < 0 ? double.NegativeInfinity : difference > 0 ? double.PositiveInfinity : 0;
            var p0 = difference < 0 ? 0 : difference > 0 ? 1 : 0.5;
            return new WelchTest(current.Mean, baseline.Mean, difference, 0, t0, df0, p0, new ConfidenceInterval(difference, difference));
        }

        // Welch–Satterthwaite degrees of freedom.
        var df = (vc + vb) * (vc + vb) / (vc * vc / (current.N - 1) + vb * vb / (baseline.N - 1));
        var t = difference / se;
        var half = StudentT.Quantile(0.975, df) * se;
        return new WelchTest(current.Mean, baseline.Mean, difference, se, t, df, StudentT.Cdf(t, df),
            new ConfidenceInterval(difference - half, difference + half));
    }

    /// <summary>Two-sided p-value of the same statistic.</summary>
    public double TwoSidedP => StandardError == 0 ? (Difference == 0 ? 1 : 0) : 2 * StudentT.Cdf(-Math.Abs(T), DegreesOfFreedom);
}

/// <summary>One point of a one-sided lower EWMA chart on standardized values.</summary>
public sealed record EwmaPoint(int Index, double Value, double Statistic, double LowerLimit, bool Signal);

/// <summary>A one-sided lower EWMA chart with exact (time-varying) limits on values standardized to mean 0, SD 1.</summary>
public static class Ewma
{
    /// <summary>
    /// E_t = λ z_t + (1 − λ) E_{t−1}, E_0 = 0; signal when E_t &lt; −L·√Var(E_t) with the exact
    /// Var(E_t) = λ/(2−λ)·(1 − (1−λ)^{2t}) + r·(1 − (1−λ)^t)². The first term is the textbook exact limit (tighter in the
    /// first rounds); the second adds the error of an estimated reference mean shared by every z_t, where r is the
    /// variance of that error relative to one z (n / n_reference); r = 0 for a known mean.
    /// </summary>
    public static IReadOnlyList<EwmaPoint> Lower(IEnumerable<double> standardized, double lambda, double limit, double referenceRatio = 0)
    {
        var points = new List<EwmaPoint>();
        var statistic = 0.0;
        var t = 0;
        foreach (var z in standardized)
        {
            t++;
            statistic = lambda * z + (1 - lambda) * statistic;
            var lower = LowerLimit(t, lambda, limit, referenceRatio);
            points.Add(new EwmaPoint(t, z, statistic, lower, statistic < lower));
        }

        return points;
    }

    /// <summary>The exact lower control limit at step t (1-based).</summary>
    public static double LowerLimit(int t, double lambda, double limit, double referenceRatio = 0)
    {
        var weight = 1 - Math.Pow(1 - lambda, t);
        return -limit * Math.Sqrt(lambda / (2 - lambda) * (1 - Math.Pow(1 - lambda, 2 * t)) + referenceRatio * weight * weight);
    }
}
