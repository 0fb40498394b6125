namespace AllianceBot.Trust;

/// <summary>Which slices of one measure may be shown. Decided from counts only, never from values.</summary>
public sealed record SliceDecision(bool TotalVisible, IReadOnlySet<string> Visible, IReadOnlySet<string> Hidden)
{
    public bool IsVisible(string slice) => Visible.Contains(slice);
}

/// <summary>A partner's slice after the anonymity rule: hidden parts are null.</summary>
public sealed record DisclosedPartner(
    string PartnerId,
    bool Hidden,
    int? Respondents,
    double? ParticipationRate,
    DimensionScore? Calculative,
    DimensionScore? Relational,
    double? Balance);

/// <summary>What of a round may be shown. Individual answers are not part of this type, so no view can show one.</summary>
public sealed record DisclosedRound(
    string RoundId,
    DateTimeOffset ClosedAt,
    int Invited,
    int Respondents,
    double ParticipationRate,
    DimensionScore? Calculative,
    DimensionScore? Relational,
    double? Balance,
    IReadOnlyList<DisclosedPartner> Partners,
    IReadOnlyList<FacetScore> Facets,
    bool CommentsVisible,
    int? Comments,
    int MinRespondents)
{
    /// <summary>True when the overall anchors may be shown (the round counts for trends and alerts).</summary>
    public bool ScoresVisible => Calculative is not null && Relational is not null;
}

/// <summary>
/// The one place that decides what may be shown. Rules: nothing below k respondents, overall or per partner; when
/// a slice is hidden, the next-smallest slices are hidden too until the hidden ones together hold at least k people
/// (so no hidden slice can be recovered by subtracting the visible ones from the total); comments need their own
/// threshold; the spread of a slice (standard deviation, confidence interval) only from <see cref="SpreadThreshold"/>
/// times k answers, because a mean and a standard deviation of a few 1–5 answers often pin down every answer;
/// individual answers are never shown. Every view — cards, charts, alerts, summaries, the export — takes its numbers
/// from here (closed rounds through their frozen <see cref="RoundSnapshot"/>).
/// </summary>
public static class Disclosure
{
    /// <summary>Standard deviation and interval are shown only for slices of at least this many times k answers.</summary>
    public const int SpreadThreshold = 2;

    /// <summary>True when a slice of <paramref name="n"/> answers may show its spread under <paramref name="k"/>.</summary>
    public static bool SpreadVisible(int n, int k) => n >= SpreadThreshold * k;

    /// <summary>The score with its spread removed when the slice is too small for it.</summary>
    public static DimensionScore? Spread(DimensionScore? score, int k) =>
        score is null || SpreadVisible(score.N, k) ? score : score with { StandardDeviation = null, Interval = null };

    /// <summary>The rule for one measure: a total over disjoint slices (partner organisations).</summary>
    public static SliceDecision Decide(int total, IReadOnlyDictionary<string, int> slices, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be positive.");
        var all = slices.Keys.ToHashSet(StringComparer.Ordinal);
        if (total < k) return new SliceDecision(false, new HashSet<string>(StringComparer.Ordinal), all);

        var hidden = slices.Where(s => s.Value < k).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var hiddenCount = hidden.Sum(id => slices[id]);
        var candidates = slices.Where(s => !hidden.Contains(s.Key))
            .OrderBy(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Key).ToList();
        foreach (var next in candidates)
        {
            if (hiddenCount == 0 || hiddenCount >= k) break;
            hidden.Add(next);
            hiddenCount += slices[next];
        }

        var visible = all.Where(id => !hidden.Contains(id)).ToHashSet(StringComparer.Ordinal);
        return new SliceDecision(true, visible, hidden);
    }

    /// <summary>Applies the rule to every measure of a round score.</summary>
    public static DisclosedRound Apply(RoundScore score, AnonymityOptions options)
    {
        var k = options.MinRespondents;
        var people = Decide(score.Respondents, score.Partners.ToDictionary(p => p.PartnerId, p => p.Respondents, StringComparer.Ordinal), k);
        var calculative = Decide(score.Calculative?.N ?? 0, score.Partners.ToDictionary(p => p.PartnerId, p => p.Calculative?.N ?? 0, StringComparer.Ordinal), k);
        var relational = Decide(score.Relational?.N ?? 0, score.Partners.ToDictionary(p => p.PartnerId, p => p.Relational?.N ?? 0, StringComparer.Ordinal), k);

        var partners = score.Partners.Select(p =>
        {
            var calc = calculative.IsVisible(p.PartnerId) ? Spread(p.Calculative, k) : null;
            var rel = relational.IsVisible(p.PartnerId) ? Spread(p.Relational, k) : null;
            var shown = people.IsVisible(p.PartnerId);
            return new DisclosedPartner(p.PartnerId, !shown || (calc is null && rel is null),
                shown ? p.Respondents : null, shown ? p.ParticipationRate : null,
                calc, rel, RoundScorer.BalanceOf(calc, rel));
        }).ToArray();

        var calcOverall = calculative.TotalVisible ? Spread(score.Calculative, k) : null;
        var relOverall = relational.TotalVisible ? Spread(score.Relational, k) : null;
        var commentsVisible = score.Comments >= options.MinComments && score.Respondents >= k;
        return new DisclosedRound(
            score.RoundId,
            score.ClosedAt,
            score.Invited,
            score.Respondents,
            score.ParticipationRate,
            calcOverall,
            relOverall,
            RoundScorer.BalanceOf(calcOverall, relOverall),
            partners,
            [.. score.Facets.Where(f => f.Score.N >= k).Select(f => f with { Score = Spread(f.Score, k)! })],
            commentsVisible,
            commentsVisible ? score.Comments : null,
            k);
    }
}
