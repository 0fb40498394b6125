using System.Text.RegularExpressions;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>
/// The power-user form, everything after the command words:
/// <c>"NAME" as ORGANISATION [with PARTNER, PARTNER and PARTNER] [tz ZONE] [lang CODE]</c>
/// with the keywords of every language's words catalog (<c>Intents/words.{code}.json</c>, section <c>alliance</c>).
/// The name may be quoted ("…", “…”, '…') or bare up to the first keyword; clauses come in any order; keywords are
/// matched as whole words, case-insensitively. Only NAME alone means "ask me the rest".
/// </summary>
public sealed record OneLineAlliance(
    string Name,
    string? Organisation,
    IReadOnlyList<string> Partners,
    string TimeZone,
    Language? Language)
{
    /// <summary>Parse result: the form, or the text key of the problem and the offending piece.</summary>
    public sealed record Result(OneLineAlliance? Form, string? ProblemKey, string? Detail = null);

    public static Result Parse(string? text)
    {
        var input = (text ?? "").Trim();
        var (name, rest) = SplitName(input);
        if (AllianceInputs.Name(name) is not { } validName)
        {
            return new Result(null, "alliance.oneline.noname");
        }

        var clauses = new Dictionary<string, string>(StringComparer.Ordinal);
        var matches = Keyword().Matches(rest);
        if (matches.Count > 0 && rest[..matches[0].Index].Trim().Length > 0)
        {
            return new Result(null, "alliance.oneline.unexpected", rest[..matches[0].Index].Trim());
        }

        for (var i = 0; i < matches.Count; i++)
        {
            var end = i + 1 < matches.Count ? matches[i + 1].Index : rest.Length;
            var start = matches[i].Index + matches[i].Length;
            var key = Canonical(matches[i].Groups["k"].Value);
            if (!clauses.TryAdd(key, rest[start..end].Trim()))
            {
                return new Result(null, "alliance.oneline.twice", matches[i].Groups["k"].Value);
            }
        }

        string? organisation = null;
        if (clauses.TryGetValue("as", out var org) && (organisation = AllianceInputs.Name(org)) is null)
        {
            return new Result(null, "alliance.oneline.badorganisation");
        }

        var partners = clauses.TryGetValue("with", out var with) ? AllianceInputs.PartnerList(with, organisation) : [];
        if (partners is null)
        {
            return new Result(null, "alliance.oneline.badpartners");
        }

        if (AllianceInputs.TooManyPartners(partners))
        {
            return new Result(null, "alliance.partners.toomany", AllianceInputs.MaxPartners.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var zone = clauses.TryGetValue("tz", out var tz) ? AllianceInputs.TimeZone(tz) : AllianceInputs.DefaultTimeZone;
        if (zone is null)
        {
            return new Result(null, "alliance.create.badtimezone", AllianceInputs.Unquote(tz));
        }

        Language? language = null;
        if (clauses.TryGetValue("lang", out var lang) && (language = AllianceInputs.LanguageOf(lang)) is null)
        {
            return new Result(null, "alliance.create.badlanguage", AllianceInputs.Unquote(lang));
        }

        return new Result(new OneLineAlliance(validName, organisation, partners, zone, language), null);
    }

    /// <summary>True when the form says more than a name, i.e. the alliance can be created without questions.</summary>
    public bool IsComplete => Organisation is not null;

    private static (string Name, string Remainder) SplitName(string input)
    {
        if (input.Length > 0 && AllianceInputs.IsQuote(input[0]))
        {
            var close = input.IndexOfAny(['"', '\'', '”', '’', '“'], 1);
            return close < 0 ? (input[1..], "") : (input[1..close], " " + input[(close + 1)..]);
        }

        var first = Keyword().Match(" " + input);
        return first.Success ? (input[..Math.Max(0, first.Index - 1)], " " + input[Math.Max(0, first.Index - 1)..]) : (input, "");
    }

    /// <summary>Catalog keyword (lower-case) → its clause: "as", "with", "tz" or "lang".</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Clauses = new(() =>
    {
        var words = Intents.IntentCatalog.AllAllianceWords;
        var clauses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (clause, set) in new[] { ("as", words.As), ("with", words.With), ("tz", words.TimeZone), ("lang", words.Language) })
        {
            foreach (var word in set)
            {
                if (clauses.TryGetValue(word, out var other) && other != clause)
                {
                    throw new InvalidOperationException($"Alliance keyword '{word}' means both '{other}' and '{clause}' in the words catalogs.");
                }

                clauses[word] = clause;
            }
        }

        return clauses;
    });

    /// <summary>Any keyword of any language, as a whole word after white space, case-insensitively.</summary>
    private static readonly Lazy<Regex> KeywordPattern = new(() => new Regex(
        @"(?<=\s)(?<k>" + string.Join('|', Clauses.Value.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).Select(Regex.Escape)) + @")(?=\s|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled));

    private static string Canonical(string keyword) => Clauses.Value[keyword.ToLowerInvariant()];

    private static Regex Keyword() => KeywordPattern.Value;
}
