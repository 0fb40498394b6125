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
}
