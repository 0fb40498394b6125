using AllianceBot.Data.Alliances;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using TrustPhaseChange = AllianceBot.Trust.PhaseChange;

namespace AllianceBot.Dialogs.Tests.HealthCheck;

/// <summary>
/// Card content for each phase × finding, in English and Dutch, from trust-model inputs built to trigger exactly that
/// finding; and the anonymity cases (a partner below k, the next-smallest partner hidden with it).
/// </summary>
public sealed class HealthCardContentTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TextCatalog Catalog = TextCatalog.LoadEmbedded();

    /// <summary>A partner's answers in one round: n people, each answering the two anchors (values cycle through the arrays).</summary>
    private sealed record Slice(string Partner, int People, int[] Calculative, int[] Relational);

    public static TheoryData<Phase, FindingKind?, Language> Cases()
    {
        var data = new TheoryData<Phase, FindingKind?, Language>();
        foreach (var language in new[] { Language.En, Language.Nl })
        {
            data.Add(Phase.GettingAcquainted, null, language);
            data.Add(Phase.GettingAcquainted, FindingKind.TooCalculativeTooEarly, language);
            data.Add(Phase.Confirmation, null, language);
            data.Add(Phase.Confirmation, FindingKind.CalculativeNeglected, language);
            data.Add(Phase.Execution, null, language);
            data.Add(Phase.Execution, FindingKind.CalculativeDisappearing, language);
            data.Add(Phase.Execution, FindingKind.RelationalEroding, language);
            data.Add(Phase.Confirmation, FindingKind.PartnerAsymmetry, language);
            data.Add(Phase.GettingAcquainted, FindingKind.ParticipationFalling, language);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachPhaseAndFindingReadsRightInBothLanguages(Phase phase, FindingKind? finding, Language language)
    {
        var health = Evaluate(phase, RoundsFor(phase, finding), language, invited: finding == FindingKind.ParticipationFalling ? [10, 10, 10, 30] : null);
        var texts = Catalog.For(language);
        var card = HealthCards.Build(health, texts, new TestChartLinks(), isManager: true);

        Assert.Equal(finding is null ? [] : [finding.Value], health.Report.Findings.Select(f => f.Kind).Distinct());
        var profile = phase.Profile();
        Assert.Contains(card.Body, b => b is Paragraph p && p.Text.StartsWith(
            texts.Format("health.phase.line", profile.Number, profile.Name.In(language), profile.Meaning.In(language)), StringComparison.Ordinal));
        var facts = card.Body.OfType<FactList>().Single().Facts;
        Assert.Equal(profile.EmphasisText.In(language), facts[0].Value);
        Assert.Contains(facts, f => f.Label == texts["health.fact.fit"]);

        if (finding is null)
        {
            Assert.Contains(card.Body, b => b is Paragraph p && p.Text == texts["health.findings.none"]);
            Assert.Equal(texts["health.fit.yes"], facts.Single(f => f.Label == texts["health.fact.fit"]).Value);
        }
        else
        {
            var list = card.Body.OfType<BulletList>().Single(b => b.Title == texts["health.findings.title"]);
            Assert.All(health.Report.Findings, f => Assert.Contains(f.Text, list.Items));

            // The findings' own advice is on the card (the catalogue has advice for every finding that can occur).
            var advice = card.Body.OfType<BulletList>().Where(b => b.Title == texts["health.do.title"] || b.Title == texts["health.dont.title"]).SelectMany(b => b.Items);
            // Numbered for "commit N" (docs/commitments.md): "1. text".
            var own = health.Report.Advice.First(a => a.Finding == finding).Text;
            Assert.Contains(advice, item => System.Text.RegularExpressions.Regex.IsMatch(item, @"^\d+\. ") && item.EndsWith(". " + own, StringComparison.Ordinal));
        }

        // Numbers in the reader's culture: a decimal comma in Dutch, a point in English, never the other.
        var level = facts.Single(f => f.Label == texts["health.fact.calculative"]).Value;
        Assert.Matches(language == Language.Nl ? @"^\d,\d " : @"^\d\.\d ", level);
        Assert.Contains(card.Body, b => b is ImageBlock);
        Assert.Contains(card.Actions, a => a.Title == texts["intent.drift.button"]);
    }

    [Theory]
    [InlineData("en", "Fewer than 5 answers from Globex this round, so Globex's view is not shown.", "Acme's view is hidden this round as well")]
    [InlineData("nl", "Minder dan 5 antwoorden van Globex deze ronde, dus het beeld van Globex wordt niet getoond.", "Het beeld van Acme is deze ronde ook verborgen")]
    public void APartnerBelowKIsANoticeAndTheNextSmallestIsHiddenWithIt(string code, string tooFew, string hiddenToo)
    {
        var language = Language.Of(code);
        Slice[] round = [new("Acme", 6, [3, 4], [4, 5]), new("Globex", 3, [3], [4]), new("Initech", 7, [3, 4], [4, 4])];
        var health = Evaluate(Phase.GettingAcquainted, [round, round, round], language);
        var texts = Catalog.For(language);
        var card = HealthCards.Build(health, texts, new TestChartLinks(), isManager: false);

        var table = card.Body.OfType<TableBlock>().Single();
        Assert.Equal(["Initech"], table.Rows.Select(r => r[0]));
        Assert.Equal("7", table.Rows[0][1]);
        Assert.Contains(card.Body, b => b is Paragraph p && p.Text == tooFew);
        Assert.Contains(card.Body, b => b is Paragraph p && p.Text.StartsWith(hiddenToo, StringComparison.Ordinal));
        Assert.DoesNotContain(card.Body, b => b is Paragraph p && p.Text.Contains("6", StringComparison.Ordinal) && p.Text.Contains("Acme", StringComparison.Ordinal));
        Assert.DoesNotContain(card.Actions, a => a.Title == texts["intent.drift.button"]);
    }

    [Fact]
    public void ARoundBelowKOverallShowsNoNumbersAndTheDriftTableSaysHidden()
    {
        Slice[] full = [new("Acme", 5, [3, 4], [4, 5]), new("Globex", 5, [3, 4], [4, 5])];
        Slice[] thin = [new("Acme", 2, [1], [1]), new("Globex", 2, [5], [5])];
        var health = Evaluate(Phase.GettingAcquainted, [full, full, thin], Language.En);
        var texts = Catalog.For(Language.En);

        var drift = DriftCards.Build(health, texts, new TestChartLinks());
        var last = drift.Body.OfType<TableBlock>().Single().Rows[^1];
        Assert.Equal(["hidden", "hidden", "–", "fewer than 5"], last.Skip(3));
        var chart = drift.Body.OfType<LineChartBlock>().Single();
        Assert.All(chart.Series, s => Assert.Null(s.Values[^1]));

        var card = HealthCards.Build(health, texts, new TestChartLinks(), isManager: true);
        Assert.Contains(card.Body, b => b is Paragraph p && p.Text.Contains("needed 1 more answer to be shown", StringComparison.Ordinal));
        Assert.DoesNotContain(card.Body, b => b is TableBlock);
    }

    private static Slice[][] RoundsFor(Phase phase, FindingKind? finding)
    {
        // Balanced spreads (values alternate) so the tests have variance and the position is clear.
        Slice[] Round(int[] calc, int[] rel) => [new("Acme", 5, calc, rel), new("Globex", 5, calc, rel)];
        Slice[] relationalAhead = Round([3, 3, 4], [4, 5, 4]);
        Slice[] calculativeAhead = Round([4, 5, 4], [3, 3, 4]);
        Slice[] level = Round([4, 4, 5], [4, 4, 5]);
        return (phase, finding) switch
        {
            (Phase.GettingAcquainted, null) => [relationalAhead, relationalAhead, relationalAhead],
            (Phase.GettingAcquainted, FindingKind.TooCalculativeTooEarly) => [calculativeAhead, calculativeAhead, calculativeAhead],
            (Phase.GettingAcquainted, FindingKind.ParticipationFalling) => [relationalAhead, relationalAhead, relationalAhead, relationalAhead],
            (Phase.Confirmation, null) => [level, level, level],
            (Phase.Confirmation, FindingKind.CalculativeNeglected) => [relationalAhead, relationalAhead, relationalAhead],
            (Phase.Confirmation, FindingKind.PartnerAsymmetry) =>
            [
                .. Enumerable.Repeat<Slice[]>([new("Acme", 6, [4, 4, 5], [4, 4, 5]), new("Globex", 6, [2, 2, 1], [2, 2, 1])], 3),
            ],
            (Phase.Execution, null) => [Round([4, 4], [4, 5]), Round([4, 4], [4, 5]), Round([4, 4], [4, 5])],
            (Phase.Execution, FindingKind.CalculativeDisappearing) => [Round([2, 3], [4, 4]), Round([2, 3], [4, 4]), Round([2, 3], [4, 4])],
            (Phase.Execution, FindingKind.RelationalEroding) =>
            [
                .. Enumerable.Repeat(Round([4, 4], [5, 4, 5]), 5), Round([4, 4], [2, 3, 2]),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(finding)),
        };
    }

    private static AllianceHealth Evaluate(Phase phase, Slice[][] rounds, Language language, int[]? invited = null)
    {
        var partnerNames = rounds.SelectMany(r => r.Select(s => s.Partner)).Distinct(StringComparer.Ordinal).ToList();
        var alliance = new Alliance(Guid.NewGuid(), "Acme – Globex", phase, "Europe/Amsterdam", "en", "first Tuesday 10:00", 5, 10,
            [TimeSpan.FromDays(3)], 7, false, Guid.NewGuid(), Start);
        var partners = partnerNames.Select(n => new Partner(Guid.NewGuid(), alliance.Id, n, Start)).ToList();
        var closed = rounds.Select((slices, i) =>
        {
            var opened = Start.AddMonths(i + 1);
            var answers = new List<AnonymousAnswer>();
            foreach (var slice in slices)
            {
                var partner = partners.Single(p => p.Name == slice.Partner).Id;
                for (var person = 0; person < slice.People; person++)
                {
                    var key = $"{slice.Partner}-{person}";
                    answers.Add(new AnonymousAnswer(key, partner, "calc.agreements.safeguarded", slice.Calculative[person % slice.Calculative.Length]));
                    answers.Add(new AnonymousAnswer(key, partner, "rel.intentions.anchor", slice.Relational[person % slice.Relational.Length]));
                }
            }

            var respondents = slices.Sum(s => s.People);
            var round = new Round(Guid.NewGuid(), alliance.Id, i + 1, $"{opened:yyyy-MM}", RoundKind.Regular, "[]", opened, opened.AddDays(7),
                opened.AddDays(7), "{}", invited?[i] ?? respondents);
            return new ClosedRound(round, answers, 0);
        }).ToList();
        var history = new PhaseHistory([new TrustPhaseChange(phase, Start)]);
        return HealthEvaluator.Assemble(alliance, history, partners, closed, HealthEvaluator.OptionsFor(alliance, TrustOptions.Default), language);
    }
}
