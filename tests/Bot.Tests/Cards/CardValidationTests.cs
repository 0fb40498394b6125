using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Bot.Tests.Support;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>Every card kind, in every language, through Microsoft's adaptivecards parser (tests/cards/validate.js).</summary>
public sealed class CardValidationTests
{
    private static readonly TextCatalog Catalog = TextCatalog.LoadEmbedded();

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task EveryCardKindInEveryLanguagePassesMicrosoftsParserAndOurChecks()
    {
        var folder = Directory.CreateTempSubdirectory("cards-");
        try
        {
            var samples = SampleViews.All().ToList();
            foreach (var (kind, language, view) in samples)
            {
                var culture = Catalog.For(language).Culture;
                var card = AdaptiveCardRenderer.Render(view, culture);
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, FileName(kind, language)), card.ToJsonString(Indented));
            }

            var run = await NodeScript.RunAsync("tests/cards/validate.js", [folder.FullName], TimeSpan.FromMinutes(2));
            Assert.True(run.Stdout.Length > 0, $"validate.js printed nothing; stderr: {run.Stderr}");
            var report = JsonNode.Parse(run.Stdout)!["cards"]!.AsArray();

            Assert.Equal(Enum.GetValues<CardKind>().Length * Languages.Supported.Count, report.Count);
            var failures = report
                .Where(r => r!["errors"]!.AsArray().Count > 0)
                .Select(r => $"{r!["file"]}: {string.Join("; ", r["errors"]!.AsArray().Select(e => e!.GetValue<string>()))}")
                .ToList();
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
            Assert.All(report, r => Assert.InRange(r!["bytes"]!.GetValue<int>(), 1, AdaptiveCardRenderer.MaxCardBytes - 1));
            Assert.Equal(0, run.ExitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheValidatorCatchesWhatTheParserMisses()
    {
        var folder = Directory.CreateTempSubdirectory("cards-bad-");
        try
        {
            var card = AdaptiveCardRenderer.Render(SampleViews.For(CardKind.Pulse, Language.En));
            card.Remove("type");
            card["body"]![1]!["colour"] = "red";
            var execute = card["actions"]![0]!;
            execute["fallback"]!["data"]!["verb"] = "something.else";
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "broken.json"), card.ToJsonString());

            var run = await NodeScript.RunAsync("tests/cards/validate.js", [folder.FullName], TimeSpan.FromMinutes(1));
            var errors = JsonNode.Parse(run.Stdout)!["cards"]![0]!["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();

            Assert.Equal(1, run.ExitCode);
            Assert.Contains(errors, e => e.Contains("root type", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("unknown property \"colour\"", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("data.verb", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// docs/cards/json holds every sample card as the renderer draws it today, so tests/cards/render.js can redraw
    /// docs/cards/*.png: the test fails when a sample is stale, missing or left over; ALLIANCEBOT_DOCS=1 rewrites them.
    /// </summary>
    [Fact]
    public async Task SampleCardsAreExportedForTheRenderingScript()
    {
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, language, view) in SampleViews.All())
        {
            var culture = Catalog.For(language).Culture;
            rendered[FileName(kind, language)] = AdaptiveCardRenderer.Render(view, culture).ToJsonString(Indented) + "\n";
        }

        Assert.Equal(Enum.GetValues<CardKind>().Length * Languages.Supported.Count, rendered.Count);
        await DocSamples.WriteOrCheckAsync("json", rendered,
            "ALLIANCEBOT_DOCS=1 dotnet test tests/Bot.Tests --filter \"FullyQualifiedName~CardValidationTests.SampleCards\"");
    }

    /// <summary>
    /// The hand-written samples are written in every language, not English reused: no sentence of a sample card (a
    /// text of two or more words besides the sample names) is the English sample's sentence, so docs/cards shows
    /// real German and Dutch.
    /// </summary>
    [Fact]
    public void EverySampleIsWrittenInItsOwnLanguage()
    {
        var reused = new List<string>();
        foreach (var kind in Enum.GetValues<CardKind>())
        {
            var english = Sentences(AdaptiveCardRenderer.Render(SampleViews.For(kind, Language.Fallback), Catalog.For(Language.Fallback).Culture));
            Assert.NotEmpty(english);
            foreach (var language in Languages.Supported.Where(l => l != Language.Fallback))
            {
                var translated = Sentences(AdaptiveCardRenderer.Render(SampleViews.For(kind, language), Catalog.For(language).Culture));
                reused.AddRange(translated.Intersect(english, StringComparer.Ordinal).Select(s => $"{FileName(kind, language)}: \"{s}\""));
            }
        }

        Assert.True(reused.Count == 0, "English sample text in another language's sample:" + Environment.NewLine + string.Join(Environment.NewLine, reused));
        Assert.Throws<NotSupportedException>(() => SampleViews.Text(Language.Of("fr"), "en", "nl", "de"));
    }

    private static HashSet<string> Sentences(JsonNode card)
    {
        string[] names = ["Acme", "Globex", "Initech", "Umbrella", "AllianceBot", "NAV"];
        var sentences = new HashSet<string>(StringComparer.Ordinal);
        Walk(card);
        return sentences;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
                case JsonValue v when v.TryGetValue<string>(out var text):
                    var words = text.Split([' ', ',', '.', ':', '?', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
                        .Count(w => w.Length >= 3 && w.All(char.IsLetter) && !names.Contains(w, StringComparer.Ordinal));
                    if (words >= 2 && text.Contains(' ', StringComparison.Ordinal))
                    {
                        sentences.Add(text);
                    }

                    break;
            }
        }
    }

    internal static string FileName(CardKind kind, Language language) =>
        $"{kind.ToString().ToLowerInvariant()}.{language.Code()}.json";
}
