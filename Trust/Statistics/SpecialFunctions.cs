namespace AllianceBot.Trust.Statistics;

/// <summary>The special functions behind the Student-t distribution. Trust has no package dependencies, so they live here.</summary>
public static class SpecialFunctions
{
    // Lanczos approximation, g = 7, n = 9: relative error below 1e-15 for positive arguments.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    private const double Tiny = 1e-300;
    private const double Epsilon = 1e-15;
    private const int MaxIterations = 10_000;

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma is defined here for x > 0 only.");
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>The regularized incomplete beta function I_x(a, b) for a, b &gt; 0 and 0 ≤ x ≤ 1.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (!(a > 0) || !(b > 0)) throw new ArgumentOutOfRangeException(nameof(a), "Both shape parameters must be positive.");
        if (double.IsNaN(x) || x < 0 || x > 1) throw new ArgumentOutOfRangeException(nameof(x), x, "x must lie in [0, 1].");
        if (x == 0) return 0;
        if (x == 1) return 1;

        var logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        var front = Math.Exp(logFront);

        // The continued fraction converges fast only left of the mean; use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(a, b, x) / a
            : 1 - front * ContinuedFraction(b, a, 1 - x) / b;
    }

    /// <summary>The continued fraction for the incomplete beta, evaluated with the modified Lentz method.</summary>
    private static double ContinuedFraction(double a, double b, double x)
    {
        var c = 1.0;
        var d = Guard(1 - (a + b) * x / (a + 1));
        d = 1 / d;
        var result = d;

        for (var m = 1; m <= MaxIterations; m++)
        {
            var twoM = 2 * m;

            // Even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)).
            var even = m * (b - m) * x / ((a + twoM - 1) * (a + twoM));
            d = 1 / Guard(1 + even * d);
            c = Guard(1 + even / c);
            result *= d * c;

            // Odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
            var odd = -(a + m) * (a + b + m) * x / ((a + twoM) * (a + twoM + 1));
            d = 1 / Guard(1 + odd * d);
            c = Guard(1 + odd / c);
            var delta = d * c;
            result *= delta;

            if (Math.Abs(delta - 1) < Epsilon) return result;
        }

        throw new ArithmeticException($"The incomplete beta continued fraction did not converge for a={a}, b={b}, x={x}.");
    }

    private static double Guard(double value) => Math.Abs(value) < Tiny ? Tiny : value;
}
