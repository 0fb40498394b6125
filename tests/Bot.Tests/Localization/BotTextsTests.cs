using System.Text.RegularExpressions;
using AllianceBot.Bot.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Localization;

/// <summary>
/// The host's catalogs (charts, legal pages, Slack install pages) in every supported language: the same keys and
/// placeholders as the fallback language, no empty text, and a culture of their own (issue 16).
/// </summary>
public sealed partial class BotTextsTests
{
    public static TheoryData<string> SupportedCodes => [.. Languages.Supported.Select(l => l.Code)];

    [Theory]
    [MemberData(nameof(SupportedCodes))]
    public void EveryLanguageHasEveryKeyWithTheSamePlaceholders(string code)
    {
        var language = Language.Of(code);
        var catalog = BotTexts.Catalog;

        Assert.Contains(language, catalog.Languages);
        Assert.Equal(catalog.Keys(Language.Fallback).Order(StringComparer.Ordinal), catalog.Keys(language).Order(StringComparer.Ordinal));
        foreach (var key in catalog.Keys(Language.Fallback))
        {
            var text = catalog.Find(language, key)!;
            Assert.False(string.IsNullOrWhiteSpace(text), $"{code}: '{key}' is empty.");
            Assert.Equal(Placeholders(catalog.Find(Language.Fallback, key)!), Placeholders(text));
        }

        Assert.StartsWith(code, BotTexts.Culture(language).Name, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCatalogSpeaksExactlyTheSupportedLanguages() => Assert.Equal(Languages.Supported, BotTexts.Catalog.Languages);

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[0-9a-zA-Z]+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
