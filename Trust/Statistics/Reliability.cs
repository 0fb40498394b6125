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
