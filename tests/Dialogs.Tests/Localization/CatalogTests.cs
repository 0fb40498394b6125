using System.Text.RegularExpressions;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Localization;

public sealed partial class CatalogTests
{
    private static readonly TextCatalog Catalog = TextCatalog.LoadEmbedded();

    [Fact]
    public void TheCatalogSpeaksEverySupportedLanguage() =>
        Assert.Equal(Languages.Supported, Catalog.Languages);

    [Fact]
    public void EveryKeyExistsInEveryLanguage()
    {
        var english = Catalog.Keys(Language.En).ToHashSet(StringComparer.Ordinal);
        Assert.True(english.Count > 50);
        foreach (var language in Languages.Supported)
        {
            var keys = Catalog.Keys(language).ToHashSet(StringComparer.Ordinal);
            Assert.True(english.Except(keys).Order(StringComparer.Ordinal).ToList() is [], $"{language} lacks: {string.Join(", ", english.Except(keys))}");
            Assert.True(keys.Except(english).Order(StringComparer.Ordinal).ToList() is [], $"{language} has extra: {string.Join(", ", keys.Except(english))}");
        }
    }

    [Fact]
    public void NoTextIsEmptyOrUntranslated()
    {
        foreach (var language in Languages.Supported)
        {
            foreach (var key in Catalog.Keys(Language.En))
            {
                var text = Catalog.Find(language, key);
                Assert.False(string.IsNullOrWhiteSpace(text), $"{language}: {key}");
                Assert.DoesNotContain(Texts.MissingMarkerStart, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void PlaceholdersMatchAcrossLanguagesAndFormat()
    {
        foreach (var key in Catalog.Keys(Language.En))
        {
            var english = Placeholders(Catalog.Find(Language.En, key)!);
            var args = Enumerable.Range(0, english.Count == 0 ? 0 : english.Max() + 1).Select(i => (object)(i + 0.5)).ToArray();
            foreach (var language in Languages.Supported)
            {
                var translated = Placeholders(Catalog.Find(language, key)!);
                Assert.True(english.SetEquals(translated), $"{key} ({language}): {{{string.Join(",", english)}}} vs {{{string.Join(",", translated)}}}");
                _ = string.Format(Catalog.For(language).Culture, Catalog.Find(language, key)!, args);
            }
        }
    }

    [Fact]
    public void EveryIntentHasItsHelpAndButtonTextInEveryLanguage()
    {
        foreach (var definition in IntentTable.All)
        {
            foreach (var language in Languages.Supported)
            {
                Assert.NotNull(Catalog.Find(language, definition.HelpTextKey));
                Assert.NotNull(Catalog.Find(language, definition.ButtonTextKey));
                Assert.NotEmpty(definition.Phrasing(language).Commands);
                Assert.NotEmpty(definition.Phrasing(language).Usage);
            }
        }
    }

    [Fact]
    public void NumbersAndDatesFollowTheLanguage()
    {
        Assert.Equal("3,5", Catalog.For(Language.Nl).Number(3.456));
        Assert.Equal("3.5", Catalog.For(Language.En).Number(3.456));
        Assert.Equal("1.234", Catalog.For(Language.Nl).Integer(1234));
        Assert.Equal("1,234", Catalog.For(Language.En).Integer(1234));
        Assert.Equal("3 maart 2026", Catalog.For(Language.Nl).Date(new DateOnly(2026, 3, 3)));
        Assert.Equal("3 March 2026", Catalog.For(Language.En).Date(new DateOnly(2026, 3, 3)));
        Assert.Equal("3 maart 2026 10:00",
            Catalog.For(Language.Nl).DateTime(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")));
        Assert.StartsWith("42", Catalog.For(Language.Nl).Percent(0.42), StringComparison.Ordinal);
        Assert.Equal("3,5", Catalog.For(Language.De).Number(3.456));
        Assert.Equal("1.234", Catalog.For(Language.De).Integer(1234));
        Assert.Equal("3. März 2026", Catalog.For(Language.De).Date(new DateOnly(2026, 3, 3)));
        Assert.Equal("3. März 2026, 10:00 Uhr",
            Catalog.For(Language.De).DateTime(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
    }

    [Fact]
    public void AMissingKeyFallsBackToEnglishThenToAVisibleMarker()
    {
        var catalog = new TextCatalog(new Dictionary<Language, IReadOnlyDictionary<string, string>>
        {
            [Language.En] = new Dictionary<string, string> { ["only.english"] = "Hello {0}" },
            [Language.Nl] = new Dictionary<string, string>(),
        });

        Assert.Equal("Hello Bram", catalog.For(Language.Nl).Format("only.english", "Bram"));
        Assert.Equal("⟦nowhere⟧", catalog.For(Language.Nl)["nowhere"]);
    }

    private static HashSet<int> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
