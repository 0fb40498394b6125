using System.Globalization;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Bot.Tests.Support;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>
/// The pulse round's real cards (pulse, thank-you, notices, manager alert and summary) through Microsoft's parser.
/// docs/cards/json-pulse must hold them as they render today (a test fails when a sample is stale); ALLIANCEBOT_DOCS=1
/// rewrites them for tests/cards/render.js (docs/cards.md).
/// </summary>
public sealed class PulseCardValidationTests
{
    [Fact]
    public async Task EveryPulseRoundCardInBothLanguagesPassesTheValidatorUnder80KB()
    {
        var folder = Directory.CreateTempSubdirectory("pulse-cards-");
        try
        {
            var rendered = await RenderAsync(folder);
            var report = await MicrosoftCardParser.ValidateFolderAsync(folder, rendered.Count);
            Assert.All(report, r => Assert.InRange(r!["bytes"]!.GetValue<int>(), 1, 80 * 1024 - 1));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>docs/cards/json-pulse holds exactly these cards as they render today (ALLIANCEBOT_DOCS=1 rewrites them).</summary>
    [Fact]
    public async Task TheDocsSamplesOfThePulseRoundCardsAreCurrent()
    {
        var folder = Directory.CreateTempSubdirectory("pulse-samples-");
        try
        {
            await DocSamples.WriteOrCheckAsync("json-pulse", await RenderAsync(folder),
                "ALLIANCEBOT_DOCS=1 dotnet test tests/Bot.Tests --filter \"FullyQualifiedName~PulseCardValidation\"");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<Dictionary<string, string>> RenderAsync(DirectoryInfo folder)
    {
        var catalog = TextCatalog.LoadEmbedded();
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in new[] { Language.En, Language.Nl })
        {
            var texts = catalog.For(language);
            foreach (var (name, view) in Cards(texts))
            {
                var file = $"real-{name}.{language.Code()}.json";
                rendered[file] = AdaptiveCardRenderer.Render(view, texts.Culture).ToJsonString();
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, file), rendered[file]);
            }
        }

        return rendered;
    }

    /// <summary>
    /// Every statement's choice set on the rendered Teams card: six radio choices, "dk" last with the catalog's label in
    /// each language, the stored don't-know pre-selected as "dk" (one card body serves Action.Execute and Action.Submit).
    /// </summary>
    [Fact]
    public void EveryStatementOffersDontKnowAsTheSixthRadioChoice()
    {
        var catalog = TextCatalog.LoadEmbedded();
        foreach (var language in new[] { Language.En, Language.Nl })
        {
            var texts = catalog.For(language);
            var round = new PulseRound(Guid.NewGuid(), "Cisco–KPN", Guid.NewGuid(), 4, [.. ItemBank.Default.Items.Select(i => i.Id)], DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc);
            var state = new PulseCardState(new Dictionary<string, int> { [round.Items[0]] = AllianceBot.Data.Responses.AnswerValue.DontKnow, [round.Items[1]] = 2 });
            var card = AdaptiveCardRenderer.Render(PulseCards.Pulse(round, texts, ItemBank.Default, state), texts.Culture);
            var sets = Descendants(card).Where(n => (string?)n["type"] == "Input.ChoiceSet").ToList();

            Assert.Equal(round.Items, sets.Select(s => (string?)s["id"]));
            Assert.All(sets, s =>
            {
                Assert.Equal("expanded", (string?)s["style"]);
                var choices = s["choices"]!.AsArray();
                Assert.Equal(["1", "2", "3", "4", "5", "dk"], choices.Select(c => (string?)c!["value"]));
                Assert.Equal(ItemBank.Default.DontKnow.In(language), (string?)choices[5]!["title"]);
            });
            Assert.Equal(("dk", "2"), ((string?)sets[0]["value"], (string?)sets[1]["value"]));
        }
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    private static IEnumerable<(string Name, CardView View)> Cards(Texts texts)
    {
        var bank = ItemBank.Default;
        var alliance = Guid.NewGuid();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var round = new PulseRound(alliance, "Cisco–KPN", Guid.NewGuid(), 4, [.. bank.Items.Select(i => i.Id)], DateTimeOffset.Parse("2026-03-10T09:00:00Z", CultureInfo.InvariantCulture), zone);
        var answers = round.Items.ToDictionary(id => id, _ => 4, StringComparer.Ordinal);
        yield return ("pulse-full", PulseCards.Pulse(round, texts, bank));
        yield return ("pulse-reminder-errors", PulseCards.Pulse(round, texts, bank, new PulseCardState(answers, new string('x', 1000), true, ["one", "two"])));
        yield return ("thank-you", PulseCards.ThankYou(round, texts, bank, answers, "A comment", 5));
        // Issue 13: "don't know / not applicable" chosen on a card that comes back, and read back on the thank-you.
        var unsure = round.Items.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i % 3 == 0 ? AllianceBot.Data.Responses.AnswerValue.DontKnow : 4, StringComparer.Ordinal);
        yield return ("pulse-dontknow", PulseCards.Pulse(round, texts, bank, new PulseCardState(unsure)));
        yield return ("thank-you-dontknow", PulseCards.ThankYou(round, texts, bank, unsure, null, 5));
        yield return ("closed", PulseCards.Closed("Cisco–KPN", round.ClosesAt, zone, texts));
        yield return ("none", PulseCards.NoneOpen("Cisco–KPN", texts));
        yield return ("refused", PulseCards.Refused("nope", texts));

        var start = DateTimeOffset.Parse("2025-01-01T00:00:00Z", CultureInfo.InvariantCulture);
        var rounds = Enumerable.Range(0, 6).Select(r => new RoundData($"r{r}", start.AddMonths(r + 1), 8,
            [.. Enumerable.Range(0, 8).SelectMany(p => new[]
            {
                new Answer($"p{p}", p < 4 ? "Cisco" : "KPN", "calc.agreements.safeguarded", 4),
                new Answer($"p{p}", p < 4 ? "Cisco" : "KPN", "rel.intentions.anchor", r < 5 ? 4 + (p % 2) : 1 + (p % 2)),
            })])).ToList();
        var report = AllianceBot.Trust.HealthCheck.Evaluate(PhaseHistory.Starting(Phase.Confirmation, start), rounds, TrustOptions.Default, texts.Language);
        var info = new ClosedRoundInfo(alliance, "Cisco–KPN", 6);
        var alert = Assert.Single(report.Notifications, a => a.Kind == AlertKind.FastRelationalDrop);
        yield return ("alert", RoundCards.Alert(info, alert, alert.Text, report, texts));
        yield return ("round-closed", RoundCards.Closed(info, report.Latest, report, report.Notifications.Count(), 8, texts));
    }
}
