using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Localization;

/// <summary>
/// Which language to answer in, most specific first: the person's explicit setting, the language of what they just
/// typed (when it tells), the channel's locale (when it is one we speak), the alliance default, the fallback language.
/// </summary>
public static class LanguageResolver
{
    public static Language Resolve(Language? userSetting, Language? phrase, string? locale, Language? allianceDefault) =>
        userSetting ?? phrase ?? FromSupportedLocale(locale) ?? allianceDefault ?? Language.Fallback;

    /// <summary>"nl", "nl-BE", "de-AT", "en_GB" → a language we have catalogs for; unsupported or missing locales → null.</summary>
    public static Language? FromSupportedLocale(string? locale) => Languages.FromSupportedLocale(locale);
}
