using AllianceBot.Trust.Statistics;
using static AllianceBot.Trust.Tests.Build;

namespace AllianceBot.Trust.Tests;

/// <summary>The recalibrated rules of issue 13 (docs/validity.md): each one reproduces a finding of the issue.</summary>
public class CalibrationTests
{
    private static readonly DateTimeOffset PhaseThree = Start.AddMonths(5);

    private static Summary[] Summaries(double[][] rounds) => [.. rounds.Select(r => Summary.Of(r))];

    private static PhaseHistory TwoThenThree() => new([new PhaseChange(Phase.Confirmation, Start), new PhaseChange(Phase.Execution, PhaseThree)]);

    [Fact]
    public void TheStandardErrorIncludesTheBetweenRoundVarianceWithItsFloor()
    {
        double[][] baseline = [[4, 4, 5, 3], [4, 5, 4, 3], [5, 4, 4, 3]];
        double[][] current = [[3, 4, 3, 3]];
        var test = RoundComparison.Lower(Summaries(current), Summaries(baseline), 0.15);

        var c = Summary.Of(current[0]);
        var b = Summary.Of(baseline.SelectMany(r => r).ToArray());
        Assert.Equal(0.15, test.BetweenRoundSd, 10);
        Assert.Equal(Math.Sqrt(c.Variance / 4 + b.Variance / 12 + 0.0225 * (1 + 1.0 / 3)), test.StandardError, 10);
        Assert.True(test.StandardError > WelchTest.Lower(c, b).StandardError);
    }

    [Fact]
    public void RoundsThatDifferMoreThanTheirAnswersExplainRaiseTheBetweenRoundVarianceAboveTheFloor()
    {
        double[][] calm = [[4, 4, 4, 5], [4, 4, 4, 5], [4, 4, 4, 5]];
        double[][] jumpy = [[2, 2, 2, 3], [4, 4, 4, 5], [5, 5, 5, 4]];
        Assert.Equal(0.15 * 0.15, RoundComparison.BetweenRoundVariance(Summaries(calm), 0.15), 10);
        Assert.True(RoundComparison.BetweenRoundVariance(Summaries(jumpy), 0.15) > 1);
    }

    [Fact]
    public void AHalfPointDropAgainstIdenticalRoundsOfFortyIsNoLongerAnAlertOnItsOwn()
    {
        // Before: Welch on pooled answers gave p ≈ 0.001 and an alert; real months differ by about 0.15 by themselves.
        int[] stable = [.. Enumerable.Repeat(new[] { 4, 4, 4, 5, 3 }, 8).SelectMany(x => x)];
        int[] lower = [.. Enumerable.Repeat(new[] { 4, 3, 4, 4, 3 }, 8).SelectMany(x => x)];
        var rounds = new List<RoundData> { Round(1, 4, stable), Round(2, 4, stable), Round(3, 4, stable), Round(4, 4, lower) };
        var report = Check(Phase.Confirmation, rounds);
        Assert.DoesNotContain(report.Notifications, a => a.Kind == AlertKind.FastRelationalDrop);
        var watch = Assert.Single(report.Alerts, a => a.Kind == AlertKind.RelationalWatch);
        Assert.True(watch.Evidence.P > 0.005);
    }

    private static RoundData Partners(int month, int[] acme, int[] globex) =>
        Round(month, [.. Group("Acme", acme.Length, [4], acme), .. Group("Globex", globex.Length, [4], globex)]);

    [Fact]
    public void AsymmetryInOneRoundOnlyIsNotAnAlert()
    {
        int[] high = [5, 4, 5, 4, 5, 4, 5, 4];
        int[] low = [3, 2, 3, 3, 2, 3];
        int[] same = [4, 4, 5, 4, 4, 4];
        Assert.DoesNotContain(Check(Phase.Confirmation, [Partners(1, high, low)]).Alerts, a => a.Kind == AlertKind.PartnerAsymmetry);
        Assert.DoesNotContain(Check(Phase.Confirmation, [Partners(1, high, same), Partners(2, high, low)]).Alerts, a => a.Kind == AlertKind.PartnerAsymmetry);
        Assert.Contains(Check(Phase.Confirmation, [Partners(1, high, low), Partners(2, high, low)]).Alerts, a => a.Kind == AlertKind.PartnerAsymmetry);
    }

