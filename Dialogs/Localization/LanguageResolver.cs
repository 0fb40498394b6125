using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Localization;

/// <summary>
/// Which language to answer in, most specific first: the person's explicit setting, the language of what they just
/// typed (when it tells), the channel's locale (when it is one we speak), the alliance default, English.
/// </summary>
public static class LanguageResolver
{
    public static Language Resolve(Language? userSetting, Language? phrase, string? locale, Language? allianceDefault) =>
        userSetting ?? phrase ?? FromSupportedLocale(locale) ?? allianceDefault ?? Language.En;

    /// <summary>"nl", "nl-BE", "en-US", "en_GB" → a language; unsupported or missing locales → null.</summary>
    public static Language? FromSupportedLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var primary = locale.Trim().Split('-', '_')[0];
        return primary.Equals("nl", StringComparison.OrdinalIgnoreCase) ? Language.Nl
            : primary.Equals("en", StringComparison.OrdinalIgnoreCase) ? Language.En
            : null;
    }
}
