using System.Globalization;

namespace AllianceBot.Trust;

/// <summary>
/// A user-facing text in every language: either a key into the Trust catalogs (Localization/texts.{code}.json), or
/// texts keyed by language code read from a data file (items.json, advice.json). Missing languages fall back.
/// </summary>
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    private readonly IReadOnlyDictionary<Language, string>? texts;

    public LocalizedText(string key) => Key = key;

    public LocalizedText(string key, IReadOnlyDictionary<Language, string> texts)
    {
        Key = key;
        this.texts = texts;
    }

    public string Key { get; }

    /// <summary>The languages this text is written in (the catalog's languages for a catalog key).</summary>
    public IEnumerable<Language> Languages => texts?.Keys ?? TrustTexts.Languages.Where(l => TrustTexts.Find(l, Key) is not null);

    public string In(Language language) => texts is null
        ? TrustTexts.Get(language, Key)
        : texts.TryGetValue(language, out var text) ? text
        : texts.TryGetValue(Language.Fallback, out var fallback) ? fallback
        : $"{TrustTexts.MissingMarkerStart}{Key}⟧";

    public override string ToString() => In(Language.Fallback);

    public bool Equals(LocalizedText? other) => other is not null && Key == other.Key
        && Languages.Order().SequenceEqual(other.Languages.Order()) && Languages.All(l => In(l) == other.In(l));

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode() => HashCode.Combine(Key, In(Language.Fallback));

    /// <summary>
    /// Reads the texts of a JSON object whose property names are language codes ("en", "nl", "de", with
    /// <paramref name="prefix"/> "why": "whyEn", "whyNl", "whyDe"); every supported language must be there.
    /// </summary>
    public static LocalizedText? Read(System.Text.Json.JsonElement element, string key, string label, List<string> problems, string prefix = "")
    {
        var found = new Dictionary<Language, string>();
        foreach (var language in TrustTexts.Languages)
        {
            var property = prefix.Length == 0 ? language.Code : prefix + char.ToUpperInvariant(language.Code[0]) + language.Code[1..];
            if (element.ValueKind == System.Text.Json.JsonValueKind.Object && element.TryGetProperty(property, out var value)
                && value.ValueKind == System.Text.Json.JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                found[language] = value.GetString()!;
            }
            else
            {
                problems.Add($"{label}: '{property}' (the '{language.Code}' text) is missing.");
            }
        }

        return found.Count == TrustTexts.Languages.Count ? new LocalizedText(key, found) : null;
    }
}

/// <summary>
/// Number formatting for user-facing text. The separators come from each language's catalog ("number.decimal",
/// "number.group"), so the output does not depend on ICU data on the host.
/// </summary>
public static class NumberText
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Language, NumberFormatInfo> Formats = new();

    public static NumberFormatInfo Format(this Language language) => Formats.GetOrAdd(language, l => Build(
        TrustTexts.Get(l, "number.decimal"), TrustTexts.Get(l, "number.group")));

    /// <summary>A number with a fixed count of decimals: 3.25 in English, 3,25 in Dutch and German.</summary>
    public static string Number(this Language language, double value, int decimals = 2) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), language.Format());

    /// <summary>A fraction as a whole percentage: 0.625 → "63%".</summary>
    public static string Percent(this Language language, double fraction) =>
        Math.Round(fraction * 100, MidpointRounding.AwayFromZero).ToString("F0", language.Format()) + "%";

    /// <summary>A p-value as people read it: "p = 0.004" or "p < 0.001".</summary>
    public static string PValue(this Language language, double p) =>
        p < 0.001 ? "p < " + language.Number(0.001, 3) : "p = " + language.Number(p, 3);

    private static NumberFormatInfo Build(string decimalSeparator, string groupSeparator) => NumberFormatInfo.ReadOnly(
        new NumberFormatInfo
        {
            NumberDecimalSeparator = decimalSeparator,
            NumberGroupSeparator = groupSeparator,
            NegativeSign = "−",
            PositiveInfinitySymbol = "∞",
            NegativeInfinitySymbol = "−∞",
            NaNSymbol = "–",
        });
}
