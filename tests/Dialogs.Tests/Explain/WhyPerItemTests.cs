using AllianceBot.Dialogs.Explain;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Tests.HealthCheck;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Explain;

/// <summary>Issue 17: a "Why?" beside every finding and every advice item, with reasoning tied to the seed, in every language.</summary>
public sealed class WhyPerItemTests
{
    private static readonly TextCatalog Catalog = TextCatalog.LoadEmbedded();

    public static TheoryData<FindingKind, Language> FindingsByLanguage()
    {
        var data = new TheoryData<FindingKind, Language>();
        foreach (var kind in Enum.GetValues<FindingKind>())
        {
            foreach (var language in Catalog.Languages)
            {
                data.Add(kind, language);
            }
        }

        return data;
    }

    public static TheoryData<string, Language> AdviceByLanguage()
    {
        var data = new TheoryData<string, Language>();
        foreach (var item in AdviceCatalog.Default.Items)
        {
            foreach (var language in Catalog.Languages)
            {
                data.Add(item.Id, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FindingsByLanguage))]
    public void EveryFindingKindHasAWhyCardInEveryLanguage(FindingKind kind, Language language)
    {
        var texts = Catalog.For(language);
        var button = WhyCards.ForFinding(kind, texts);
        var card = WhyCards.For(button.Data[WhyCards.SubjectKey], texts, AdviceCatalog.Default);

        Assert.NotNull(card);
        Assert.Equal(texts[WhyCards.FindingTitleKey(kind)], Assert.IsType<Paragraph>(card.Body[0]).Text);
        var reasoning = Assert.IsType<Paragraph>(card.Body[1]).Text;
        Assert.Equal(Catalog.Find(language, WhyCards.FindingKey(kind)), reasoning);
        Assert.True(reasoning.Length > 150, $"{kind}/{language}: the reasoning is a sentence or three, not a label");
        Assert.DoesNotContain(Texts.MissingMarkerStart, reasoning, StringComparison.Ordinal);
        // Tied to the seed: the card cites it and leads to the part of the model the finding rests on.
        Assert.Equal(texts["explain.source"], Assert.IsType<Paragraph>(card.Body[2]).Text);
        Assert.Contains(card.Actions.OfType<SubmitAction>(), a => a.Data["intent"] == AllianceBot.Dialogs.Intents.IntentTable.Get(WhyCards.TopicFor(kind)).Key);
    }

    [Theory]
    [MemberData(nameof(AdviceByLanguage))]
    public void EveryAdviceItemHasAWhyCardInEveryLanguage(string id, Language language)
    {
        var texts = Catalog.For(language);
        var item = AdviceCatalog.Default.Items.Single(i => i.Id == id);
        var line = AdviceCatalog.In([item], language).Single();
        var card = WhyCards.For(WhyCards.ForAdvice(line, texts).Data[WhyCards.SubjectKey], texts, AdviceCatalog.Default);

        Assert.NotNull(card);
        Assert.Equal(line.Text, Assert.IsType<Paragraph>(card.Body[0]).Text);
        Assert.Equal(line.Why, Assert.IsType<Paragraph>(card.Body[1]).Text);
        Assert.False(string.IsNullOrWhiteSpace(line.Why));
        Assert.Contains(card.Actions.OfType<SubmitAction>(), a => a.Data["intent"] == AllianceBot.Dialogs.Intents.IntentTable.Get(WhyCards.TopicFor(item.Finding)).Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("finding:noSuchFinding")]
    [InlineData("advice:no.such.item")]
    [InlineData("advice:")]
    [InlineData("something else")]
    public void AnUnknownSubjectHasNoCard(string? subject) =>
        Assert.Null(WhyCards.For(subject, Catalog.For(Language.En), AdviceCatalog.Default));

    [Fact]
    public async Task EveryFindingAndAdviceItemOnTheHealthAndAdviceCardsHasItsOwnWhy()
    {
        await using var host = await HealthTestHost.StartAsync();
        CardView? health = null;
        CardView? advice = null;
        await host.Transcript(TranscriptUser.Anna)
            .Send("demo").ExpectCard(CardKind.Info)
            .Send("where are we?").ExpectCard(CardKind.HealthCheck, card => health = card)
            .Send("what moves us right?").ExpectCard(CardKind.HealthCheck, card => advice = card)
            .RunAsync();

        foreach (var card in new[] { health!, advice! })
        {
            var lists = card.Body.OfType<BulletList>().ToList();
            Assert.NotEmpty(lists);
            foreach (var list in lists)
            {
                Assert.NotNull(list.ItemActions);
                Assert.Equal(list.Items.Count, list.ItemActions.Count);
                Assert.All(list.ItemActions, a =>
                {
                    Assert.Equal(WhyCards.Verb, a!.Verb);
                    Assert.Equal("Why?", a.Title);
                    Assert.NotNull(WhyCards.For(a.Data[WhyCards.SubjectKey], Catalog.For(Language.En), AdviceCatalog.Default));
                });
            }
        }

        // The demo's latest round has a finding; its "Why?" is on the health card.
        var findings = health!.Body.OfType<BulletList>().Single(b => b.Title == "What stands out");
        Assert.Contains(findings.ItemActions!, a => a!.Data[WhyCards.SubjectKey].StartsWith("finding:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClickingWhyBesideAnAdviceItemAnswersWithItsReasoningInTheCardsLanguage()
    {
        await using var host = await HealthTestHost.StartAsync();
        var texts = Catalog.For(Language.Nl);
        var item = AdviceCatalog.Default.Items.First(i => i.Finding == FindingKind.CalculativeNeglected);
        var button = WhyCards.ForAdvice(AdviceCatalog.In([item], Language.Nl).Single(), texts);
        await host.Transcript(TranscriptUser.Anna)
            .Click(button.Verb, button.Data).ExpectCard(CardKind.Info, card =>
            {
                Assert.Equal("Waarom?", card.Title);
                Assert.Contains(card.Body.OfType<Paragraph>(), p => p.Text == item.Why.In(Language.Nl));
                Assert.Contains(card.Actions, a => a.Title == texts["intent.explain-dell-getronics.button"]);
            })
            .Click(WhyCards.Verb, new Dictionary<string, string> { [WhyCards.SubjectKey] = "advice:forged", ["lang"] = "en" })
            .ExpectMessage("I don't know that finding or advice item")
            .RunAsync();
    }
}
