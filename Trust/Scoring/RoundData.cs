namespace AllianceBot.Trust;

/// <summary>
/// One answer in a closed round. <paramref name="RespondentKey"/> is an opaque per-round key (never shown);
/// <paramref name="PartnerId"/> is the respondent's own organisation.
/// </summary>
public sealed record Answer(string RespondentKey, string PartnerId, string ItemId, int Value);

/// <summary>
/// A "don't know / not applicable" to one item: the respondent answered (they took part in the round) but gave no
/// score. Never part of <see cref="RoundData.Answers"/>, so no mean, spread, interval, trend, baseline, alert,
/// position, readiness or α can include it; counted per item (see <see cref="RoundSnapshot.DontKnowPrefix"/>).
/// </summary>
public sealed record DontKnow(string RespondentKey, string PartnerId, string ItemId);

/// <summary>
/// A closed round as the trust model needs it: who was invited, the scored answers (1–5), how many comments, and
/// the don't-knows (answered, not scored).
/// </summary>
public sealed record RoundData(
    string RoundId,
    DateTimeOffset ClosedAt,
    int Invited,
    IReadOnlyList<Answer> Answers,
    int Comments = 0,
    IReadOnlyDictionary<string, int>? InvitedByPartner = null)
{
    /// <summary>"Don't know / not applicable" answers: count as participation and per item, never as a score.</summary>
    public IReadOnlyList<DontKnow> DontKnows { get => dontKnows; init => dontKnows = value ?? []; }

    private readonly IReadOnlyList<DontKnow> dontKnows = [];

    /// <summary>Everyone who answered anything, a score or a don't-know (participation), with their partner.</summary>
    internal IEnumerable<(string RespondentKey, string PartnerId)> Participants =>
        Answers.Select(a => (a.RespondentKey, a.PartnerId)).Concat(DontKnows.Select(d => (d.RespondentKey, d.PartnerId)));

    /// <summary>How many distinct people answered anything.</summary>
    public int RespondentCount => Participants.Select(p => p.RespondentKey).Distinct(StringComparer.Ordinal).Count();
}

public enum AnswerProblem
{
    ValueOutOfRange = 1,
    UnknownItem = 2,
    DuplicateAnswer = 3,
    MissingKey = 4,
    RespondentInTwoPartners = 5,
    MoreRespondentsThanInvited = 6,
    NegativeCount = 7,
}

/// <summary>Round data the model refuses, with the reason as a type the caller can switch on. Never names a respondent.</summary>
public sealed class AnswerException(AnswerProblem problem, string roundId, string message)
    : ArgumentException($"Round '{roundId}': {message}")
{
    public AnswerProblem Problem { get; } = problem;
    public string RoundId { get; } = roundId;
}

internal static class RoundDataChecks
{
    /// <summary>Refuses anything the statistics cannot honestly use.</summary>
    public static void Check(RoundData round, ItemBank bank)
    {
        if (round.Invited < 0 || round.Comments < 0 || (round.InvitedByPartner?.Values.Any(v => v < 0) ?? false))
            throw new AnswerException(AnswerProblem.NegativeCount, round.RoundId, "invited and comment counts cannot be negative.");

        var seen = new HashSet<(string, string)>();
        var partnerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var answer in round.Answers)
        {
            if (string.IsNullOrEmpty(answer.RespondentKey) || string.IsNullOrEmpty(answer.PartnerId) || string.IsNullOrEmpty(answer.ItemId))
                throw new AnswerException(AnswerProblem.MissingKey, round.RoundId, "every answer needs a respondent key, a partner id and an item id.");
            if (answer.Value is < 1 or > 5)
                throw new AnswerException(AnswerProblem.ValueOutOfRange, round.RoundId,
                    $"an answer to '{answer.ItemId}' has value {answer.Value}; answers run from 1 to 5.");
            if (bank.Find(answer.ItemId) is null)
                throw new AnswerException(AnswerProblem.UnknownItem, round.RoundId, $"item '{answer.ItemId}' is not in the item bank.");
            if (!seen.Add((answer.RespondentKey, answer.ItemId)))
                throw new AnswerException(AnswerProblem.DuplicateAnswer, round.RoundId,
                    $"item '{answer.ItemId}' was answered twice by the same respondent; keep only the final answer.");
            if (partnerOf.TryGetValue(answer.RespondentKey, out var partner) && !string.Equals(partner, answer.PartnerId, StringComparison.Ordinal))
                throw new AnswerException(AnswerProblem.RespondentInTwoPartners, round.RoundId, "one respondent's answers name two partner organisations.");
            partnerOf[answer.RespondentKey] = answer.PartnerId;
        }

        foreach (var unscored in round.DontKnows)
        {
            if (string.IsNullOrEmpty(unscored.RespondentKey) || string.IsNullOrEmpty(unscored.PartnerId) || string.IsNullOrEmpty(unscored.ItemId))
                throw new AnswerException(AnswerProblem.MissingKey, round.RoundId, "every don't-know needs a respondent key, a partner id and an item id.");
            if (bank.Find(unscored.ItemId) is null)
                throw new AnswerException(AnswerProblem.UnknownItem, round.RoundId, $"item '{unscored.ItemId}' is not in the item bank.");
            if (!seen.Add((unscored.RespondentKey, unscored.ItemId)))
                throw new AnswerException(AnswerProblem.DuplicateAnswer, round.RoundId,
                    $"item '{unscored.ItemId}' was answered twice by the same respondent (a score and a don't-know, or two don't-knows); keep only the final answer.");
            if (partnerOf.TryGetValue(unscored.RespondentKey, out var partner) && !string.Equals(partner, unscored.PartnerId, StringComparison.Ordinal))
                throw new AnswerException(AnswerProblem.RespondentInTwoPartners, round.RoundId, "one respondent's answers name two partner organisations.");
            partnerOf[unscored.RespondentKey] = unscored.PartnerId;
        }

        if (partnerOf.Count > round.Invited)
            throw new AnswerException(AnswerProblem.MoreRespondentsThanInvited, round.RoundId,
                $"{partnerOf.Count} people answered but only {round.Invited} were invited.");
    }
}
