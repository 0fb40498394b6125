using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Bot.Tests.Support;
using AllianceBot.Dialogs.Explain;
using AllianceBot.Dialogs.Help;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>Issue 17: the explain cards (and the help and welcome cards that lead to them) through Microsoft's parser.</summary>
public sealed class ExplainCardValidationTests
{
    [Fact]
    public async Task EveryExplainCardInEveryLanguagePassesTheValidatorAndStaysCompact()
    {
        var folder = Directory.CreateTempSubdirectory("explain-cards-");
        try
        {
            var catalog = TextCatalog.LoadEmbedded();
            var count = 0;
            foreach (var language in Languages.Supported)
            {
                var texts = catalog.For(language);
                // With the model's NAV picture, as the dialog sends them (the chart link mechanism's URL shape).
                var picture = $"https://bot.example.com/charts/model/model/nav.{language.Code()}.png?exp=1767225600&sig=abc";
                var views = ExplainCards.Topics.Select(t => (t.ToString(), ExplainCards.For(t, texts, picture)))
                    .Append(("help", HelpCards.Help(texts))).Append(("welcome", HelpCards.Welcome(texts, "Anna")));
                foreach (var (name, view) in views)
                {
                    Assert.InRange(view.Actions.Count, 1, 6);
                    var card = AdaptiveCardRenderer.Render(view, texts.Culture);
                    NoEnglishFallback.Assert(card, language);
                    await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"{name}.{language.Code()}.json"), card.ToJsonString());
                    count++;
                }
            }

            var report = await MicrosoftCardParser.ValidateFolderAsync(folder, count);
            // The picture survives the renderer as an Image with alt text on every card but the glossary.
            foreach (var file in folder.GetFiles("*.json").Where(f => f.Name.StartsWith("Explain", StringComparison.Ordinal)))
            {
                var images = JsonNode.Parse(await File.ReadAllTextAsync(file.FullName))!["body"]!.AsArray()
                    .Where(e => e!["type"]!.GetValue<string>() == "Image").ToList();
                var image = Assert.Single(images);
                Assert.Contains("/charts/model/model/nav.", image!["url"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(image["altText"]!.GetValue<string>()));
            }

            // Compact: an explain card stays well under a tenth of the 80 KB message limit (help and welcome are checked elsewhere).
            Assert.All(report.Where(r => !r!["file"]!.GetValue<string>().Contains("help", StringComparison.Ordinal) && !r!["file"]!.GetValue<string>().Contains("welcome", StringComparison.Ordinal)),
                r => Assert.InRange(r!["bytes"]!.GetValue<int>(), 1, 8 * 1024));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
