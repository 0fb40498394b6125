using System.Collections.Frozen;
using System.Text.Json;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Localization;

/// <summary>
/// The string catalog: one embedded JSON file per language (Localization/texts.{en,nl}.json), flat key → text.
/// Texts use composite-format placeholders ({0}, {1:N1}) so numbers and dates follow the language's culture.
/// Other areas add their keys to the same files; a test checks that both languages have every key and the same
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

    public static TextCatalog LoadEmbedded()
    {
        var assembly = typeof(TextCatalog).Assembly;
        var loaded = new Dictionary<Language, IReadOnlyDictionary<string, string>>();
        foreach (var language in Enum.GetValues<Language>())
        {
            var name = $"AllianceBot.Dialogs.Localization.texts.{language.Code()}.json";
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The string catalog '{name}' is not embedded in {assembly.GetName().Name}.");
            loaded[language] = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"The string catalog '{name}' is empty.");
        }

        return new TextCatalog(loaded);
    }

    public Texts For(Language language) => language == Language.Nl ? Dutch : English;

    public IReadOnlyCollection<string> Keys(Language language) =>
        entries.TryGetValue(language, out var texts) ? texts.Keys : [];

    public string? Find(Language language, string key) =>
        entries.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text) ? text : null;
}
