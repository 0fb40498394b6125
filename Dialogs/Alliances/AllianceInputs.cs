using System.Text.RegularExpressions;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>Forgiving readers for what people type while setting up an alliance. Pure.</summary>
public static class AllianceInputs
{
    public const int MaxNameLength = 100;

    /// <summary>
    /// Partners per alliance, the organisation of its creator included. Every partner is a row in the members card and
    /// a column of the health check; beyond this an alliance is a federation, not an alliance, and its cards would not
    /// fit a Teams message.
    /// </summary>
    public const int MaxPartners = 20;
    public const string DefaultTimeZone = "Europe/Amsterdam";

    /// <summary>A name as typed, without surrounding quotes; null when empty or too long.</summary>
    public static string? Name(string? text)
    {
        var name = Unquote(text);
        return name.Length is > 0 and <= MaxNameLength ? name : null;
    }

    /// <summary>
    /// "Globex, Initech and Umbrella" / "Globex en Initech" / "none" → the names (empty for none); null when one is too
    /// long. Callers check the count against <see cref="MaxPartners"/> (<see cref="TooManyPartners"/>).
    /// </summary>
    public static IReadOnlyList<string>? PartnerList(string? text, string? ownOrganisation = null)
    {
        var trimmed = (text ?? "").Trim();
        if (Intents.IntentCatalog.IsNoneWord(trimmed))
        {
            return [];
        }

        var names = ListSeparator().Split(trimmed).Select(Unquote).Where(n => n.Length > 0).ToList();
        if (names.Any(n => n.Length > MaxNameLength))
        {
            return null;
        }

        return names
            .Where(n => ownOrganisation is null || !string.Equals(n, ownOrganisation, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>True when these other partners plus the creator's organisation exceed <see cref="MaxPartners"/>.</summary>
    public static bool TooManyPartners(IReadOnlyList<string> others) => others.Count + 1 > MaxPartners;

    /// <summary>
    /// An IANA time zone id, matched case-insensitively ("europe/amsterdam" → "Europe/Amsterdam"); an empty answer or
    /// "default" gives Europe/Amsterdam. Windows ids and abbreviations are refused: the scheduler stores IANA ids.
    /// </summary>
    public static string? TimeZone(string? text)
    {
        var typed = Unquote(text).Replace(' ', '_');
        if (Intents.IntentCatalog.IsDefaultWord(typed))
        {
            return DefaultTimeZone;
        }

        if (!typed.Contains('/', StringComparison.Ordinal) && !string.Equals(typed, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(typed, out var zone) && zone.HasIanaId)
        {
            return zone.Id;
        }

        return TimeZoneInfo.GetSystemTimeZones()
            .FirstOrDefault(z => z.HasIanaId && string.Equals(z.Id, typed, StringComparison.OrdinalIgnoreCase))?.Id;
    }

    public static Language? LanguageOf(string? text) =>
        Intents.IntentCatalog.ParseLanguage(Unquote(text));

    public static string Unquote(string? text)
    {
        var t = (text ?? "").Trim();
        while (t.Length >= 2 && IsQuote(t[0]) && IsQuote(t[^1]))
        {
            t = t[1..^1].Trim();
        }

        return t;
    }

    internal static bool IsQuote(char c) => c is '"' or '\'' or '“' or '”' or '‘' or '’' or '„';

    /// <summary>A comma, semicolon, ampersand or the whole word "and" of any language (words catalogs, <c>alliance.and</c>).</summary>
    private static readonly Lazy<Regex> ListSeparatorPattern = new(() => new Regex(
        @"\s*(?:,|;|&|\b(?:" + string.Join('|', Intents.IntentCatalog.AllAllianceWords.And.OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).Select(Regex.Escape)) + @")\b)\s*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled));

    private static Regex ListSeparator() => ListSeparatorPattern.Value;
}
