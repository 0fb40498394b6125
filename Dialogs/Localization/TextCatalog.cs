using System.Collections.Frozen;
using System.Text.Json;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Localization;

/// <summary>
/// The string catalog: embedded JSON files per language (Localization/texts.{code}.json plus one per feature folder),
/// flat key → text. The languages are the codes found in the file names; the fallback language must be among them.
/// Texts use composite-format placeholders ({0}, {1:N1}) so numbers and dates follow the language's culture.
/// Each feature folder adds its own texts.{code}.json; a test checks that every language has every key and the same
/// placeholders.
/// </summary>
public sealed class TextCatalog
{
    private readonly FrozenDictionary<Language, FrozenDictionary<string, string>> entries;

    public TextCatalog(IReadOnlyDictionary<Language, IReadOnlyDictionary<string, string>> entries)
    {
        this.entries = entries.ToFrozenDictionary(e => e.Key, e => e.Value.ToFrozenDictionary(StringComparer.Ordinal));
        if (!this.entries.ContainsKey(Language.Fallback))
        {
            throw new InvalidOperationException($"The string catalog has no texts in the fallback language '{Language.Fallback}'.");
        }

        views = this.entries.Keys.ToFrozenDictionary(l => l, l => new Texts(this, l));
        Languages = [.. views.Keys.OrderBy(l => l == Language.Fallback ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal)];
    }

    private readonly FrozenDictionary<Language, Texts> views;

    /// <summary>The languages of this catalog, the fallback first.</summary>
    public IReadOnlyList<Language> Languages { get; }

    /// <summary>
    /// Loads every embedded <c>texts.{language}.json</c> in the assembly: the shared one under Localization/ and one per
    /// feature folder (Pulse/, HealthCheck/, ...), so each feature keeps its own words. A key defined twice is an error.
    /// </summary>
    public static TextCatalog LoadEmbedded() => LoadEmbedded(typeof(TextCatalog).Assembly);

    /// <summary>The same for another assembly's <c>texts/…/texts.{language}.json</c> resources (the host's own pages and charts).</summary>
    public static TextCatalog LoadEmbedded(System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var names = assembly.GetManifestResourceNames();
        var loaded = new Dictionary<Language, IReadOnlyDictionary<string, string>>();
        var files = names.Where(n => n.StartsWith("texts/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .GroupBy(n => Language.Of(n[(n.LastIndexOf('/') + 1)..]["texts.".Length..^".json".Length]));
        foreach (var group in files)
        {
            var merged = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in group)
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

            loaded[group.Key] = merged;
        }

        return new TextCatalog(loaded);
    }

    /// <summary>The catalog in <paramref name="language"/>; a language without catalog gets the fallback language.</summary>
    public Texts For(Language language) => views.TryGetValue(language, out var texts) ? texts : views[Language.Fallback];

    public IReadOnlyCollection<string> Keys(Language language) =>
        entries.TryGetValue(language, out var texts) ? texts.Keys : [];

    public string? Find(Language language, string key) =>
        entries.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text) ? text : null;
}
