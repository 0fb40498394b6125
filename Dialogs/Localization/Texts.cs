using System.Globalization;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Localization;

/// <summary>
/// The catalog seen in one language, with that language's culture for numbers and dates (the catalog's "culture"
/// key: nl-NL gives a decimal comma and "3 maart 2026"). A missing key falls back to English and then to a visible marker "⟦key⟧" — never an
/// exception in front of a user; the catalog test and the transcript harness fail on the marker.
/// </summary>
public sealed class Texts
{
    public const string MissingMarkerStart = "⟦";

    private readonly TextCatalog catalog;

    // The catalog's own patterns ("format.date", "format.datetime"): "3 March 2026 10:00", "3. März 2026, 10:00 Uhr".
    private readonly string datePattern;
    private readonly string dateTimePattern;

    internal Texts(TextCatalog catalog, Language language)
    {
        this.catalog = catalog;
        Language = language;
        Culture = CultureFor(catalog.Find(language, "culture"));
        datePattern = catalog.Find(language, "format.date") ?? "d MMMM yyyy";
        dateTimePattern = catalog.Find(language, "format.datetime") ?? "d MMMM yyyy HH:mm";
    }

    public Language Language { get; }

    public CultureInfo Culture { get; }

    /// <summary>The same catalog in another language (e.g. a language's own name for a language picker).</summary>
    public Texts In(Language language) => catalog.For(language);

    public string this[string key] =>
        catalog.Find(Language, key) ?? catalog.Find(Trust.Language.Fallback, key) ?? $"{MissingMarkerStart}{key}⟧";

    /// <summary>The text for <paramref name="key"/> with its {0}… placeholders formatted in this language's culture.</summary>
    public string Format(string key, params object?[] args)
    {
        var template = this[key];
        try
        {
            return string.Format(Culture, template, args);
        }
        catch (FormatException)
        {
            // A translation with a broken placeholder must not take the turn down; the catalog test catches it.
            return template;
        }
    }

    public string Number(double value, int decimals = 1) => value.ToString($"N{decimals}", Culture);

    public string Integer(long value) => value.ToString("N0", Culture);

    /// <summary>A fraction (0.42) as a percentage ("42%" / "42%").</summary>
    public string Percent(double fraction, int decimals = 0) => fraction.ToString($"P{decimals}", Culture);

    /// <summary>A calendar date in words: "3 March 2026" / "3 maart 2026" / "3. März 2026" (the catalog's "format.date").</summary>
    public string Date(DateOnly date) => date.ToString(datePattern, Culture);

    /// <summary>A moment in the reader's time zone: "3 March 2026 10:00" / "3. März 2026, 10:00 Uhr" (the catalog's "format.datetime").</summary>
    public string DateTime(DateTimeOffset moment, TimeZoneInfo timeZone) =>
        TimeZoneInfo.ConvertTime(moment, timeZone).ToString(dateTimePattern, Culture);

    private static CultureInfo CultureFor(string? culture) =>
        string.IsNullOrWhiteSpace(culture) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture);
}
