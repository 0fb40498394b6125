namespace AllianceBot.Dialogs.Intents;

/// <summary>String similarity used by the fuzzy matcher. Inputs are short normalized words; lengths are capped.</summary>
public static class Similarity
{
    private const int MaxWordLength = 40;

    /// <summary>Optimal string alignment (restricted Damerau–Levenshtein) distance: a swap of neighbours costs 1.</summary>
    public static int DamerauLevenshtein(string a, string b)
    {
        if (a.Length > MaxWordLength) a = a[..MaxWordLength];
        if (b.Length > MaxWordLength) b = b[..MaxWordLength];
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>
    /// 1 for equal words, falling with the edit distance; 0 when the words differ too much to be a typo
    /// (short words must match exactly, so "we" never counts as "me").
    /// </summary>
    public static double Word(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal)) return 1;
        var longest = Math.Max(a.Length, b.Length);
        if (Math.Min(a.Length, b.Length) < 3) return 0;
        var allowed = longest <= 4 ? 1 : longest <= 8 ? 2 : 3;
        if (Math.Abs(a.Length - b.Length) > allowed) return 0;
        var distance = DamerauLevenshtein(a, b);
        return distance > allowed ? 0 : 1 - (double)distance / (longest + 1);
    }

    /// <summary>Dice coefficient over character trigrams of the words glued together ("health check" ≈ "healthcheck").</summary>
    public static double Trigram(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var x = Trigrams(string.Concat(a));
        var y = Trigrams(string.Concat(b));
        if (x.Count == 0 || y.Count == 0) return 0;
        var common = x.Count(y.Contains);
        return 2.0 * common / (x.Count + y.Count);
    }

    private static HashSet<string> Trigrams(string s)
    {
        var padded = $"  {s} ";
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++) set.Add(padded.Substring(i, 3));
        return set;
    }
}
