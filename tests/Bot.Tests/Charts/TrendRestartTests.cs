using System.Globalization;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Charts;
using AllianceBot.Bot.Tests.Support;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Trust;
using TrustPhaseChange = AllianceBot.Trust.PhaseChange;

namespace AllianceBot.Bot.Tests.Charts;

/// <summary>
/// Issue 13: the calculative anchor was replaced (calc.agreements.anchor → calc.agreements.safeguarded). The health
/// card's trend starts again at the change; the PNG trend chart behind it joined the old-anchor rounds to the new ones.
/// It now leaves the old-anchor calculative points out, exactly as the card does (the card's note says from which round).
/// </summary>
public sealed class TrendRestartTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ThePngTrendLeavesOutTheOldAnchorsCalculativePointsLikeTheCard()
    {
        var health = Evaluate(oldAnchorRounds: 2, newAnchorRounds: 2);

        var chart = HealthCharts.Trend(health, Language.En);

        Assert.Equal(4, chart.Rounds.Count);
        Assert.Equal([null, null, 3.5, 3.5], chart.Rounds.Select(r => r.Calculative));
        Assert.All(chart.Rounds, r => Assert.NotNull(r.Relational));
        // One rule for both: the card's series are drawn from the same EvaluatedRound points (AnchorRestartCardTests).
        Assert.Equal(health.Rounds.Select(r => r.TrendCalculative), chart.Rounds.Select(r => r.Calculative));
    }

    [Fact]
    public void TheNavCourseStartsAgainAtTheAnchorChangeToo()
    {
        var health = Evaluate(oldAnchorRounds: 2, newAnchorRounds: 2);

        var chart = HealthCharts.Nav(health, Language.En);

        // Before the fix the course had four points, the first two at balance 4.5 − 5.0 = −0.5 (the old question's).
        Assert.Equal(2, chart.Course.Count);
        Assert.All(chart.Course, p => Assert.Equal(1.0, p.Balance, 9));
    }

    [Fact]
    public void WithoutAnAnchorChangeEveryRoundIsOnTheNavCourse()
    {
        var health = Evaluate(oldAnchorRounds: 0, newAnchorRounds: 3);

        Assert.Equal(3, HealthCharts.Nav(health, Language.En).Course.Count);
    }

    [Fact]
    public void WithoutAnAnchorChangeEveryCalculativePointIsDrawn()
    {
        var health = Evaluate(oldAnchorRounds: 0, newAnchorRounds: 3);

        var chart = HealthCharts.Trend(health, Language.En);

        Assert.Equal([3.5, 3.5, 3.5], chart.Rounds.Select(r => r.Calculative));
    }

    /// <summary>
    /// Old-anchor rounds as they are really stored: closed (frozen) before the deploy, under the bank of the time, whose
    /// calculative anchor was calc.agreements.anchor — so their "calculative" cell holds the old question's mean. Later
    /// rounds are frozen under today's bank.
    /// </summary>
    private static AllianceHealth Evaluate(int oldAnchorRounds, int newAnchorRounds)
    {
        var alliance = new Alliance(Guid.NewGuid(), "Acme – Globex", Phase.Confirmation, "Europe/Amsterdam", "en", "first Tuesday 10:00", 5, 10,
            [TimeSpan.FromDays(3)], 7, false, Guid.NewGuid(), Start);
        var partners = new[] { new Partner(Guid.NewGuid(), alliance.Id, "Acme", Start), new Partner(Guid.NewGuid(), alliance.Id, "Globex", Start) };
        var options = HealthEvaluator.OptionsFor(alliance, TrustOptions.Default);
        var oldBank = BankBeforeTheChange();
        var closed = new List<ClosedRoundSnapshot>();
        for (var month = 1; month <= oldAnchorRounds + newAnchorRounds; month++)
        {
            var old = month <= oldAnchorRounds;
            var bank = old ? oldBank : ItemBank.Default;
            var answers = Enumerable.Range(0, 10).SelectMany(person => new[]
            {
                new AnonymousAnswer($"p{person}", partners[person % 2].Id, bank.Anchor(Dimension.Calculative).Id, old ? 5 : 3 + (person % 2)),
                new AnonymousAnswer($"p{person}", partners[person % 2].Id, bank.Anchor(Dimension.Relational).Id, 4 + (person % 2)),
            }).ToList();
            var opened = Start.AddMonths(month);
            var round = new Round(Guid.NewGuid(), alliance.Id, month, opened.ToString("yyyy-MM", CultureInfo.InvariantCulture), RoundKind.Regular, "[]",
                opened, opened.AddDays(7), opened.AddDays(7), "{}", 10);
            closed.Add(new ClosedRoundSnapshot(round, RoundSnapshot.Freeze(HealthEvaluator.ToRoundData(round, answers, 0), options.Anonymity, bank)));
        }

        var health = HealthEvaluator.Assemble(alliance, new PhaseHistory([new TrustPhaseChange(Phase.Confirmation, Start)]), partners, closed, options, Language.En);
        // The precondition of the bug: the old rounds do carry a calculative mean (5.0), which a chart could join.
        Assert.All(health.Rounds.Take(oldAnchorRounds), r => Assert.Equal(5.0, r.Disclosed.Calculative!.Mean));
        return health;
    }

    /// <summary>Today's items.json with the old calculative anchor in service and its successor not yet there.</summary>
    private static ItemBank BankBeforeTheChange()
    {
        var json = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("Trust", "Items", "items.json")))!;
        var items = json["items"]!.AsArray();
        items.Remove(items.Single(i => (string?)i!["id"] == "calc.agreements.safeguarded"));
        var old = items.Single(i => (string?)i!["id"] == "calc.agreements.anchor")!.AsObject();
        old.Remove("retired");
        old.Remove("replacedBy");
        var bank = ItemBank.FromJson(json.ToJsonString());
        Assert.Equal("calc.agreements.anchor", bank.Anchor(Dimension.Calculative).Id);
        return bank;
    }
}
