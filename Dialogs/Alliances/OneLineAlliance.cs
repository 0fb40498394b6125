using System.Text.RegularExpressions;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>
/// The power-user form, everything after the command words:
/// <c>"NAME" as ORGANISATION [with PARTNER, PARTNER and PARTNER] [tz ZONE] [lang CODE]</c>
/// (Dutch keywords: <c>als</c>, <c>met</c>, <c>tijdzone</c>, <c>taal</c>; German: <c>als</c>, <c>mit</c>, <c>zeitzone</c>,
/// <c>sprache</c>; also <c>timezone</c>, <c>language</c>).
/// The name may be quoted ("…", “…”, '…') or bare up to the first keyword; clauses come in any order; keywords are
/// matched as whole words, case-insensitively. Only NAME alone means "ask me the rest".
/// </summary>
public sealed partial record OneLineAlliance(
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

    private static string Canonical(string keyword) => keyword.ToLowerInvariant() switch
    {
        "as" or "als" => "as",
        "with" or "met" or "mit" => "with",
        "tz" or "timezone" or "tijdzone" or "zeitzone" => "tz",
        _ => "lang",
    };

    [GeneratedRegex(@"(?<=\s)(?<k>as|als|with|met|mit|tz|timezone|tijdzone|zeitzone|lang|language|taal|sprache)(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Keyword();
}
