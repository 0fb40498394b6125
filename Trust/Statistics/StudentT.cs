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

    /// <summary>The t with P(T ≤ t) = p, found by bisection on <see cref="Cdf"/> (monotone, so this cannot fail).</summary>
    public static double Quantile(double p, double df)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie strictly between 0 and 1.");
        if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), df, "Degrees of freedom must be positive.");
        if (p == 0.5) return 0;

        double low = -1, high = 1;
        while (Cdf(low, df) > p) low *= 2;
        while (Cdf(high, df) < p) high *= 2;
        for (var i = 0; i < 200 && high - low > 1e-13 * Math.Max(1, Math.Abs(low)); i++)
        {
            var middle = 0.5 * (low + high);
            if (Cdf(middle, df) < p) low = middle;
            else high = middle;
        }

        return 0.5 * (low + high);
    }
}
