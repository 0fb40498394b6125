using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust;

/// <summary>A dimension's (or facet's) score in one round; n counts distinct respondents.</summary>
public sealed record DimensionScore(int N, double Mean, double? StandardDeviation, ConfidenceInterval? Interval)
{
    internal static DimensionScore? Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return null;
        var s = Summary.Of(values);

        // A mean of 1–5 answers cannot lie outside 1–5, so neither does the interval we show for it.
        var interval = s.Interval is { } ci ? ci with { Low = Math.Max(1, ci.Low), High = Math.Min(5, ci.High) } : null;
        return new DimensionScore(s.N, s.Mean, s.StandardDeviation, interval);
    }
}

/// <summary>A facet's score from the rotating items answered this round (per respondent mean of the facet's items).</summary>
public sealed record FacetScore(Facet Facet, Dimension Dimension, DimensionScore Score);

/// <summary>One partner organisation's slice of a round.</summary>
public sealed record PartnerScore(
    string PartnerId,
    int Respondents,
    int? Invited,
    double? ParticipationRate,
    DimensionScore? Calculative,
    DimensionScore? Relational,
    double? Balance);

/// <summary>
/// A round's scores. <see cref="Calculative"/> and <see cref="Relational"/> are the anchor items (they drive trend and
/// alerts); <see cref="Facets"/> come from rotating items (diagnosis). Balance = relational − calculative.
/// Not yet filtered for anonymity: pass through <see cref="Disclosure"/> before showing anything.
/// </summary>
public sealed record RoundScore(
    string RoundId,
    DateTimeOffset ClosedAt,
    int Invited,
    int Respondents,
    double ParticipationRate,
    DimensionScore? Calculative,
    DimensionScore? Relational,
    double? Balance,
    IReadOnlyList<PartnerScore> Partners,
    IReadOnlyList<FacetScore> Facets,
    int Comments)
{
    public DimensionScore? Anchor(Dimension dimension) => dimension == Dimension.Calculative ? Calculative : Relational;
}

public static class RoundScorer
{
    /// <summary>Scores one closed round; throws <see cref="AnswerException"/> on values outside 1–5 and other bad data.</summary>
    public static RoundScore Score(RoundData round, ItemBank bank)
    {
        RoundDataChecks.Check(round, bank);
        // Participation counts everyone who answered, a "don't know" included; the scores below read Answers only.
        var respondents = round.RespondentCount;
        var calculative = DimensionScore.Of(AnchorValues(round, bank, Dimension.Calculative));
        var relational = DimensionScore.Of(AnchorValues(round, bank, Dimension.Relational));
        return new RoundScore(
            round.RoundId,
            round.ClosedAt,
            round.Invited,
            respondents,
            round.Invited == 0 ? 0 : (double)respondents / round.Invited,
            calculative,
            relational,
            BalanceOf(calculative, relational),
            PartnerScores(round, bank),
            FacetScores(round, bank),
            round.Comments);
    }

    /// <summary>The anchor answers of one dimension, optionally for one partner only.</summary>
    internal static double[] AnchorValues(RoundData round, ItemBank bank, Dimension dimension, string? partnerId = null)
    {
        var anchorId = bank.Anchor(dimension).Id;
        return round.Answers
            .Where(a => string.Equals(a.ItemId, anchorId, StringComparison.Ordinal)
                        && (partnerId is null || string.Equals(a.PartnerId, partnerId, StringComparison.Ordinal)))
            .Select(a => (double)a.Value)
            .ToArray();
    }

    internal static double? BalanceOf(DimensionScore? calculative, DimensionScore? relational) =>
        calculative is not null && relational is not null ? relational.Mean - calculative.Mean : null;

    private static PartnerScore[] PartnerScores(RoundData round, ItemBank bank)
    {
        var partnerIds = round.Participants.Select(p => p.PartnerId)
            .Concat(round.InvitedByPartner?.Keys ?? [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return partnerIds.Select(id =>
        {
            var respondents = round.Participants.Where(p => string.Equals(p.PartnerId, id, StringComparison.Ordinal))
                .Select(p => p.RespondentKey).Distinct(StringComparer.Ordinal).Count();
            int? invited = round.InvitedByPartner?.GetValueOrDefault(id);
            var calculative = DimensionScore.Of(AnchorValues(round, bank, Dimension.Calculative, id));
            var relational = DimensionScore.Of(AnchorValues(round, bank, Dimension.Relational, id));
            return new PartnerScore(id, respondents, invited, invited is > 0 ? (double)respondents / invited.Value : null,
                calculative, relational, BalanceOf(calculative, relational));
        }).ToArray();
    }

    private static FacetScore[] FacetScores(RoundData round, ItemBank bank) =>
        round.Answers
            .Select(a => (Answer: a, Item: bank[a.ItemId]))
            .Where(x => !x.Item.IsAnchor)
            .GroupBy(x => x.Item.Facet)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                // One value per respondent so n counts people, not answers.
                var perRespondent = g.GroupBy(x => x.Answer.RespondentKey, StringComparer.Ordinal)
                    .Select(r => r.Average(x => (double)x.Answer.Value)).ToArray();
                return new FacetScore(g.Key, g.Key.DimensionOf(), DimensionScore.Of(perRespondent)!);
            })
            .ToArray();
}
