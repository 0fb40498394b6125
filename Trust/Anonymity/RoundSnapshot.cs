using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust;

/// <summary>
/// One frozen number of a closed round: a slice (<see cref="RoundSnapshot.All"/> or a partner id), a measure
/// (<see cref="RoundSnapshot.Respondents"/>, <see cref="RoundSnapshot.Calculative"/>, a facet or an item), how many
/// people stand behind it, whether the disclosure rule let it be shown under the round's k, and — only when shown —
/// the mean and the standard deviation (the latter for the model's tests; views show it only from 2k answers on).
/// </summary>
public sealed record SnapshotCell(string Slice, string Measure, int N, bool Shown, double? Mean, double? StandardDeviation);

/// <summary>
/// What a closed round is, for ever: the k it closed under and its frozen cells. Nothing in it names a person or
/// holds an answer of a slice the rule hid, so "forget me", a partner move or a later lower k cannot change it.
/// </summary>
public sealed record FrozenRound(string RoundId, DateTimeOffset ClosedAt, int Invited, int K, IReadOnlyList<SnapshotCell> Cells)
{
    public SnapshotCell? Cell(string slice, string measure) =>
        Cells.FirstOrDefault(c => string.Equals(c.Slice, slice, StringComparison.Ordinal) && string.Equals(c.Measure, measure, StringComparison.Ordinal));

    public int Respondents => Cell(RoundSnapshot.All, RoundSnapshot.Respondents)?.N ?? 0;

    /// <summary>The partner slices in a stable order.</summary>
    public IEnumerable<string> PartnerIds => Cells.Where(c => c.Measure == RoundSnapshot.Respondents && c.Slice != RoundSnapshot.All)
        .Select(c => c.Slice).Order(StringComparer.Ordinal);
}

/// <summary>How many of a round's <paramref name="Respondents"/> said "don't know / not applicable" to an item.</summary>
public sealed record DontKnowCount(string ItemId, int Count, int Respondents);

/// <summary>
/// Cronbach's α of a dimension in a full round, from <paramref name="N"/> people who answered all its
/// <paramref name="Items"/> items, with Feldt's one-sided 95% upper bound.
/// </summary>
/// <paramref name="AnchorFacets"/> is the anchor–facet correlation of the same people in the same round (the anchor
/// against the mean of the dimension's other items), when it was stored and defined.
public sealed record DimensionReliability(Dimension Dimension, double Alpha, int N, int Items, double UpperBound, string RoundId, double? AnchorFacets = null)
{
    /// <summary>
    /// Below this an anchor agrees only weakly with its facets: Cohen's line between a small and a medium correlation, and
    /// the usual floor for a corrected item–total correlation.
    /// </summary>
    public const double WeakAnchorFacets = 0.3;

    /// <summary>One-sided 95% bounds of <see cref="AnchorFacets"/> (Fisher's z), when it is known.</summary>
    public (double Lower, double Upper)? AnchorFacetBounds =>
        AnchorFacets is { } r && N >= 4 ? Reliability.CorrelationBounds(r, N) : null;

    /// <summary>
    /// What the data say about the anchor: weak only when even the upper bound is below <see cref="WeakAnchorFacets"/>,
    /// clear when the lower bound reaches it, otherwise not clear yet (one round of a few people rarely settles r).
    /// </summary>
    public AnchorAgreement? Agreement => AnchorFacetBounds is not { } b
        ? null
        : b.Upper < WeakAnchorFacets ? AnchorAgreement.Weak
        : b.Lower >= WeakAnchorFacets ? AnchorAgreement.Clear
        : AnchorAgreement.NotClearYet;
}

/// <summary>How well a dimension's anchor agrees with the dimension's other items, as far as one full round can tell.</summary>
public enum AnchorAgreement
{
    NotClearYet,
    Weak,
    Clear,
}

/// <summary>Takes a round's snapshot at close, and reads one back as the model and the views need it.</summary>
public static class RoundSnapshot
{
    public const string All = "all";
    public const string Respondents = "respondents";
    public const string Comments = "comments";
    public const string Calculative = "calculative";
    public const string Relational = "relational";

    /// <summary>
    /// Per respondent who answered both anchors: relational − calculative (n, mean, SD of those differences), for the
    /// paired interval of the position's balance. Shown under the same rule as the anchors (both shown and n ≥ k).
    /// Rounds frozen before this measure existed lack it; the position then falls back to an unpaired interval.
    /// </summary>
    public const string Balance = "balance";
    public const string FacetPrefix = "facet:";

    /// <summary>
    /// Cronbach's α of a dimension (measure "alpha:calculative" / "alpha:relational", the value in the mean column, N
    /// the people who answered every item of the dimension). Only in full rounds (every bank item of the dimension
    /// answered) and only when at least k people answered them all; older rounds lack it.
    /// </summary>
    public const string AlphaPrefix = "alpha:";

