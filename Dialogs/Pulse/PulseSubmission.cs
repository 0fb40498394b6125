using System.Globalization;
using AllianceBot.Data.Responses;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Routing;

namespace AllianceBot.Dialogs.Pulse;

/// <summary>
/// What was wrong with a submitted pulse; empty lists mean nothing. Values are never echoed back raw beyond the item
/// they belong to, and nothing is stored while any problem remains.
/// </summary>
public sealed record SubmissionProblems(
    IReadOnlyList<string> BadValues,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> NotInRound,
    bool CommentTooLong)
{
    public bool Any => BadValues.Count > 0 || Missing.Count > 0 || NotInRound.Count > 0 || CommentTooLong;
}

/// <summary>A checked submission: the answers that are valid (kept on the card when it comes back), the comment, the problems.</summary>
public sealed record PulseSubmission(IReadOnlyDictionary<string, int> Answers, string? Comment, SubmissionProblems Problems)
{
    /// <summary>The card's own keys; every other submitted key must be an item of the round.</summary>
    public const string RoundKey = "round";
    public const string CommentKey = "comment";
    public const int MaxCommentLength = 1000;

    /// <summary>The card value of the "don't know / not applicable" choice (stored as <see cref="AnswerValue.DontKnow"/>).</summary>
    public const string DontKnowValue = "dk";

    /// <summary>The value a card sends for a stored answer: "1".."5", or <see cref="DontKnowValue"/>.</summary>
    public static string CardValue(int answer) =>
        answer == AnswerValue.DontKnow ? DontKnowValue : answer.ToString(CultureInfo.InvariantCulture);

    private static readonly HashSet<string> CardKeys = new(StringComparer.Ordinal)
    {
        AllianceScopes.AllianceKey, RoundKey, CommentKey, DialogVerbs.LanguageKey,
    };

    /// <summary>
    /// Pure check of a card submission against the round's items: every item answered with a whole number 1–5 or
    /// "dk" (don't know / not applicable, exactly the card's value: "0", "DK", "dk2" are refused), no
    /// answer for anything that is not an item of this round (a tampered or stale card), a comment within limits.
    /// An empty value means "not chosen" (what Adaptive Cards send for an untouched choice).
    /// </summary>
    public static PulseSubmission Check(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> roundItems)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(roundItems);
        var items = new HashSet<string>(roundItems, StringComparer.Ordinal);
        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        var bad = new List<string>();
        var notInRound = new List<string>();
        foreach (var (key, raw) in values)
        {
            if (CardKeys.Contains(key))
            {
                continue;
            }

            if (!items.Contains(key))
            {
                notInRound.Add(key);
                continue;
            }

            var text = raw?.Trim() ?? "";
            if (text.Length == 0)
            {
                continue;
            }

            if (string.Equals(text, DontKnowValue, StringComparison.Ordinal))
            {
                answers[key] = AnswerValue.DontKnow;
            }
            else if (text.Length == 1 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && AnswerValue.IsScore(value))
            {
                answers[key] = value;
            }
            else
            {
                bad.Add(key);
            }
        }

        var missing = roundItems.Where(id => !answers.ContainsKey(id) && !bad.Contains(id, StringComparer.Ordinal)).ToList();
        var comment = values.TryGetValue(CommentKey, out var c) && !string.IsNullOrWhiteSpace(c) ? c.Trim() : null;
        var tooLong = comment is { Length: > MaxCommentLength };
        notInRound.Sort(StringComparer.Ordinal);
        return new PulseSubmission(answers, comment, new SubmissionProblems(bad, missing, notInRound, tooLong));
    }
}
