using static AllianceBot.Trust.Tests.Build;

namespace AllianceBot.Trust.Tests;

/// <summary>
/// Issue 13: "don't know / not applicable" is participation and a per-item count, never a score: no mean, SD,
/// interval, balance, trend, alert, position, readiness or α includes it.
/// </summary>
public class DontKnowTests
{
    /// <summary><paramref name="n"/> people of <paramref name="partner"/> who said "don't know" to both anchors.</summary>
    private static DontKnow[] Unsure(int month, string partner, int n, int from = 100) =>
        [.. Enumerable.Range(from, n).SelectMany(i => new[]
        {
            new DontKnow($"m{month}-r{i}", partner, CalcAnchor),
            new DontKnow($"m{month}-r{i}", partner, RelAnchor),
        })];

    [Fact]
    public void HalfSayingDontKnowGivesTheSameScoresAsTheScoredHalfAlone()
    {
        var scored = Round(1, [P("A", 4, 5), P("A", 3, 4), P("B", 4, 3), P("B", 5, 4), P("B", 3, 4)], invited: 12);
        var withUnsure = scored with { DontKnows = [.. Unsure(1, "A", 3), .. Unsure(1, "B", 2, 200)] };

        var alone = RoundScorer.Score(scored, Bank);
        var both = RoundScorer.Score(withUnsure, Bank);

        Assert.Equal(alone.Calculative, both.Calculative);
        Assert.Equal(alone.Relational, both.Relational);
        Assert.Equal(alone.Balance, both.Balance);
        Assert.Equal(3.8, both.Calculative!.Mean, 12);
        Assert.Equal(5, both.Calculative.N);
        Assert.Equal(alone.Partners.Select(p => (p.Calculative, p.Relational)), both.Partners.Select(p => (p.Calculative, p.Relational)));

        // A "don't know" is taking part: ten people answered, five of them scored the anchors.
        Assert.Equal(5, alone.Respondents);
        Assert.Equal(10, both.Respondents);
        Assert.Equal(10.0 / 12, both.ParticipationRate, 12);
        Assert.Equal([5, 5], both.Partners.Select(p => p.Respondents));
    }

    [Fact]
    public void ADontKnowNeverPullsTheMeanTowardThree()
    {
        // Five people agree strongly; five more do not know. Counting them as "Neutral" would give 4.0.
        var round = Round(1, Enumerable.Repeat(P("A", 5, 5), 5), invited: 10) with { DontKnows = Unsure(1, "A", 5) };

        var frozen = RoundSnapshot.Freeze(round, TrustOptions.Default.Anonymity, Bank);

        Assert.Equal(5.0, frozen.Cell(RoundSnapshot.All, RoundSnapshot.Calculative)!.Mean);
        Assert.Equal(5.0, frozen.Cell(RoundSnapshot.All, RoundSnapshot.Relational)!.Mean);
        Assert.Equal(10, frozen.Respondents);
        Assert.Equal([new DontKnowCount(CalcAnchor, 5, 10), new DontKnowCount(RelAnchor, 5, 10)],
            RoundSnapshot.DontKnows(frozen).OrderBy(d => d.ItemId, StringComparer.Ordinal));
    }

    [Fact]
    public void TheWholeHealthCheckIsTheSameWithOrWithoutTheDontKnows()
    {
        // Eight rounds with a relational drop at the end, two partners; in the second history five more people per
        // round answer only "don't know". Trend, alerts, findings, position and readiness must not move.
        var rounds = Enumerable.Range(1, 8).Select(m => Round(m, [
            .. Group("A", 5, [4, 3, 4, 5], m < 7 ? [4, 5, 4, 4] : [2, 3, 2, 3]),
            .. Group("B", 5, [3, 4, 4, 4], m < 7 ? [4, 4, 5, 4] : [3, 2, 2, 3])], invited: 16)).ToList();
        var unsure = rounds.Select((r, i) => r with { DontKnows = [.. Unsure(i + 1, "A", 3), .. Unsure(i + 1, "B", 2, 200)] }).ToList();

        var plain = Check(Phase.Confirmation, rounds);
        var withUnsure = Check(Phase.Confirmation, unsure);

        Assert.Equal(plain.Trend.Select(t => (t.Round.Calculative, t.Round.Relational, t.Round.Balance)),
            withUnsure.Trend.Select(t => (t.Round.Calculative, t.Round.Relational, t.Round.Balance)));
        Assert.NotEmpty(plain.Alerts);
        Assert.Equal(plain.Alerts.Select(a => (a.Kind, a.Level, a.Evidence.CurrentMean, a.Evidence.Drop, a.Evidence.P)),
            withUnsure.Alerts.Select(a => (a.Kind, a.Level, a.Evidence.CurrentMean, a.Evidence.Drop, a.Evidence.P)));
        Assert.Equal(plain.Findings.Select(f => (f.Kind, f.Evidence.Calculative, f.Evidence.Relational)),
            withUnsure.Findings.Select(f => (f.Kind, f.Evidence.Calculative, f.Evidence.Relational)));
        Assert.Equal((plain.Position.Measured, plain.Position.Evidence.Balance, plain.Position.Evidence.Interval),
            (withUnsure.Position.Measured, withUnsure.Position.Evidence.Balance, withUnsure.Position.Evidence.Interval));
        Assert.Equal((plain.Readiness.Kind, plain.Readiness.Suggested), (withUnsure.Readiness.Kind, withUnsure.Readiness.Suggested));
        Assert.Equal(plain.MinimalDetectableDrop, withUnsure.MinimalDetectableDrop);
        Assert.Equal(15, withUnsure.Latest!.Respondents);
    }

