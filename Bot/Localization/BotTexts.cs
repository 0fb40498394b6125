using System.Globalization;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Localization;

/// <summary>
/// The host's own words — chart labels, the legal pages' header, the Slack install pages — from the embedded
/// <c>Bot/**/texts.{code}.json</c> catalogs, with each language's culture for dates and numbers. Same rules as the
/// dialog catalogs: every supported language has every key (tested), a missing key falls back to the fallback language.
/// </summary>
public static class BotTexts
{
    private static readonly Lazy<TextCatalog> Loaded = new(() => TextCatalog.LoadEmbedded(typeof(BotTexts).Assembly));

    public static TextCatalog Catalog => Loaded.Value;

    public static Texts For(Language language) => Catalog.For(language);

    public static CultureInfo Culture(Language language) => For(language).Culture;

    /// <summary>
    /// The language an HTTP request asks for: <c>?lang=</c> when it names a supported language, else the first
    /// supported language of Accept-Language (by quality, q=0 skipped), else the fallback language.
    /// </summary>
    public static Language FromRequest(HttpRequest request, bool allowQuery = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (allowQuery && request.Query["lang"].ToString() is { Length: > 0 } asked && Languages.FromSupportedLocale(asked) is { } chosen)
        {
            return chosen;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1);
        foreach (var language in accepted)
        {
            if (language.Value.Value is { } tag && tag != "*" && Languages.FromSupportedLocale(tag) is { } match)
            {
                return match;
            }
        }

        return Language.Fallback;
    }
}
