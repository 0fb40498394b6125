namespace AllianceBot.Trust.Statistics;

/// <summary>Snedecor's F distribution with d1 and d2 degrees of freedom.</summary>
public static class FDistribution
{
    /// <summary>P(F ≤ x) = I_{d1·x/(d1·x + d2)}(d1/2, d2/2).</summary>
    public static double Cdf(double x, double d1, double d2)
    {
        if (!(d1 > 0) || !(d2 > 0)) throw new ArgumentOutOfRangeException(nameof(d1), "Degrees of freedom must be positive.");
        if (x <= 0) return 0;
        return SpecialFunctions.RegularizedIncompleteBeta(d1 / 2, d2 / 2, d1 * x / (d1 * x + d2));
    }

    /// <summary>The x with P(F ≤ x) = p, by bisection (the CDF is monotone).</summary>
    public static double Quantile(double p, double d1, double d2)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie strictly between 0 and 1.");
        double low = 0, high = 1;
        while (Cdf(high, d1, d2) < p) high *= 2;
        for (var i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, high); i++)
        {
            var mid = (low + high) / 2;
            if (Cdf(mid, d1, d2) < p) low = mid; else high = mid;
        }

        return (low + high) / 2;
    }
}
