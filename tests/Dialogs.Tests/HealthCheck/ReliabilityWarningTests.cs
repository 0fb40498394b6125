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
    public void LooseItemsInTheLatestFullRoundGiveAWarningPerDimension(string code, string opening, string calculative, string relational)
    {
        // The language comes in as a string: xUnit does not discover a theory whose parameter is the Language struct.
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

        // Instead a plain line per dimension: α, and the anchor agreeing with the other questions (r ≈ 0.9 from 30 people:
        // clear at 95% confidence).
        var lines = card.Body.OfType<Paragraph>().Where(p => p.Text.StartsWith("In the last full round (30 people)", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(Tone.Subtle, l.Tone));
        foreach (var (line, reliability) in lines.Zip(health.Report.Reliability))
        {
            Assert.Equal(AnchorAgreement.Clear, reliability.Agreement);
            Assert.Contains($"Cronbach's α {texts.Number(reliability.Alpha, 2)}", line.Text, StringComparison.Ordinal);
            Assert.Contains($"The anchor question agrees with the other {(reliability.Dimension == Dimension.Calculative ? "calculative" : "relational")} trust questions "
                + $"(r = {texts.Number(reliability.AnchorFacets!.Value, 2)} from 30 people; with 95% confidence at least {texts.Number(reliability.AnchorFacetBounds!.Value.Lower, 2)}).",
                line.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en", "The anchor question agrees weakly with the other calculative trust questions (r = ", "The trend line follows the anchor alone")]
    [InlineData("nl", "De ankervraag stemt zwak overeen met de andere vragen over calculatief vertrouwen (r = ", "De trendlijn volgt alleen de ankervraag")]
    public void AnAnchorThatAgreesWeaklyWithItsFacetsIsSaidInWordsAndNumbers(string code, string weakly, string note)
    {
        var language = Language.Of(code);
        // The facet items hang together, but the calculative anchor runs 4,5,1,2,3,… across people: α stays fine,
        // r = −0.12 from 30 people, whose 95% upper bound (0.20) is below 0.3.
        var texts = Catalog.For(language);
        var health = Evaluate(consistent: true, language, calculativeAnchor: person => 1 + ((person + 3) % 5));
        var calculative = health.Report.Reliability.Single(r => r.Dimension == Dimension.Calculative);
        Assert.Equal(AnchorAgreement.Weak, calculative.Agreement);
        Assert.Empty(health.Report.LowReliability);

        var card = DriftCards.Build(health, texts, new TestChartLinks());

        var line = Assert.Single(card.Body.OfType<Paragraph>(), p => p.Text.Contains(weakly, StringComparison.Ordinal));
        Assert.Contains(weakly + texts.Number(calculative.AnchorFacets!.Value, 2), line.Text, StringComparison.Ordinal);
        Assert.Contains(texts.Number(calculative.AnchorFacetBounds!.Value.Upper, 2) + ").", line.Text, StringComparison.Ordinal);
        Assert.Contains(note, line.Text, StringComparison.Ordinal);
        // The relational anchor still agrees with its facets: no weak note there.
        Assert.Single(card.Body.OfType<Paragraph>(), p => p.Text.Contains(note, StringComparison.Ordinal));
    }

    [Fact]
    public void AnAnchorWhoseAgreementTheRoundCannotSettleIsNotClearYet()
    {
        // r = 0.16 from 30 people: its 95% bounds (−0.15 … 0.45) straddle 0.3, so neither "weakly" nor "agrees".
        var texts = Catalog.For(Language.En);
        var health = Evaluate(consistent: true, Language.En, calculativeAnchor: person => 1 + ((person + 1) % 5));
        var calculative = health.Report.Reliability.Single(r => r.Dimension == Dimension.Calculative);
        Assert.Equal(AnchorAgreement.NotClearYet, calculative.Agreement);

        var card = DriftCards.Build(health, texts, new TestChartLinks());

        Assert.Single(card.Body.OfType<Paragraph>(), p => p.Text.Contains(
            $"How well the anchor question agrees with the other calculative trust questions is not clear yet from 30 people (r = {texts.Number(calculative.AnchorFacets!.Value, 2)}).",
            StringComparison.Ordinal));
        Assert.DoesNotContain(card.Body.OfType<Paragraph>(), p => p.Text.Contains("weakly", StringComparison.Ordinal));
    }

    [Fact]
    public void TheWarningAlsoSaysHowWellTheAnchorAgrees()
    {
        var texts = Catalog.For(Language.En);
        var health = Evaluate(consistent: false, Language.En);
        var card = DriftCards.Build(health, texts, new TestChartLinks());
        var warnings = card.Body.OfType<Paragraph>().Where(p => p.Text.StartsWith("Check the questions", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        foreach (var (warning, reliability) in warnings.Zip(health.Report.LowReliability))
        {
            Assert.Contains($"(r = {texts.Number(reliability.AnchorFacets!.Value, 2)}", warning.Text, StringComparison.Ordinal);
        }
    }

    private static AllianceHealth Evaluate(bool consistent, Language language, Func<int, int>? calculativeAnchor = null)
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
                var value = !consistent ? random.Next(1, 6)
                    : calculativeAnchor is not null && items[j].Id == ItemBank.Default.Anchor(Dimension.Calculative).Id ? calculativeAnchor(person)
                    : Math.Clamp(2 + person % 4 + (j + person) % 3 / 2, 1, 5);
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
