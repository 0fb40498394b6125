using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Responses;

/// <summary>
/// The values an answer can have on the way in and out of storage: a score 1–5, or <see cref="DontKnow"/> ("don't know /
/// not applicable"). A don't-know is stored in its own table (dont_know_answers), never as a value in responses, so no
/// mean, spread or test can ever include it; <see cref="DontKnow"/> exists only in the dictionaries the dialogs pass
/// (a member's own answers), and in <see cref="AnonymousAnswer"/> where the trust model's input splits it off.
/// </summary>
public static class AnswerValue
{
    /// <summary>"Don't know / not applicable": answered, not scored.</summary>
    public const int DontKnow = -1;

    public const int MinScore = 1;
    public const int MaxScore = 5;

    public static bool IsScore(int value) => value is >= MinScore and <= MaxScore;

    /// <summary>A score 1–5 or <see cref="DontKnow"/>; anything else is refused before anything is stored.</summary>
    public static int Check(int value, string itemId) =>
        value == DontKnow || IsScore(value)
            ? value
            : throw StorageException.Invalid($"Answer to {itemId} must be between {MinScore} and {MaxScore} or \"don't know\"; got {value}.");
}
