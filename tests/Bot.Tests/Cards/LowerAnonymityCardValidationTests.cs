using System.Globalization;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Bot.Tests.Support;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>
/// The card that asks a manager of another partner to agree to a lower anonymity threshold, in English and Dutch,
/// rendered for Teams and checked by Microsoft's Adaptive Cards parser (tests/cards/validate.js); its two buttons
/// must carry the proposal and the recipient's fingerprint through to the bot.
/// </summary>
public sealed class LowerAnonymityCardValidationTests
{
    [Fact]
    public async Task TheConfirmationCardInEveryLanguagePassesTheValidatorAndCarriesProposalAndRecipient()
    {
        var folder = Directory.CreateTempSubdirectory("k-cards-");
        try
        {
            var catalog = TextCatalog.LoadEmbedded();
            var at = DateTimeOffset.Parse("2026-03-02T09:00:00Z", CultureInfo.InvariantCulture);
            var alliance = new Alliance(Guid.NewGuid(), "Acme–Globex", Phase.Confirmation, "Europe/Amsterdam", "en", "first Tuesday 10:00", 5, 5, [], 7, false, null, at);
            var proposal = new PendingLowering(Guid.NewGuid(), 3, Guid.NewGuid(), Guid.NewGuid(), at);
            var bram = new MemberIdentity(MemberIdentity.Teams, "tenant-b", "29:bram");
            foreach (var language in Languages.Supported)
            {
                var texts = catalog.For(language);
                var view = LowerAnonymityCards.Card(texts, alliance, proposal, "Acme", "Globex", 5, bram);
                var card = AdaptiveCardRenderer.Render(view, texts.Culture);
                NoEnglishFallback.Assert(card, language);
                var actions = card["actions"]!.AsArray();
                Assert.Equal(2, actions.Count);
                foreach (var (action, verb) in actions.Zip([LowerAnonymityCards.AgreeVerb, LowerAnonymityCards.DeclineVerb]))
                {
                    var json = action!.ToJsonString();
                    Assert.Contains(verb, json, StringComparison.Ordinal);
                    Assert.Contains(proposal.Id.ToString(), json, StringComparison.Ordinal);
                    Assert.Contains(CardGuard.Fingerprint(bram), json, StringComparison.Ordinal);
                }

                await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"lower-k.{language.Code()}.json"), card.ToJsonString());
            }

            await MicrosoftCardParser.ValidateFolderAsync(folder, Languages.Supported.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