    [Fact]
    public void AFullRoundsAlphaLeavesOutPeopleWhoSaidDontKnowToAnItem()
    {
        var items = Bank.Items.Where(i => i.Dimension == Dimension.Relational).Select(i => i.Id).ToList();
        var answers = Enumerable.Range(0, 8).SelectMany(p => items.Select((id, j) => new Answer($"r{p}", "A", id, 1 + (p + j % 2) % 5))).ToList();
        var plain = new RoundData("full", Start, 12, answers);
        // Two more people score every relational item but one, which they "don't know".
        var extra = Enumerable.Range(8, 2).SelectMany(p => items.Skip(1).Select(id => new Answer($"r{p}", "A", id, 5))).ToList();
        var mixed = new RoundData("full", Start, 12, [.. answers, .. extra]) { DontKnows = [new DontKnow("r8", "A", items[0]), new DontKnow("r9", "A", items[0])] };

        var alpha = RoundSnapshot.Freeze(plain, TrustOptions.Default.Anonymity, Bank).Cell(RoundSnapshot.All, RoundSnapshot.AlphaPrefix + "relational")!;
        var mixedAlpha = RoundSnapshot.Freeze(mixed, TrustOptions.Default.Anonymity, Bank).Cell(RoundSnapshot.All, RoundSnapshot.AlphaPrefix + "relational")!;

        Assert.Equal(8, mixedAlpha.N);
        Assert.Equal(alpha.Mean, mixedAlpha.Mean);
    }

    [Fact]
    public void ARespondentWithAScoreAndADontKnowForOneItemIsRefused()
    {
        var round = Round(1, [P("A", 4, 5)]) with { DontKnows = [new DontKnow("m1-r0", "A", CalcAnchor)] };
        Assert.Equal(AnswerProblem.DuplicateAnswer, Assert.Throws<AnswerException>(() => RoundScorer.Score(round, Bank)).Problem);

        var unknown = Round(1, [P("A", 4, 5)]) with { DontKnows = [new DontKnow("m1-r9", "A", "no.such.item")] };
        Assert.Equal(AnswerProblem.UnknownItem, Assert.Throws<AnswerException>(() => RoundScorer.Score(unknown with { Invited = 2 }, Bank)).Problem);

        var twoPartners = Round(1, [P("A", 4, 5)]) with { DontKnows = [new DontKnow("m1-r0", "B", Bank.Rotating.First().Id)] };
        Assert.Equal(AnswerProblem.RespondentInTwoPartners, Assert.Throws<AnswerException>(() => RoundScorer.Score(twoPartners, Bank)).Problem);
    }

    [Fact]
    public void BelowKRespondentsTheCountsAreFrozenButNotShown()
    {
        var round = Round(1, [P("A", 4, 5), P("A", 3, 4)], invited: 6) with { DontKnows = Unsure(1, "A", 2) };

        var frozen = RoundSnapshot.Freeze(round, TrustOptions.Default.Anonymity, Bank);

        Assert.Equal(4, frozen.Respondents);
        Assert.False(frozen.Cell(RoundSnapshot.All, RoundSnapshot.DontKnowPrefix + CalcAnchor)!.Shown);
        Assert.Empty(RoundSnapshot.DontKnows(frozen));
    }
}
