using System.Text.RegularExpressions;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Dialogs.Tests.Localization;

/// <summary>
/// Loops over every language the catalogs define (so a new language is checked without touching this file): same
/// keys and placeholders as the fallback language, every item, advice and intent with text, and no file outside the
/// localisation folders naming a particular language.
/// </summary>
public sealed partial class EveryLanguageTests
{
    public static TheoryData<string> SupportedCodes => [.. Languages.Supported.Select(l => l.Code)];

    [Fact]
    public void TheLanguagesAreTheCatalogsFound()
    {
        Assert.Equal(Language.Fallback, Languages.Supported[0]);
        Assert.Contains(Language.De, Languages.Supported);
        Assert.Equal(Languages.Supported, IntentCatalog.Languages);
        Assert.Equal(Languages.Supported, TextCatalog.LoadEmbedded().Languages);
    }

    /// <summary>
    /// Every dialog and card catalog (Dialogs/**/texts.en.json) exists in every language, file by file, with every key
    /// of the English file, no empty text and the same composite placeholders ({0}, {1:N1}) — so a language never
    /// reaches a user through the English fallback.
    /// </summary>
    [Theory]
    [MemberData(nameof(SupportedCodes))]
    public void EveryDialogCatalogHasEveryKeyWithTheSamePlaceholders(string code)
    {
        var language = Language.Of(code);
        var assembly = typeof(TextCatalog).Assembly;
        var englishFiles = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("texts/", StringComparison.Ordinal) && n.EndsWith("/texts.en.json", StringComparison.Ordinal))
            .ToList();
        Assert.True(englishFiles.Count >= 10, $"only {englishFiles.Count} dialog catalogs found");
        var culture = TextCatalog.LoadEmbedded().For(language).Culture;
        foreach (var englishFile in englishFiles)
        {
            var file = englishFile[..^"en.json".Length] + code + ".json";
            var english = ReadCatalog(assembly, englishFile);
            Assert.True(assembly.GetManifestResourceNames().Contains(file), $"{file} is missing: {code} users would get English.");
            var translated = ReadCatalog(assembly, file);
            Assert.Equal(english.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, text) in english)
            {
                var translation = translated[key];
                Assert.False(string.IsNullOrWhiteSpace(translation), $"{file}: '{key}' is empty.");
                Assert.True(Composite(text).SequenceEqual(Composite(translation)),
                    $"{file}: '{key}' has {{{string.Join(' ', Composite(translation))}}}, English {{{string.Join(' ', Composite(text))}}}.");
                _ = string.Format(culture, translation, [.. Enumerable.Repeat((object)1.5, 10)]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SupportedCodes))]
    public void TrustCatalogHasEveryKeyWithTheSamePlaceholders(string code)
    {
        var language = Language.Of(code);
        Assert.Equal(TrustTexts.Keys(Language.Fallback).Order(), TrustTexts.Keys(language).Order());
        foreach (var key in TrustTexts.Keys(Language.Fallback))
        {
            var text = TrustTexts.Find(language, key)!;
            Assert.False(string.IsNullOrWhiteSpace(text), $"{code}: '{key}' is empty.");
            Assert.Equal(Named(TrustTexts.Find(Language.Fallback, key)!), Named(text));
        }
    }

    [Theory]
    [MemberData(nameof(SupportedCodes))]
    public void EveryItemAdviceFindingAndPhaseHasText(string code)
    {
        var language = Language.Of(code);
        var bank = ItemBank.Default;
        Assert.All(bank.Items, i => AssertText(i.Text, language));
        Assert.All(bank.Scale, s => AssertText(s, language));
        Assert.All(AdviceCatalog.Default.Items, a =>
        {
            AssertText(a.Text, language);
            AssertText(a.Why, language);
        });
        Assert.All(Phases.All, p =>
        {
            AssertText(p.Name, language);
            AssertText(p.Meaning, language);
            AssertText(p.EmphasisText, language);
        });
        Assert.All(Enum.GetValues<Facet>(), f => AssertText(f.Name(), language));
    }

    [Theory]
    [MemberData(nameof(SupportedCodes))]
    public void EveryIntentHasCommandsUsageAndEnoughPhrasings(string code)
    {
        var language = Language.Of(code);
        var phrasings = IntentCatalog.Phrasings(language);
        Assert.Equal(IntentTable.All.Select(d => d.Key).Order(), phrasings.Keys.Order());
        foreach (var definition in IntentTable.All)
        {
            var phrasing = phrasings[definition.Key];
            Assert.NotEmpty(phrasing.Commands);
            Assert.False(string.IsNullOrWhiteSpace(phrasing.Usage), $"{code}: {definition.Key} has no usage line.");
            if (definition.Key.StartsWith("explain-", StringComparison.Ordinal) || definition.Key == "glossary")
            {
                Assert.True(phrasing.Examples.Count >= 10, $"{code}: {definition.Key} has {phrasing.Examples.Count} phrasings; at least 10 are needed.");
            }
        }

        var words = IntentCatalog.Words(language);
        Assert.Equal(Enumerable.Range(1, 10), words.Numbers.Values.Order());
        Assert.NotEmpty(words.StopWords);
        Assert.NotEmpty(words.None);
    }

    [Theory]
    [InlineData("language de", "de")]
    [InlineData("taal de", "de")]
    [InlineData("Sprache de", "de")]
    [InlineData("sprache deutsch", "de")]
    [InlineData("taal duits", "de")]
    [InlineData("language nl", "nl")]
    [InlineData("Sprache englisch", "en")]
    public void TheLanguageCommandWorksInEveryLanguage(string text, string expected)
    {
        var recognition = new IntentRecognizer(Options.Create(new RecognitionOptions())).Recognize(text);
        Assert.Equal(Intent.Language, recognition.Match?.Intent);
        Assert.Equal(Language.Of(expected), recognition.Match!.Arguments.Language(Arg.Language));
    }

    [Theory]
    [InlineData("wo stehen wir?", Intent.WhereAreWe)]
    [InlineData("Was ist kalkülbasiertes Vertrauen?", Intent.ExplainCalculative)]
    [InlineData("phase zwei", Intent.Phase)]
    public void GermanPhrasingIsRecognisedAsGerman(string text, Intent expected)
    {
        var recognition = new IntentRecognizer(Options.Create(new RecognitionOptions())).Recognize(text);
        Assert.Equal(expected, recognition.Match?.Intent);
    }

    [Theory]
    [InlineData("de-DE", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("de_CH", "de")]
    [InlineData("nl-BE", "nl")]
    [InlineData("fr-FR", null)]
    public void ALocaleMapsToASupportedLanguage(string locale, string? expected) =>
        Assert.Equal(expected is null ? null : Language.Of(expected), LanguageResolver.FromSupportedLocale(locale));

    [Fact]
    public void GermanNumbersUseADecimalCommaWithoutIcu()
    {
        Assert.Equal("3,25", Language.De.Number(3.25));
        Assert.Equal("3.25", Language.En.Number(3.25));
        Assert.Equal("p < 0,001", Language.De.PValue(0.0001));
    }

    /// <summary>
    /// Outside the localisation folders no production file names a particular language: no <c>Language.En</c>-style
    /// member, no language code or locale literal (<c>"de"</c>, <c>"nl-BE"</c>, <c>"de_AT"</c>), no language name in a
    /// string (<c>"Deutsch"</c>, <c>"Dutch"</c>), and no view text written in C# (<c>new Paragraph("Welcome")</c>):
    /// every word a person reads comes from a catalog. The one fallback is <c>Language.FallbackCode</c> in
    /// Trust/Localization/Language.cs. Files listed in <see cref="NotYetConverted"/> still do; the list may only shrink.
    /// </summary>
    [Fact]
    public void NoProductionFileNamesALanguageOutsideTheLocalisationFolders()
    {
        var root = RepositoryRoot();
        var offenders = new List<string>();
        foreach (var project in new[] { "Trust", "Dialogs", "Scheduling", "Data", "Bot" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, project), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)
                    || relative.Contains("/Localization/", StringComparison.Ordinal) || NotYetConverted.Contains(relative))
                {
                    continue;
                }

                var code = string.Join('\n', File.ReadAllLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
                if (Offence(code) is { } offence)
                {
                    offenders.Add(relative + ": " + offence);
                }
            }
        }

        Assert.Empty(offenders);
    }

    /// <summary>The scan's patterns catch what they are meant to, and let through what the code legitimately writes.</summary>
    [Theory]
    [InlineData("var nl = language == Language.Nl;", true)]
    [InlineData("var german = Language.Of(\"de\");", true)]
    [InlineData("var culture = CultureInfo.GetCultureInfo(\"nl-NL\");", true)]
    [InlineData("var culture = CultureInfo.GetCultureInfo(\"de_at\");", true)]
    [InlineData("var names = new[] { \"Deutsch\", \"Nederlands\" };", true)]
    [InlineData("return \"Switch to Dutch\";", true)]
    [InlineData("return TurnResult.Reply(new MessageView(\"Thanks, your answers are in.\"));", true)]
    [InlineData("blocks.Add(new Paragraph($\"Round {number} closed\", Tone.Subtle));", true)]
    [InlineData("new SubmitAction(\"Send\", \"pulse.submit\", data)", true)]
    [InlineData("new Choice($\"{v.ToString(CultureInfo.InvariantCulture)} · {bank.ScaleLabel(v, language)}\", value)", false)]
    [InlineData("new Fact(\"…\", $\"+{n}\")", false)]
    [InlineData("new Paragraph(texts[\"help.nav.1\"])", false)]
    [InlineData("var texts = catalog.For(Language.Fallback); var code = Language.FallbackCode;", false)]
    [InlineData("var deadline = \"dead\"; var end = \"ende\";", false)]
    public void TheLanguageScanCatchesWhatItShould(string code, bool offends) =>
        Assert.Equal(offends, Offence(code) is not null);

    private static string? Offence(string code) =>
        new[] { NamedLanguage(), LanguageName(), LiteralViewText() }.Select(r => r.Match(code)).FirstOrDefault(m => m.Success)?.Value;

    private static readonly HashSet<string> NotYetConverted =
    [
    ];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AllianceBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("AllianceBot.sln not found above the test directory.");
    }

    private static void AssertText(LocalizedText text, Language language)
    {
        Assert.Contains(language, text.Languages);
        var value = text.In(language);
        Assert.False(string.IsNullOrWhiteSpace(value) || value.StartsWith(TrustTexts.MissingMarkerStart, StringComparison.Ordinal),
            $"'{text.Key}' has no '{language}' text.");
    }

    private static Dictionary<string, string> ReadCatalog(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    }

    private static string[] Composite(string text) => [.. CompositePlaceholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex CompositePlaceholder();

    private static string[] Named(string text) => [.. NamedPlaceholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[a-zA-Z]+\}")]
    private static partial Regex NamedPlaceholder();

    // Language.En-style members, bare language-code literals ("nl", "en", "de") and locale tags ("nl-BE", "de_AT", "en-gb").
    [GeneratedRegex(@"\bLanguage\.(En|Nl|De)\b|""(en|nl|de)""|""(en|nl|de)[-_][A-Za-z]{2}""")]
    private static partial Regex NamedLanguage();

    // A language's name in a string literal, in any of the catalog languages.
    [GeneratedRegex(@"""[^""\n]*\b(English|Dutch|German|Engels|Nederlands|Duits|Englisch|Niederländisch|Deutsch)\b[^""\n]*""", RegexOptions.IgnoreCase)]
    private static partial Regex LanguageName();

    // A view whose first text is written in C# (letters outside the interpolation holes), not taken from a catalog.
    [GeneratedRegex(@"new (Heading|Paragraph|MessageView|Fact|Choice|BulletList|ChartSeries|TextInput|ChoiceInput|SubmitAction|OpenUrlAction)\(\s*\$?@?""(?:\{[^}]*\}|[^""{\p{L}])*\p{L}{2}")]
    private static partial Regex LiteralViewText();
}
