using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AllianceBot.Dialogs.Intents;

/// <summary>A word as typed (for arguments) and in its comparable form (for matching).</summary>
public sealed record Token(string Original, string Normal);

/// <summary>
/// Turns a message into comparable tokens: a Teams &lt;at&gt; mention or a leading "@AllianceBot" removed, case folded,
/// diacritics removed ("één" → "een"), punctuation and emoji dropped, whitespace collapsed. Dashes and colons inside a
/// word survive so "ABCD-2345" and "10:00" stay one token. Work is capped: only the first
/// <see cref="RecognitionOptions.MaxInputChars"/> characters and <see cref="RecognitionOptions.MaxTokens"/> tokens count.
/// </summary>
public static partial class TextNormalizer
{
    private static readonly string[] BotNames = ["alliancebot", "alliance-bot"];

    public static IReadOnlyList<Token> Tokenize(string? text, int maxChars = 500, int maxTokens = 32)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var capped = text.Length > maxChars ? text[..maxChars] : text;
        capped = LeadingMention().Replace(capped, " ");
        capped = InlineMention().Replace(capped, "$1");

        var tokens = new List<Token>();
        var sawCommandWord = false;
        var afterMention = false;
        foreach (var raw in capped.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (tokens.Count >= maxTokens)
            {
                break;
            }

            var original = TrimSymbols(raw);
            var normal = Fold(original);
            if (normal.Length == 0)
            {
                continue;
            }

            // A leading "@AllianceBot" / "@Alliance Bot" / "AllianceBot," is the address, not the command.
            var addressing = tokens.Count == 0 && !sawCommandWord
                && (raw.StartsWith('@') || BotNames.Contains(normal, StringComparer.Ordinal)
                    || (afterMention && normal == "bot"));
            if (addressing)
            {
                afterMention = raw.StartsWith('@');
                continue;
            }

            sawCommandWord = true;
            tokens.Add(new Token(original, normal));
        }

        return tokens;
    }

    /// <summary>The normalized form of a phrase, words joined by single spaces.</summary>
    public static string Normalize(string? text) => string.Join(' ', Tokenize(text, int.MaxValue, int.MaxValue).Select(t => t.Normal));

    /// <summary>Strips punctuation, symbols and emoji from both ends of a word.</summary>
    private static string TrimSymbols(string word)
    {
        var start = 0;
        var end = word.Length;
        while (start < end && !IsWordChar(word, start))
        {
            start++;
        }

        while (end > start && !IsWordChar(word, end - 1))
        {
            end--;
        }

        return word[start..end];
    }

    private static bool IsWordChar(string s, int index) => char.IsLetterOrDigit(s, index);

    /// <summary>Lower-case, no diacritics, only letters/digits plus inner '-' and ':'.</summary>
    private static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is '-' or ':' && builder.Length > 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().TrimEnd('-', ':').Normalize(NormalizationForm.FormC);
    }

    [GeneratedRegex(@"^\s*<at[^>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 100)]
    private static partial Regex LeadingMention();

    [GeneratedRegex(@"<at[^>]*>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 100)]
    private static partial Regex InlineMention();
}