    /// <summary>How many items the α of a dimension stands on (measure "alpha-items:&lt;dimension&gt;", the count in N).</summary>
    public const string AlphaItemsPrefix = "alpha-items:";

    /// <summary>
    /// The anchor–facet correlation of a dimension (measure "anchor-facets:calculative" / "anchor-facets:relational", r in
    /// the mean column, N the people): Pearson's r between the anchor and the mean of the dimension's other items, over
    /// the same people and under the same rule as α (full rounds only, complete answers only, at least k people).
    /// Absent when r is undefined (no spread) and in rounds frozen before it existed.
    /// </summary>
    public const string AnchorFacetsPrefix = "anchor-facets:";
    public const string ItemPrefix = "item:";

    /// <summary>
    /// "Don't know / not applicable" answers to one item (measure "dontknow:&lt;item id&gt;", slice all only, the count
    /// in N, no mean). Shown when the round's respondents reach k. Rounds frozen before the choice existed lack it.
    /// </summary>
    public const string DontKnowPrefix = "dontknow:";

    public static string Measure(Dimension dimension) => dimension == Dimension.Calculative ? Calculative : Relational;

    /// <summary>
    /// The snapshot of a round as it closes, under <paramref name="options"/> (the k it closes under). Every
    /// decision is <see cref="Disclosure"/>'s: people, both anchors, facets, and every item per partner (for the export).
    /// </summary>
    public static FrozenRound Freeze(RoundData round, AnonymityOptions options, ItemBank bank)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(options);
        // The model's scores come from the bank's items; the per-item cells (export) cover every answered item.
        var score = RoundScorer.Score(round with
        {
            Answers = [.. round.Answers.Where(a => bank.Find(a.ItemId) is not null)],
            DontKnows = [.. round.DontKnows.Where(d => bank.Find(d.ItemId) is not null)],
        }, bank);
        var disclosed = Disclosure.Apply(score, options);
        var k = options.MinRespondents;
        // People who answered anything, a "don't know" included (participation); every score below reads Answers only.
        var respondents = round.RespondentCount;
        var bySlice = round.Participants.GroupBy(p => p.PartnerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.RespondentKey).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        foreach (var partner in score.Partners.Where(p => !bySlice.ContainsKey(p.PartnerId))) bySlice[partner.PartnerId] = 0;
        var cells = new List<SnapshotCell>
        {
            new(All, Respondents, respondents, respondents >= k, null, null),
        };
        var people = Disclosure.Decide(respondents, bySlice, k);
        cells.AddRange(bySlice.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SnapshotCell(s.Key, Respondents, s.Value, people.IsVisible(s.Key), null, null)));
        if (disclosed.CommentsVisible)
        {
            cells.Add(new SnapshotCell(All, Comments, score.Comments, true, null, null));
        }

        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var measure = Measure(dimension);
            cells.Add(Cell(All, measure, score.Anchor(dimension), dimension == Dimension.Calculative ? disclosed.Calculative is not null : disclosed.Relational is not null));
            foreach (var partner in score.Partners)
            {
                var shown = disclosed.Partners.First(p => p.PartnerId == partner.PartnerId);
                var value = dimension == Dimension.Calculative ? partner.Calculative : partner.Relational;
                var visible = dimension == Dimension.Calculative ? shown.Calculative is not null : shown.Relational is not null;
                if (value is not null) cells.Add(Cell(partner.PartnerId, measure, value, visible));
            }
        }

        var pairs = PairedDifferences(round, bank);
        if (pairs.Length > 0)
        {
            var bothShown = disclosed.Calculative is not null && disclosed.Relational is not null;
            cells.Add(Cell(All, Balance, Summary.Of(pairs), bothShown && Disclosure.Decide(pairs.Length, new Dictionary<string, int>(), k).TotalVisible));
        }

        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            if (Alpha(round, bank, dimension) is { } alpha && Disclosure.Decide(alpha.N, new Dictionary<string, int>(), k).TotalVisible)
            {
                cells.Add(new SnapshotCell(All, AlphaPrefix + Measure(dimension), alpha.N, true, alpha.Value, null));
                cells.Add(new SnapshotCell(All, AlphaItemsPrefix + Measure(dimension), alpha.Items, true, null, null));
                if (alpha.AnchorFacets is { } r)
                {
                    cells.Add(new SnapshotCell(All, AnchorFacetsPrefix + Measure(dimension), alpha.N, true, r, null));
                }
            }
        }

        foreach (var facet in score.Facets)
        {
            cells.Add(Cell(All, FacetPrefix + facet.Facet, facet.Score, disclosed.Facets.Any(f => f.Facet == facet.Facet)));
        }

        // Per item and partner, for the export: the same rule over that item's own counts.
        foreach (var item in round.Answers.GroupBy(a => a.ItemId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var values = item.GroupBy(a => a.PartnerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(a => (double)a.Value).ToArray(), StringComparer.Ordinal);
            var all = item.Select(a => (double)a.Value).ToArray();
            var decision = Disclosure.Decide(all.Length, values.ToDictionary(s => s.Key, s => s.Value.Length, StringComparer.Ordinal), k);
            cells.Add(Cell(All, ItemPrefix + item.Key, Summary.Of(all), decision.TotalVisible));
            cells.AddRange(values.OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => Cell(s.Key, ItemPrefix + item.Key, Summary.Of(s.Value), decision.TotalVisible && decision.IsVisible(s.Key))));
        }

        // "Don't know" per item, for the whole alliance only (never per partner), under the participation rule: shown
        // only when the round's respondents reach k. Exact, because the card asks every statement: the count equals
        // the respondents minus the people who scored the item, both of which are shown already (docs/pulse.md).
        foreach (var item in round.DontKnows.GroupBy(d => d.ItemId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var count = item.Select(d => d.RespondentKey).Distinct(StringComparer.Ordinal).Count();
            cells.Add(new SnapshotCell(All, DontKnowPrefix + item.Key, count, respondents >= k, null, null));
        }

        return new FrozenRound(round.RoundId, round.ClosedAt, round.Invited, k, cells);
    }

    /// <summary>
    /// The round's "don't know" counts per item that may be shown (the round had at least k respondents), largest
    /// first; empty for rounds frozen before the choice existed, or below k.
    /// </summary>
    public static IReadOnlyList<DontKnowCount> DontKnows(FrozenRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return [.. round.Cells
            .Where(c => c.Slice == All && c.Shown && c.N > 0 && c.Measure.StartsWith(DontKnowPrefix, StringComparison.Ordinal))
            .Select(c => new DontKnowCount(c.Measure[DontKnowPrefix.Length..], c.N, round.Respondents))
            .OrderByDescending(c => c.Count).ThenBy(c => c.ItemId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// α and the anchor–facet correlation of one dimension over the people who answered all its bank items, when the
    /// round asked them all (a full round). Missing answers are handled listwise: a person who skipped an item of the
    /// dimension — or answered it "don't know" (kept apart in RoundData.DontKnows, never a value) or with anything else
    /// the scale does not score — is left out of both, so α and r describe the same people and stand on the same N that
    /// the disclosure rule checks against k.
    /// </summary>
    private static (int N, int Items, double Value, double? AnchorFacets)? Alpha(RoundData round, ItemBank bank, Dimension dimension)
    {
        var items = bank.Items.Where(i => i.Dimension == dimension).Select(i => i.Id).ToArray();
        var byPerson = round.Answers.Where(a => Array.IndexOf(items, a.ItemId) >= 0 && IsScored(a.Value))
            .GroupBy(a => a.RespondentKey, StringComparer.Ordinal)
            .Select(g => g.ToDictionary(a => a.ItemId, a => (double)a.Value, StringComparer.Ordinal))
            .ToList();
        var rows = byPerson.Where(p => p.Count == items.Length).Select(p => items.Select(i => p[i]).ToArray()).ToList();
        if (rows.Count < 2) return null;
        var anchor = Array.IndexOf(items, bank.Anchor(dimension).Id);
        return Reliability.CronbachAlpha(rows) is { } alpha
            ? (rows.Count, items.Length, alpha, Reliability.AnchorFacetCorrelation(rows, anchor))
            : null;
    }

    /// <summary>Only the scale's answers (1–5) enter α and r; anything else a round may carry counts as missing.</summary>
    private static bool IsScored(int value) => value is >= 1 and <= 5;

    /// <summary>The latest α per dimension among <paramref name="rounds"/> (oldest first), with the round it came from.</summary>
    public static IReadOnlyList<DimensionReliability> LatestReliability(IEnumerable<FrozenRound> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var list = rounds.OrderBy(r => r.ClosedAt).ToList();
        var result = new List<DimensionReliability>();
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].Cell(All, AlphaPrefix + Measure(dimension)) is { Shown: true, Mean: { } alpha } cell
                    && list[i].Cell(All, AlphaItemsPrefix + Measure(dimension)) is { N: >= 2 } items && cell.N >= 2)
                {
                    var r = list[i].Cell(All, AnchorFacetsPrefix + Measure(dimension)) is { Shown: true, Mean: { } value } ? value : (double?)null;
                    result.Add(new DimensionReliability(dimension, alpha, cell.N, items.N, Reliability.AlphaUpperBound(alpha, cell.N, items.N), list[i].RoundId, r));
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>Relational − calculative anchor of every respondent who answered both in the round.</summary>
    private static double[] PairedDifferences(RoundData round, ItemBank bank)
    {
        var calculative = bank.Anchor(Dimension.Calculative).Id;
        var relational = bank.Anchor(Dimension.Relational).Id;
        return [.. round.Answers
            .GroupBy(a => a.RespondentKey, StringComparer.Ordinal)
            .Select(g => (Calc: g.FirstOrDefault(a => a.ItemId == calculative), Rel: g.FirstOrDefault(a => a.ItemId == relational)))
            .Where(p => p.Calc is not null && p.Rel is not null)
            .Select(p => (double)(p.Rel!.Value - p.Calc!.Value))];
    }

    private static SnapshotCell Cell(string slice, string measure, DimensionScore? score, bool shown) =>
        score is null
            ? new SnapshotCell(slice, measure, 0, false, null, null)
            : new SnapshotCell(slice, measure, score.N, shown, shown ? score.Mean : null, shown ? score.StandardDeviation : null);

    private static SnapshotCell Cell(string slice, string measure, Summary summary, bool shown) =>
        new(slice, measure, summary.N, shown, shown ? summary.Mean : null, shown ? summary.StandardDeviation : null);

    /// <summary>
    /// The frozen round's statistics for the model (shown cells only, with their standard deviation): the trend,
    /// the alerts and the position are computed from these, never from answers of a hidden slice.
    /// </summary>
    public static RoundScore Score(FrozenRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var respondents = round.Respondents;
        var calculative = Stat(round.Cell(All, Calculative));
        var relational = Stat(round.Cell(All, Relational));
        var partners = round.PartnerIds.Select(id =>
        {
            var calc = Stat(round.Cell(id, Calculative));
            var rel = Stat(round.Cell(id, Relational));
            return new PartnerScore(id, round.Cell(id, Respondents)!.N, null, null, calc, rel, RoundScorer.BalanceOf(calc, rel));
        }).ToArray();
        var facets = round.Cells.Where(c => c.Slice == All && c.Measure.StartsWith(FacetPrefix, StringComparison.Ordinal) && c.Shown)
            .Select(c => Enum.TryParse<Facet>(c.Measure[FacetPrefix.Length..], out var facet) ? new FacetScore(facet, facet.DimensionOf(), Stat(c)!) : null)
            .OfType<FacetScore>()
            .ToArray();
        return new RoundScore(round.RoundId, round.ClosedAt, round.Invited, respondents,
            round.Invited == 0 ? 0 : (double)respondents / round.Invited,
            calculative, relational, RoundScorer.BalanceOf(calculative, relational), partners, facets,
            round.Cell(All, Comments)?.N ?? 0);
    }

    /// <summary>What views may show of a frozen round: its own decisions under its own k, spread only from 2k answers.</summary>
    public static DisclosedRound Disclose(FrozenRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var k = round.K;
        var calculative = Disclosure.Spread(Stat(round.Cell(All, Calculative)), k);
        var relational = Disclosure.Spread(Stat(round.Cell(All, Relational)), k);
        var partners = round.PartnerIds.Select(id =>
        {
            var people = round.Cell(id, Respondents)!;
            var calc = Disclosure.Spread(Stat(round.Cell(id, Calculative)), k);
            var rel = Disclosure.Spread(Stat(round.Cell(id, Relational)), k);
            return new DisclosedPartner(id, !people.Shown || (calc is null && rel is null), people.Shown ? people.N : null, null,
                calc, rel, RoundScorer.BalanceOf(calc, rel));
        }).ToArray();
        var score = Score(round);
        var comments = round.Cell(All, Comments);
        return new DisclosedRound(round.RoundId, round.ClosedAt, round.Invited, score.Respondents, score.ParticipationRate,
            calculative, relational, RoundScorer.BalanceOf(calculative, relational), partners,
            [.. score.Facets.Select(f => f with { Score = Disclosure.Spread(f.Score, k)! })],
            comments is not null, comments?.N, k);
    }

    private static DimensionScore? Stat(SnapshotCell? cell)
    {
        if (cell is not { Shown: true, Mean: { } mean } || cell.N == 0) return null;
        var sd = cell.StandardDeviation;
        ConfidenceInterval? interval = null;
        if (sd is { } s && cell.N >= 2)
        {
            var half = StudentT.Quantile(0.975, cell.N - 1) * s / Math.Sqrt(cell.N);
            interval = new ConfidenceInterval(Math.Max(1, mean - half), Math.Min(5, mean + half));
        }

        return new DimensionScore(cell.N, mean, sd, interval);
    }
}
