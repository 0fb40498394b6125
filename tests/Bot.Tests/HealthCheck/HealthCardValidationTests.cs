using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Bot.Tests.Support;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Tests.HealthCheck;

/// <summary>
/// Every card the health-check and demo dialogs produce, taken from the real dialogs over real SQLite, rendered as
/// Adaptive Cards and checked with Microsoft's parser and our own rules (tests/cards/validate.js), under 80 KB.
/// docs/cards/json-health must hold them as they render today (the test fails when a sample is stale); ALLIANCEBOT_DOCS=1
/// rewrites them and their real charts (see docs/health-check.md).
/// </summary>
public sealed class HealthCardValidationTests : IClassFixture<HealthHost>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HealthHost host;

    public HealthCardValidationTests(HealthHost host) => this.host = host;

    [Fact]
    public async Task TheRealHealthCheckDriftAndDemoCardsPassMicrosoftsParserAndOurChecks()
    {
        var cards = new List<(string Name, CardView View, string Locale)>();
        foreach (var (user, locale, lang) in new[] { ("29:cards-en", "en-US", "en"), ("29:cards-nl", "nl-NL", "nl") })
        {
            cards.Add(($"demo.{lang}", await host.CardAsync(user, locale, "demo", CardKind.Info), locale));
            cards.Add(($"healthcheck.{lang}", await host.CardAsync(user, locale, lang == "nl" ? "waar staan we in het model?" : "where are we in the model?", CardKind.HealthCheck), locale));
            cards.Add(($"moves-right.{lang}", await host.CardAsync(user, locale, lang == "nl" ? "wat brengt ons verder?" : "what moves us right?", CardKind.HealthCheck), locale));
            cards.Add(($"drift.{lang}", await host.CardAsync(user, locale, lang == "nl" ? "verloop" : "drift", CardKind.Drift), locale));
        }

        var folder = Directory.CreateTempSubdirectory("health-cards-");
        try
        {
            var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, view, locale) in cards)
            {
                var card = AdaptiveCardRenderer.Render(view, CultureInfo.GetCultureInfo(locale));
                rendered[$"real-{name}.json"] = card.ToJsonString(Indented);
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"real-{name}.json"), rendered[$"real-{name}.json"]);
            }

            var run = await NodeScript.RunAsync("tests/cards/validate.js", [folder.FullName], TimeSpan.FromMinutes(2));
            Assert.True(run.Stdout.Length > 0, $"validate.js printed nothing; stderr: {run.Stderr}");
            var report = JsonNode.Parse(run.Stdout)!["cards"]!.AsArray();
            Assert.Equal(cards.Count, report.Count);
            var failures = report
                .Where(r => r!["errors"]!.AsArray().Count > 0)
                .Select(r => $"{r!["file"]}: {string.Join("; ", r["errors"]!.AsArray().Select(e => e!.GetValue<string>()))}")
                .ToList();
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
            Assert.All(report, r => Assert.InRange(r!["bytes"]!.GetValue<int>(), 1, (80 * 1024) - 1));
            Assert.Equal(0, run.ExitCode);

            // docs/cards/json-health holds exactly these cards as they render today; ALLIANCEBOT_DOCS=1 rewrites them and their charts.
            await DocSamples.WriteOrCheckAsync("json-health", rendered,
                "ALLIANCEBOT_DOCS=1 dotnet test tests/Bot.Tests --filter \"FullyQualifiedName~HealthCardValidation\"");
            if (DocSamples.Regenerate)
            {
                await SaveChartsAsync(cards);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // The real chart PNGs behind the cards, named as tests/cards/render.js looks them up (chart-<kind>.<lang>.png).
    private async Task SaveChartsAsync(IEnumerable<(string Name, CardView View, string Locale)> cards)
    {
        var target = Directory.CreateDirectory(RepoPaths.Combine("docs", "cards", "health-charts"));
        var client = host.CreateClient();
        foreach (var (name, view, _) in cards.Where(c => c.Name.StartsWith("healthcheck.", StringComparison.Ordinal)))
        {
            var lang = name.Split('.')[1];
            var nav = view.Body.OfType<ImageBlock>().Single().Url;
            var trend = view.Body.OfType<LineChartBlock>().Single().FallbackImageUrl!;
            await File.WriteAllBytesAsync(Path.Combine(target.FullName, $"chart-nav.{lang}.png"), await client.GetByteArrayAsync(new Uri(nav).PathAndQuery));
            await File.WriteAllBytesAsync(Path.Combine(target.FullName, $"chart-trend.{lang}.png"), await client.GetByteArrayAsync(new Uri(trend).PathAndQuery));
        }
    }
}