    [Fact]
    public void AsymmetryAlphaIsSplitOverDimensionsAndPairs()
    {
        // Gap 1.0 between 6 and 6 people: p ≈ 0.01, significant at 0.05 (the old rule) but not at 0.01 / 2.
        int[] high = [5, 4, 5, 4, 4, 5];
        int[] low = [4, 3, 4, 3, 3, 4];
        var report = Check(Phase.Confirmation, [Partners(1, high, low), Partners(2, high, low)]);
        var p = WelchTest.Lower(Summary.Of([.. low.Select(v => (double)v)]), Summary.Of([.. high.Select(v => (double)v)])).TwoSidedP;
        Assert.InRange(p, 0.005, 0.05);
        Assert.DoesNotContain(report.Alerts, a => a.Kind == AlertKind.PartnerAsymmetry);
    }

    [Fact]
    public void OneLowCalculativeRoundAmongGoodOnesIsNeitherAlertNorFindingNorSlidingBack()
    {
        // Before: the alert looked at the last round only (2.5 < 3.0) while the finding pooled three rounds.
        var rounds = new[] { Round(1, Group("A", 8, [4, 4, 3], [4, 5])), Round(2, Group("A", 8, [4, 3, 4], [4, 5])), Round(3, Group("A", 8, [2, 3], [4, 5])) };
        var report = Check(Phase.Execution, rounds);
        Assert.DoesNotContain(report.Alerts, a => a.Kind == AlertKind.CalculativeFloor);
        Assert.DoesNotContain(report.Findings, f => f.Kind == FindingKind.CalculativeDisappearing);
        Assert.NotEqual(ReadinessKind.SlidingBack, report.Readiness.Kind);
    }

    [Fact]
    public void AlertFindingAndSlidingBackUseTheSamePooledFloorRule()
    {
        var random = new Random(13);
        for (var trial = 0; trial < 60; trial++)
        {
            var rounds = Enumerable.Range(1, 4).Select(m => Round(m, Group("A", 6, [.. Enumerable.Range(0, 6).Select(_ => random.Next(1, 6))], [4, 5]))).ToArray();
            var report = Check(Phase.Execution, rounds);
            var alert = report.Alerts.Any(a => a.Kind == AlertKind.CalculativeFloor);
            Assert.Equal(alert, report.Findings.Any(f => f.Kind == FindingKind.CalculativeDisappearing));
            Assert.Equal(alert, report.Readiness.Kind == ReadinessKind.SlidingBack && report.Readiness.Evidence.Dimension == Dimension.Calculative);
        }
    }

    [Theory]
    [InlineData("en", "Calculative trust is fading since the confirmation phase")]
    [InlineData("nl", "Calculatief vertrouwen zakt weg sinds de bevestigingsfase")]
    public void ACalculativeFadeFromPhaseTwoToPhaseThreeIsAnAlert(string code, string phrase)
    {
        var language = Language.Of(code);
        // Calculative 4.3 in phase 2, 3.1 in phase 3: above the floor of 3.0, so before nothing was said.
        var rounds = new List<RoundData>();
        for (var m = 1; m <= 4; m++) rounds.Add(Round(m, Group("A", 10, [4, 5, 4], [4, 5])));
        for (var m = 6; m <= 7; m++) rounds.Add(Round(m, Group("A", 10, [3, 3, 4, 2, 3, 4, 3, 3, 3, 3], [4, 5])));

        var report = HealthCheck.Evaluate(TwoThenThree(), rounds, TrustOptions.Default, language);

        var fade = Assert.Single(report.Notifications, a => a.Kind == AlertKind.CalculativeFade);
        Assert.Equal(Dimension.Calculative, fade.Evidence.Dimension);
        Assert.Equal(4, fade.Evidence.BaselineRounds);
        Assert.Equal(2, fade.Evidence.Rounds);
        Assert.True(fade.Evidence.P < 0.005 && fade.Evidence.Drop >= 0.4);
        Assert.Contains(phrase, fade.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Alerts, a => a.Kind == AlertKind.CalculativeFloor);
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.CalculativeDisappearing);

