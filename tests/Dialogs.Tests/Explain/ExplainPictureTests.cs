using AllianceBot.Dialogs.Explain;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Explain;

/// <summary>Issue 17: the explain cards show the model's NAV picture through the chart-link port.</summary>
public sealed class ExplainPictureTests
{
    [Fact]
    public async Task EveryExplainCardButTheGlossaryShowsTheModelsPictureInTheAskersLanguage()
    {
        using var host = new DialogTestHost();
        await host.Transcript(TranscriptUser.Anna)
            .Send("what is the nav model?").ExpectCard(CardKind.Info, card =>
            {
                var picture = Assert.Single(card.Body.OfType<ImageBlock>());
                Assert.Equal("https://bot.test/charts/model/model/nav.en.png", picture.Url);
                Assert.StartsWith("The NAV-model picture", picture.AltText, StringComparison.Ordinal);
            })
            .Send("wat is relationeel vertrouwen?").ExpectCard(CardKind.Info, card =>
                Assert.Equal("https://bot.test/charts/model/model/nav.nl.png", Assert.Single(card.Body.OfType<ImageBlock>()).Url))
            .Send("glossary").ExpectCard(CardKind.Info, card => Assert.Empty(card.Body.OfType<ImageBlock>()))
            .RunAsync();
    }

    [Fact]
    public void TheCardsWithoutAPictureStayAsTheyWere()
    {
        var texts = AllianceBot.Dialogs.Localization.TextCatalog.LoadEmbedded().For(AllianceBot.Trust.Language.En);
        foreach (var topic in ExplainCards.Topics)
        {
            var plain = ExplainCards.For(topic, texts);
            var pictured = ExplainCards.For(topic, texts, "https://bot.test/p.png");
            Assert.Empty(plain.Body.OfType<ImageBlock>());
            Assert.Equal(plain.Body.Count + (topic == AllianceBot.Dialogs.Intents.Intent.Glossary ? 0 : 1), pictured.Body.Count);
        }
    }
}
