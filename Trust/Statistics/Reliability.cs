namespace AllianceBot.Trust.Statistics;

/// <summary>Internal consistency of a set of items answered by the same people.</summary>
public static class Reliability
{
    /// <summary>
    /// Cronbach's α = k/(k−1) · (1 − Σ item variances / variance of the sum score), over complete rows only (each row
    /// one respondent's answers to the same k items, in the same order). Null when it is undefined: fewer than two
    /// items or two rows, or a sum score without variance.
    /// </summary>
    public static double? CronbachAlpha(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 2) return null;
        var k = rows[0].Length;
        if (k < 2 || rows.Any(r => r.Length != k)) return null;
        var itemVariances = 0.0;
        for (var j = 0; j < k; j++)
        {
            var column = j;
            itemVariances += Variance([.. rows.Select(r => r[column])]);
        }

        var total = Variance([.. rows.Select(r => r.Sum())]);
        if (total <= 0) return null;
        return k / (k - 1.0) * (1 - itemVariances / total);
    }

    /// <summary>
    /// The anchor–facet correlation of a dimension, corrected item–total style: per row, the anchor (column
    /// <paramref name="anchorColumn"/>) against the mean of the row's other items (the facet items, anchor excluded), as
    /// a Pearson correlation over complete rows only (listwise, the same rows as <see cref="CronbachAlpha"/>). Null when
    /// it is undefined: fewer than two items or three rows, or no spread in the anchor or in the facet means.
    /// </summary>
    public static double? AnchorFacetCorrelation(IReadOnlyList<double[]> rows, int anchorColumn)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 3) return null;
        var k = rows[0].Length;
        if (k < 2 || anchorColumn < 0 || anchorColumn >= k || rows.Any(r => r.Length != k)) return null;
        var anchors = rows.Select(r => r[anchorColumn]).ToArray();
        var facets = rows.Select(r => (r.Sum() - r[anchorColumn]) / (k - 1)).ToArray();
        return Correlation(anchors, facets);
    }

    /// <summary>Pearson's r of paired values; null with fewer than three pairs or when either side has no spread.</summary>
    public static double? Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 3) return null;
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        // Likert answers are small integers, so "no spread" is exact zero up to rounding of the means.
        if (sxx <= 1e-12 || syy <= 1e-12) return null;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>
    /// One-sided bounds for a correlation r from n people (Fisher's z: atanh r ± z_confidence/√(n − 3), back through tanh):
    /// with the given confidence the true correlation is at least Lower, and with the same confidence at most Upper.
    /// </summary>
    public static (double Lower, double Upper) CorrelationBounds(double r, int people, double confidence = 0.95)
    {
        if (people < 4) throw new ArgumentOutOfRangeException(nameof(people), "A correlation's bounds need at least four people.");
        if (r is < -1 or > 1) throw new ArgumentOutOfRangeException(nameof(r), r, "A correlation lies between −1 and 1.");
        var z = Math.Atanh(Math.Clamp(r, -0.999999, 0.999999));
        // The standard normal quantile, as Student's t with so many degrees of freedom that they agree to 1e-6.
        var half = StudentT.Quantile(confidence, 1e7) / Math.Sqrt(people - 3);
        return (Math.Tanh(z - half), Math.Tanh(z + half));
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }

    /// <summary>
    /// Feldt's one-sided upper confidence bound for α from n people and k items: (1 − α)/(1 − α̂) follows
    /// F(n − 1, (n − 1)(k − 1)), so α ≤ 1 − (1 − α̂)·F_{1−confidence}(n − 1, (n − 1)(k − 1)) with the given confidence.
    /// </summary>
    public static double AlphaUpperBound(double alpha, int people, int items, double confidence = 0.95)
    {
        if (people < 2 || items < 2) throw new ArgumentOutOfRangeException(nameof(people), "α needs at least two people and two items.");
        var f = FDistribution.Quantile(1 - confidence, people - 1, (people - 1.0) * (items - 1));
        return 1 - (1 - alpha) * f;
    }
}