        // Without a phase-2 reference there is nothing to fade from.
        Assert.DoesNotContain(Check(Phase.Execution, rounds.Skip(4)).Alerts, a => a.Kind == AlertKind.CalculativeFade);
    }

    [Fact]
    public void AFadeOfASmallGroupShowsNoIntervalNorTestStatistics()
    {
        // Five people: the fade is decided on t and p, but the card shows neither (below 2k answers, issue 12 finding 5).
        var rounds = new List<RoundData>();
        for (var m = 1; m <= 4; m++) rounds.Add(Round(m, Group("A", 5, [5, 4, 5], [4, 5])));
        rounds.Add(Round(6, Group("A", 5, [2, 3, 2], [4, 5])));

        var fade = Assert.Single(HealthCheck.Evaluate(TwoThenThree(), rounds, TrustOptions.Default, Language.En).Notifications, a => a.Kind == AlertKind.CalculativeFade);
        Assert.Null(fade.Evidence.P);
        Assert.Null(fade.Evidence.T);
        Assert.Null(fade.Evidence.Interval);
        Assert.DoesNotContain("CI", fade.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("p =", fade.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("p <", fade.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "not clear yet which dimension is ahead", "more answers")]
    [InlineData("nl", "nog niet duidelijk welke dimensie voorligt", "antwoorden meer")]
    public void APositionWhoseIntervalIncludesLevelIsNotClearYet(string code, string phrase, string more)
    {
        var language = Language.Of(code);
        // One round of five: balance +0.4, but five people cannot tell that from level (before: "relational ahead").
        Person[] five = [P("A", 3, 4), P("A", 4, 4), P("A", 4, 5), P("A", 4, 3), P("A", 3, 4)];
        var small = Check(Phase.Confirmation, [Round(1, five)], language);
        Assert.Equal(MeasuredEmphasis.Unclear, small.Position.Measured);
        // Below 2k answers the interval decides but is not shown (it would give the spread away), and the number of
        // answers that would settle it is estimated without the measured spread.
        Assert.Null(small.Position.Evidence.Interval);
        Assert.True(small.Position.Evidence.AnswersNeeded > 0);

        // Ten people answering the same way: still not clear, now with the interval on the card.
        var report = Check(Phase.Confirmation, [Round(1, [.. five, .. five])], language);
        Assert.Equal(MeasuredEmphasis.Unclear, report.Position.Measured);
        Assert.Null(report.Position.MatchesIntended);
        Assert.True(report.Position.Evidence.Interval!.Low < 0);
        Assert.True(report.Position.Evidence.AnswersNeeded > 0);
        Assert.True(report.Position.Evidence.RoundsNeeded > 0);
        Assert.Contains(phrase, report.Position.Text, StringComparison.Ordinal);
        Assert.Contains(more, report.Position.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Kind == FindingKind.CalculativeNeglected);
    }

    [Fact]
    public void TheBalanceIntervalIsPairedOnEachRespondentsOwnDifference()
    {
        // Everyone rates relational exactly one point above calculative: a paired interval is exact, Welch's would be wide.
        // Twelve people, so the card may show the interval (2k answers).
        var round = Round(1, [.. Enumerable.Range(0, 4).SelectMany(_ => new[] { P("A", 2, 3), P("A", 3, 4), P("A", 4, 5) })]);
        var report = Check(Phase.GettingAcquainted, [round]);
        Assert.Equal(MeasuredEmphasis.RelationalAhead, report.Position.Measured);
        Assert.Equal(1.0, report.Position.Evidence.Interval!.Low, 10);
        Assert.Equal(1.0, report.Position.Evidence.Interval.High, 10);

        var paired = PairedBalance.Of([Summary.Of([1.0, 0, 2, 1, 1])])!;
        var t = StudentT.Quantile(0.975, 4);
        var sd = Summary.Of([1.0, 0, 2, 1, 1]).StandardDeviation!.Value;
        Assert.Equal(1.0 - t * sd / Math.Sqrt(5), paired.Interval!.Low, 10);
    }

    [Fact]
    public void TheSnapshotKeepsThePairedBalanceAndARoundFrozenWithoutItFallsBackToTheUnpairedInterval()
    {
        var round = Round(1, [.. Enumerable.Range(0, 4).SelectMany(_ => new[] { P("A", 2, 3), P("A", 3, 4), P("A", 4, 5) })]);
        var frozen = RoundSnapshot.Freeze(round, TrustOptions.Default.Anonymity, Bank);
        var balance = frozen.Cell(RoundSnapshot.All, RoundSnapshot.Balance)!;
        Assert.True(balance.Shown);
        Assert.Equal(12, balance.N);
        Assert.Equal(1.0, balance.Mean!.Value, 10);
        Assert.Equal(0.0, balance.StandardDeviation!.Value, 10);

        // A round frozen before the balance measure existed: the position still stands, on Welch's wider interval.
        var old = frozen with { Cells = [.. frozen.Cells.Where(c => c.Measure != RoundSnapshot.Balance)] };
        var report = HealthCheck.EvaluateFrozen(Phase(AllianceBot.Trust.Phase.GettingAcquainted), [old], TrustOptions.Default, Language.En);
        var welch = WelchTest.Lower(Summary.Of([.. Enumerable.Repeat(new[] { 3.0, 4, 5 }, 4).SelectMany(x => x)]),
            Summary.Of([.. Enumerable.Repeat(new[] { 2.0, 3, 4 }, 4).SelectMany(x => x)])).DifferenceInterval;
        Assert.Equal(welch.Low, report.Position.Evidence.Interval!.Low, 10);
        Assert.Equal(welch.High, report.Position.Evidence.Interval.High, 10);
    }

    [Fact]
    public void ABalanceOfFewerThanKPairsIsNotShownInTheSnapshot()
    {
        // Six answered calculative, six relational, but only four people answered both: the paired balance is hidden.
        var answers = new List<Answer>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(new Answer($"both{i}", "A", CalcAnchor, 3));
            answers.Add(new Answer($"both{i}", "A", RelAnchor, 4));
        }

        answers.AddRange([new Answer("c1", "A", CalcAnchor, 3), new Answer("c2", "A", CalcAnchor, 4), new Answer("r1", "A", RelAnchor, 4), new Answer("r2", "A", RelAnchor, 5)]);
        var frozen = RoundSnapshot.Freeze(new RoundData("r", Start, 8, answers, 0), TrustOptions.Default.Anonymity, Bank);
        var balance = frozen.Cell(RoundSnapshot.All, RoundSnapshot.Balance)!;
        Assert.False(balance.Shown);
        Assert.Null(balance.Mean);
        Assert.Null(balance.StandardDeviation);
    }

    [Fact]
    public void TheMinimalDetectableDropUsesWelchDfTheGateAndTheBetweenRoundVariance()
    {
        var options = TrustOptions.Default.Alerts;
        var mdd = RoundComparison.MinimalDetectableDrop(0.9, 8, 48, 6, 0.0225, options);
        var vc = 0.81 / 8;
        var vb = 0.81 / 48;
        var vt = 0.0225 * (1 + 1.0 / 6);
        var se = Math.Sqrt(vc + vb + vt);
        var df = RoundComparison.SatterthwaiteDf(vc, 8, vb, 48, vt);
        Assert.Equal(Math.Max(0.4, StudentT.Quantile(0.995, df) * se) + StudentT.Quantile(options.Power, df) * se, mdd, 10);

        // The gate counts: with a tiny standard error the answer is the gate plus the power margin, not the gate alone.
        Assert.True(RoundComparison.MinimalDetectableDrop(0.5, 1000, 6000, 6, 0, options) > 0.4);
    }

    [Fact]
    public void NewSettingsAreValidated()
    {
        var options = TrustOptions.Default with { Alerts = TrustOptions.Default.Alerts with { MinimumRoundSd = -1, AsymmetryRounds = 0 } };
        var problems = options.Problems();
        Assert.Contains(problems, p => p.StartsWith("Alerts.MinimumRoundSd", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Alerts.AsymmetryRounds", StringComparison.Ordinal));
    }
}
