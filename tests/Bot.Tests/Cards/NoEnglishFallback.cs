using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>
/// Proves a rendered card speaks its own language: no sentence of the English catalog (a literal stretch of at least
/// 20 characters between placeholders, where the language's text differs) appears in a card rendered in another
/// language. A key missing in that language would reach the user through the English fallback and fail here.
/// </summary>
internal static partial class NoEnglishFallback
{
    private static readonly TextCatalog Catalog = TextCatalog.LoadEmbedded();

    public static void Assert(JsonNode card, Language language)
    {
        if (language == Language.Fallback)
        {
            return;
        }

        var text = string.Join('\n', Strings(card));
        var leaks = Catalog.Keys(Language.Fallback)
            .Where(key => Catalog.Find(language, key) != Catalog.Find(Language.Fallback, key))
            .SelectMany(key => Placeholder().Split(Catalog.Find(Language.Fallback, key)!).Select(part => (key, part: part.Trim())))
            .Where(p => p.part.Length >= 20 && text.Contains(p.part, StringComparison.Ordinal))
            .Select(p => $"{p.key}: \"{p.part}\"")
            .ToList();
        Xunit.Assert.True(leaks.Count == 0, $"English text in a {language} card: {string.Join("; ", leaks)}");
        Xunit.Assert.DoesNotContain(Texts.MissingMarkerStart, text, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}

public sealed class NoEnglishFallbackTests
{
    private static readonly TextCatalog Catalog = TextCatalog.LoadEmbedded();

    [Fact]
    public void AnEnglishSentenceInAGermanCardIsCaughtAndItsGermanTextIsNot()
    {
        JsonObject Card(Language language) => new()
        {
            ["type"] = "AdaptiveCard",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = Catalog.For(language).Format("pulse.thanks.body", "Acme – Globex", 5) }),
        };

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => NoEnglishFallback.Assert(Card(Language.En), Language.De));
        NoEnglishFallback.Assert(Card(Language.De), Language.De);
        NoEnglishFallback.Assert(Card(Language.En), Language.En);
    }
}
