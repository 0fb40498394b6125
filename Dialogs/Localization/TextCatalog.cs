using System.Collections.Frozen;
using System.Text.Json;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Localization;

/// <summary>
/// The string catalog: embedded JSON files per language (Localization/texts.{en,nl}.json plus one pair per feature
/// folder), flat key → text.
/// Texts use composite-format placeholders ({0}, {1:N1}) so numbers and dates follow the language's culture.
/// Each feature folder adds its own texts.{en,nl}.json; a test checks that both languages have every key and the same
/// placeholders.
/// </summary>
public sealed class TextCatalog
{
    private readonly FrozenDictionary<Language, FrozenDictionary<string, string>> entries;

    public TextCatalog(IReadOnlyDictionary<Language, IReadOnlyDictionary<string, string>> entries)
    {
        this.entries = entries.ToFrozenDictionary(e => e.Key, e => e.Value.ToFrozenDictionary(StringComparer.Ordinal));
        English = new Texts(this, Language.En);
        Dutch = new Texts(this, Language.Nl);
    }

    public Texts English { get; }

    public Texts Dutch { get; }

    /// <summary>
    /// Loads every embedded <c>texts.{language}.json</c> in the assembly: the shared one under Localization/ and one per
    /// feature folder (Pulse/, HealthCheck/, ...), so each feature keeps its own words. A key defined twice is an error.
    /// </summary>
    public static TextCatalog LoadEmbedded()
    {
        var assembly = typeof(TextCatalog).Assembly;
        var names = assembly.GetManifestResourceNames();
        var loaded = new Dictionary<Language, IReadOnlyDictionary<string, string>>();
        foreach (var language in Enum.GetValues<Language>())
        {
            var suffix = $"texts.{language.Code()}.json";
            var files = names.Where(n => n.StartsWith("texts/", StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw new InvalidOperationException($"No string catalog '{suffix}' is embedded in {assembly.GetName().Name}.");
            }

            var merged = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in files)
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                    ?? throw new InvalidOperationException($"The string catalog '{name}' is empty.");
                foreach (var (key, text) in texts)
                {
                    if (!merged.TryAdd(key, text))
                    {
                        throw new InvalidOperationException($"The text key '{key}' is defined twice ({name} and another catalog).");
                    }
                }
            }

            loaded[language] = merged;
        }

        return new TextCatalog(loaded);
    }

    public Texts For(Language language) => language == Language.Nl ? Dutch : English;

    public IReadOnlyCollection<string> Keys(Language language) =>
        entries.TryGetValue(language, out var texts) ? texts.Keys : [];

    public string? Find(Language language, string key) =>
        entries.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text) ? text : null;
}
