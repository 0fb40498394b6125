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
/// With ALLIANCEBOT_DOCS=1 their JSON also goes to docs/cards/json-pulse for tests/cards/render.js (docs/cards.md).
/// </summary>
public sealed class PulseCardValidationTests
{
    [Fact]
    public async Task EveryPulseRoundCardInEveryLanguagePassesTheValidatorUnder80KB()
    {
        var docs = Environment.GetEnvironmentVariable("ALLIANCEBOT_DOCS") == "1";
        var folder = docs ? new DirectoryInfo(RepoPaths.Combine("docs", "cards", "json-pulse")) : Directory.CreateTempSubdirectory("pulse-cards-");
        folder.Create();
        try
        {
            var catalog = TextCatalog.LoadEmbedded();
            var count = 0;
            foreach (var language in Languages.Supported)
            {
                var texts = catalog.For(language);
                foreach (var (name, view) in Cards(texts))
                {
                    var card = AdaptiveCardRenderer.Render(view, texts.Culture);
                    NoEnglishFallback.Assert(card, language);
                    await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"real-{name}.{language.Code()}.json"), card.ToJsonString());
                    count++;
                }
            }

            var report = await MicrosoftCardParser.ValidateFolderAsync(folder, count);
            Assert.All(report, r => Assert.InRange(r!["bytes"]!.GetValue<int>(), 1, 80 * 1024 - 1));
        }
        finally
        {
            if (!docs)
            {
                folder.Delete(recursive: true);
            }
        }
    }

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
