using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Bot.Tests.Support;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>Every card kind, in both languages, through Microsoft's adaptivecards parser (tests/cards/validate.js).</summary>
public sealed class CardValidationTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task EveryCardKindInBothLanguagesPassesMicrosoftsParserAndOurChecks()
    {
        var folder = Directory.CreateTempSubdirectory("cards-");
        try
        {
            var samples = SampleViews.All().ToList();
            foreach (var (kind, language, view) in samples)
            {
                var culture = CultureInfo.GetCultureInfo(language == Language.Nl ? "nl-NL" : "en-GB");
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
            var culture = CultureInfo.GetCultureInfo(language == Language.Nl ? "nl-NL" : "en-GB");
            rendered[FileName(kind, language)] = AdaptiveCardRenderer.Render(view, culture).ToJsonString(Indented) + "\n";
        }

        Assert.Equal(Enum.GetValues<CardKind>().Length * Languages.Supported.Count, rendered.Count);
        await DocSamples.WriteOrCheckAsync("json", rendered,
            "ALLIANCEBOT_DOCS=1 dotnet test tests/Bot.Tests --filter \"FullyQualifiedName~CardValidationTests.SampleCards\"");
    }

    internal static string FileName(CardKind kind, Language language) =>
        $"{kind.ToString().ToLowerInvariant()}.{language.Code()}.json";
}
