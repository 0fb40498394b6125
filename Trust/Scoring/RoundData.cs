namespace AllianceBot.Trust;

/// <summary>
/// One answer in a closed round. <paramref name="RespondentKey"/> is an opaque per-round key (never shown);
/// <paramref name="PartnerId"/> is the respondent's own organisation.
/// </summary>
public sealed record Answer(string RespondentKey, string PartnerId, string ItemId, int Value);

/// <summary>A closed round as the trust model needs it: who was invited, the answers, how many comments.</summary>
public sealed record RoundData(
    string RoundId,
    DateTimeOffset ClosedAt,
    int Invited,
    IReadOnlyList<Answer> Answers,
    int Comments = 0,
    IReadOnlyDictionary<string, int>? InvitedByPartner = null);

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

        if (partnerOf.Count > round.Invited)
            throw new AnswerException(AnswerProblem.MoreRespondentsThanInvited, round.RoundId,
                $"{partnerOf.Count} people answered but only {round.Invited} were invited.");
    }
}
