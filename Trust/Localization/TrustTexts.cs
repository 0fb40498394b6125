using System.Collections.Frozen;
using System.Text.Json;

namespace AllianceBot.Trust;

/// <summary>
/// The Trust catalogs: every embedded <c>texts.{code}.json</c> of this assembly (Localization/, Advice/, Items/),
/// flat key → text, merged per language. The set of languages is the set of codes found. Pure: embedded resources only.
/// </summary>
public static class TrustTexts
{
    public const string MissingMarkerStart = "⟦";

    private static readonly Lazy<FrozenDictionary<Language, FrozenDictionary<string, string>>> Catalogs = new(Load);

    /// <summary>The languages with a Trust catalog, the fallback first, then by code.</summary>
    public static IReadOnlyList<Language> Languages =>
        [.. Catalogs.Value.Keys.OrderBy(l => l == Language.Fallback ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal)];

    public static IReadOnlyCollection<string> Keys(Language language) =>
        Catalogs.Value.TryGetValue(language, out var texts) ? texts.Keys : [];

    public static string? Find(Language language, string key) =>
        Catalogs.Value.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text) ? text : null;

    /// <summary>The text in <paramref name="language"/>, else in the fallback language, else a visible marker.</summary>
    public static string Get(Language language, string key) =>
        Find(language, key) ?? Find(Language.Fallback, key) ?? $"{MissingMarkerStart}{key}⟧";

    /// <summary>A template with named placeholders ("{calc}") filled in; unknown placeholders stay visible.</summary>
    public static string Fill(Language language, string key, params (string Name, string Value)[] values)
    {
        var text = Get(language, key);
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    private static FrozenDictionary<Language, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(TrustTexts).Assembly;
        var merged = new Dictionary<Language, Dictionary<string, string>>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("texts/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            // texts/{folder}/texts.{code}.json
            var file = name[(name.LastIndexOf('/') + 1)..];
            var code = file["texts.".Length..^".json".Length];
            var language = Language.Of(code);
            if (!merged.TryGetValue(language, out var texts))
            {
                merged[language] = texts = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [])
            {
                if (!texts.TryAdd(key, text))
                {
                    throw new InvalidOperationException($"The text key '{key}' is defined twice in the '{code}' Trust catalogs.");
                }
            }
        }

        return merged.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
