using AllianceBot.Data.Alliances;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using TrustPhaseChange = AllianceBot.Trust.PhaseChange;

namespace AllianceBot.Dialogs.Tests.HealthCheck;

/// <summary>The managers' drift card warns, in en and nl, when a full round's Cronbach's α is below 0.7.</summary>
public sealed class ReliabilityWarningTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TextCatalog Catalog = TextCatalog.LoadEmbedded();

    [Theory]
    [InlineData("en", "Check the questions", "calculative trust", "relational trust")]
    [InlineData("nl", "Let op de vragen", "calculatief vertrouwen", "relationeel vertrouwen")]
    [InlineData("de", "Prüfen Sie die Fragen", "kalkülbasierten Vertrauen", "relationalen Vertrauen")]
    public void LooseItemsInTheLatestFullRoundGiveAWarningPerDimension(string code, string opening, string calculative, string relational)
    {
        var language = Language.Of(code);
        var texts = Catalog.For(language);
        var card = DriftCards.Build(Evaluate(consistent: false, language), texts, new TestChartLinks());

        var warnings = card.Body.OfType<Paragraph>().Where(p => p.Text.StartsWith(opening, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(calculative, warnings[0].Text, StringComparison.Ordinal);
        Assert.Contains(relational, warnings[1].Text, StringComparison.Ordinal);
        Assert.All(warnings, w => Assert.Equal(Tone.Attention, w.Tone));
        Assert.All(warnings, w => Assert.Contains("α", w.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void ItemsThatHangTogetherGiveNoWarning()
    {
        var texts = Catalog.For(Language.En);
        var health = Evaluate(consistent: true, Language.En);
        Assert.Equal(2, health.Report.Reliability.Count);
        var card = DriftCards.Build(health, texts, new TestChartLinks());
        Assert.DoesNotContain(card.Body, b => b is Paragraph p && p.Text.StartsWith("Check the questions", StringComparison.Ordinal));
    }

    private static AllianceHealth Evaluate(bool consistent, Language language)
    {
        var alliance = new Alliance(Guid.NewGuid(), "Acme – Globex", Phase.Confirmation, "Europe/Amsterdam", "en", "first Tuesday 10:00", 5, 10,
            [TimeSpan.FromDays(3)], 7, false, Guid.NewGuid(), Start);
        var partners = new[] { new Partner(Guid.NewGuid(), alliance.Id, "Acme", Start), new Partner(Guid.NewGuid(), alliance.Id, "Globex", Start) };
        var items = ItemBank.Default.Items.ToList();
        var opened = Start.AddMonths(1);
        var answers = new List<AnonymousAnswer>();
        var random = new Random(42);
        for (var person = 0; person < 30; person++)
        {
            for (var j = 0; j < items.Count; j++)
            {
                var value = consistent ? Math.Clamp(2 + person % 4 + (j + person) % 3 / 2, 1, 5) : random.Next(1, 6);
                answers.Add(new AnonymousAnswer($"p{person}", partners[person % 2].Id, items[j].Id, value));
            }
        }

        var round = new Round(Guid.NewGuid(), alliance.Id, 1, $"{opened:yyyy-MM}", RoundKind.Full, "[]", opened, opened.AddDays(7),
            opened.AddDays(7), "{}", 30);
        var history = new PhaseHistory([new TrustPhaseChange(Phase.Confirmation, Start)]);
        return HealthEvaluator.Assemble(alliance, history, partners, [new ClosedRound(round, answers, 0)],
            HealthEvaluator.OptionsFor(alliance, TrustOptions.Default), language);
    }
}
