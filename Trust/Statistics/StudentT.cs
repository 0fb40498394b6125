namespace AllianceBot.Trust.Statistics;

/// <summary>The Student-t distribution with real-valued degrees of freedom (Welch's df is rarely whole).</summary>
public static class StudentT
{
    /// <summary>P(T ≤ t) for T ~ t(df).</summary>
    public static double Cdf(double t, double df)
    {
        if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), df, "Degrees of freedom must be positive.");
        if (double.IsNaN(t)) throw new ArgumentOutOfRangeException(nameof(t), t, "t must be a number.");
        if (double.IsPositiveInfinity(t)) return 1;
        if (double.IsNegativeInfinity(t)) return 0;

        // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2); each tail holds half of it.
        var tail = 0.5 * SpecialFunctions.RegularizedIncompleteBeta(df / 2, 0.5, df / (df + t * t));
        return t > 0 ? 1 - tail : tail;
    }

    /// <summary>The density of t(df) at t.</summary>
    public static double Pdf(double t, double df) =>
        Math.Exp(SpecialFunctions.LogGamma((df + 1) / 2) - SpecialFunctions.LogGamma(df / 2)
                 - 0.5 * Math.Log(df * Math.PI) - (df + 1) / 2 * Math.Log(1 + t * t / df));

    /// <summary>
    /// The t with P(T ≤ t) = p: Newton steps on <see cref="Cdf"/>, kept inside a bracket that bisection narrows whenever
    /// a step would leave it, so it always converges (the CDF is monotone).
    /// </summary>
    public static double Quantile(double p, double df)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie strictly between 0 and 1.");
        if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), df, "Degrees of freedom must be positive.");
        if (p == 0.5) return 0;
        if (Cache.TryGetValue((p, df), out var known)) return known;
        if (Cache.Count > 4096) Cache.Clear();
        return Cache[(p, df)] = Solve(p, df);
    }

    // Every summary asks for the same few quantiles (0.975 at whole df): remember them. Thread-safe; bounded.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double P, double Df), double> Cache = new();

    private static double Solve(double p, double df)
    {
        double low = -1, high = 1;
        while (Cdf(low, df) > p) low *= 2;
        while (Cdf(high, df) < p) high *= 2;
        var x = 0.5 * (low + high);
        for (var i = 0; i < 200; i++)
        {
            var error = Cdf(x, df) - p;
            if (error < 0) low = x;
            else high = x;
            var step = error / Pdf(x, df);
            var next = x - step;
            if (!(next > low && next < high)) next = 0.5 * (low + high);
            if (Math.Abs(next - x) <= 1e-14 * Math.Max(1, Math.Abs(x))) return next;
            x = next;
        }

        return x;
    }
}
