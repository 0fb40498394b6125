using static AllianceBot.Trust.Tests.Build;

namespace AllianceBot.Trust.Tests;

public class AlertTests
{
    private static readonly int[] Stable = [4, 5, 4, 4, 5, 4, 4, 5, 4, 4];

    private static List<RoundData> StableThenRound(int[] last, int stableRounds = 4) =>
        [.. Enumerable.Range(1, stableRounds).Select(m => Round(m, 4, Stable)), Round(stableRounds + 1, 4, last)];

    [Fact]
    public void AFastSignificantRelationalDropRaisesAnAlertWithItsNumbers()
    {
        var report = Check(Phase.Confirmation, StableThenRound([3, 3, 2, 3, 4, 3, 3, 2, 3, 3]));

        var alert = Assert.Single(report.Alerts, a => a.Kind == AlertKind.FastRelationalDrop);
        Assert.Equal(AlertLevel.Alert, alert.Level);
        Assert.Equal("round-5", alert.RoundId);
        var e = alert.Evidence;
        Assert.Equal(2.9, e.CurrentMean!.Value, 10);
        Assert.Equal(4.3, e.BaselineMean!.Value, 10);
        Assert.Equal(1.4, e.Drop!.Value, 10);
        Assert.Equal(4, e.BaselineRounds);
        Assert.Equal(40, e.BaselineN);
        Assert.True(e.P < 0.01);
        Assert.True(e.T < 0);
        Assert.True(e.Interval!.Low > 0 && e.Interval.High > e.Drop);
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.RelationalEroding);
        Assert.Contains("Relational trust dropped fast", alert.Text, StringComparison.Ordinal);
        Assert.Contains("Welch t = −", alert.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBaselineUsesAtMostSixPreviousRounds()
    {
        var report = Check(Phase.Confirmation, StableThenRound([3, 3, 2, 3, 4, 3, 3, 2, 3, 3], stableRounds: 9));
        Assert.Equal(6, report.Alerts.Single(a => a.Kind == AlertKind.FastRelationalDrop).Evidence.BaselineRounds);
    }

    [Fact]
    public void ADropThatIsNotSignificantIsOnlyWatchedWithItsInterval()
    {
        // Ten people a round: at k = 5 the interval and the test statistics are shown from 2k answers on.
        int[] noisy = [5, 3, 4, 5, 3, 5, 3, 4, 5, 3];
        var rounds = new List<RoundData> { Round(1, 4, noisy), Round(2, 4, noisy), Round(3, 4, noisy), Round(4, 4, [4, 3, 2, 5, 4, 4, 3, 2, 5, 4]) };

        var report = Check(Phase.Confirmation, rounds);

        var watch = Assert.Single(report.Alerts);
        Assert.Equal(AlertKind.RelationalWatch, watch.Kind);
        Assert.Equal(AlertLevel.Watch, watch.Level);
        Assert.Equal(0.4, watch.Evidence.Drop!.Value, 10);
        Assert.True(watch.Evidence.P >= 0.01);
        Assert.True(watch.Evidence.Interval!.Low < 0);
        Assert.Empty(report.Notifications);
        Assert.DoesNotContain(report.Findings, f => f.Kind == FindingKind.RelationalEroding);
        Assert.Contains("95% CI", watch.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASmallDropBelowTheMinimumIsNeitherAlertNorWatch()
    {
        var report = Check(Phase.Confirmation, StableThenRound([4, 4, 4, 4, 5, 4, 4, 4, 4, 4]));
        Assert.DoesNotContain(report.Alerts, a => a.Kind is AlertKind.FastRelationalDrop or AlertKind.RelationalWatch);
    }

    [Fact]
    public void ASlowDriftIsCaughtByTheEwmaWithItsNumbers()
    {
        var rounds = new List<RoundData>();
        var month = 0;
        for (var i = 0; i < 3; i++) rounds.Add(Round(++month, 4, [4, 5, 4, 4, 5, 4, 4, 5]));
        TrustAlert? drift = null;
        foreach (var shift in new[] { [4, 4, 4, 4, 5, 4, 4, 4], [4, 4, 4, 3, 5, 4, 4, 4], [4, 3, 4, 4, 4, 3, 4, 4], [3, 4, 4, 3, 4, 4, 3, 4], new[] { 3, 4, 3, 4, 4, 3, 4, 3 } })
        {
            rounds.Add(Round(++month, 4, shift));
            drift = Check(Phase.Execution, rounds).Alerts.FirstOrDefault(a => a.Kind == AlertKind.SlowRelationalDrift);
            if (drift is not null) break;
        }

        Assert.NotNull(drift);
        Assert.True(drift.Evidence.Ewma < drift.Evidence.EwmaLimit);
        Assert.True(drift.Evidence.Drop >= 0.4);
        Assert.InRange(drift.Evidence.BaselineRounds!.Value, 3, 6);
        Assert.Contains("EWMA", drift.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void APhaseChangeResetsTheBaseline()
    {
        var rounds = StableThenRound([3, 3, 2, 3, 4, 3, 3, 2, 3, 3]);
        var history = new PhaseHistory([new PhaseChange(Phase.GettingAcquainted, Start), new PhaseChange(Phase.Confirmation, Start.AddMonths(3))]);

        var report = HealthCheck.Evaluate(history, rounds, TrustOptions.Default, Language.En);

        Assert.DoesNotContain(report.Alerts, a => a.Kind is AlertKind.FastRelationalDrop or AlertKind.SlowRelationalDrift or AlertKind.RelationalWatch);
        // Rounds 3, 4 and 5 closed after the change: the drop round has only two earlier rounds in its phase.
        Assert.Equal(3, report.Missing.ValidRounds);
        Assert.Equal(1, report.Missing.RoundsNeededForAlerts);
        Assert.Equal(Phase.GettingAcquainted, report.Trend[0].Phase);
        Assert.Equal(Phase.Confirmation, report.Trend[^1].Phase);
    }

    [Fact]
    public void CalculativeBelowTheFloorInExecutionRaisesTheFloorAlert()
    {
        RoundData[] low = [.. Enumerable.Range(1, 3).Select(m => Round(m, [.. Group("A", 6, [2, 3], [4, 5])]))];
        var report = Check(Phase.Execution, low);
        var floor = Assert.Single(report.Alerts, a => a.Kind == AlertKind.CalculativeFloor);
        Assert.Equal(2.5, floor.Evidence.CurrentMean!.Value, 10);
        Assert.Equal(3, floor.Evidence.Rounds);
        Assert.Equal(3.0, floor.Evidence.Threshold);
        Assert.True(floor.Evidence.Interval!.High < 3.0);
        Assert.DoesNotContain(Check(Phase.Confirmation, low).Alerts, a => a.Kind == AlertKind.CalculativeFloor);
    }

    [Fact]
    public void AsymmetryBetweenVisiblePartnersRaisesAnAlert()
    {
        RoundData Gap(int month) => Round(month, [.. Group("Acme", 10, [4], [5, 4]), .. Group("Globex", 10, [4], [3, 2, 3])]);
        var report = Check(Phase.Confirmation, [Gap(1), Gap(2)]);

        var asymmetry = Assert.Single(report.Alerts, a => a.Kind == AlertKind.PartnerAsymmetry);
        Assert.Equal(Dimension.Relational, asymmetry.Evidence.Dimension);
        Assert.Equal("Acme", asymmetry.Evidence.HigherPartner);
        Assert.Equal("Globex", asymmetry.Evidence.LowerPartner);
        Assert.Equal(2, asymmetry.Evidence.Rounds);
        Assert.True(asymmetry.Evidence.P < 0.01 / 2);
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.PartnerAsymmetry);
    }

    /// <summary>
    /// Below 2k answers a card shows no interval and no t, df or p: with the mean and n shown, they would give the
    /// standard deviation away (issue 12, finding 5). The decision itself is unchanged.
    /// </summary>
    [Fact]
    public void SmallGroupsShowNoSpreadInAlerts()
    {
        var floor = Assert.Single(Check(Phase.Execution, [Round(1, [.. Group("A", 6, [1, 2], [4, 5])])]).Alerts, a => a.Kind == AlertKind.CalculativeFloor);
        Assert.Null(floor.Evidence.Interval);
        Assert.DoesNotContain("CI", floor.Text, StringComparison.Ordinal);

        int[] noisy = [5, 3, 4, 5, 3];
        var watch = Assert.Single(Check(Phase.Confirmation, [Round(1, 4, noisy), Round(2, 4, noisy), Round(3, 4, noisy), Round(4, 4, [4, 3, 2, 5, 4])]).Alerts);
        Assert.Equal(AlertKind.RelationalWatch, watch.Kind);
        Assert.Equal(0.4, watch.Evidence.Drop!.Value, 10);
        Assert.Null(watch.Evidence.P);
        Assert.Null(watch.Evidence.T);
        Assert.Null(watch.Evidence.Interval);
        Assert.DoesNotContain("CI", watch.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("p =", watch.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("p <", watch.Text, StringComparison.Ordinal);

        RoundData Gap(int month) => Round(month, [.. Group("Acme", 8, [4], [5, 4]), .. Group("Globex", 6, [4], [3, 2, 3])]);
        var asymmetry = Assert.Single(Check(Phase.Confirmation, [Gap(1), Gap(2)]).Alerts, a => a.Kind == AlertKind.PartnerAsymmetry);
        Assert.Null(asymmetry.Evidence.T);
        Assert.Null(asymmetry.Evidence.Interval);
        Assert.DoesNotContain("Welch", asymmetry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AsymmetryIsNeverComputedFromAHiddenPartner()
    {
        var report = Check(Phase.Confirmation, [Round(1, [.. Group("Acme", 8, [4], [5, 4]), .. Group("Globex", 3, [4], [1])])]);
        Assert.DoesNotContain(report.Alerts, a => a.Kind == AlertKind.PartnerAsymmetry);
    }

    [Fact]
    public void FallingParticipationRaisesAnAlert()
    {
        var rounds = new List<RoundData> { Round(1, 4, Stable), Round(2, 4, Stable), Round(3, [.. Group("A", 6, [4], [4])], invited: 12) };

        var participation = Assert.Single(Check(Phase.Confirmation, rounds).Alerts, a => a.Kind == AlertKind.ParticipationFalling);

        Assert.Equal(0.5, participation.Evidence.ParticipationRate!.Value, 10);
        Assert.Equal(1.0, participation.Evidence.BaselineParticipationRate!.Value, 10);
        Assert.Contains("50%", participation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ParticipationBelowTheFloorRaisesAnAlertEvenWithoutHistory()
    {
        var alert = Assert.Single(Check(Phase.Confirmation, [Round(1, [.. Group("A", 5, [4], [4])], invited: 20)]).Alerts);
        Assert.Equal(AlertKind.ParticipationFalling, alert.Kind);
        Assert.Null(alert.Evidence.BaselineParticipationRate);
    }

    [Fact]
    public void LargerAlliancesCanDetectSmallerDrops()
    {
        double Detectable(int n) => Check(Phase.Confirmation, Enumerable.Range(1, 4).Select(m => Round(m, [.. Group("A", n, [4], [3, 4, 5])]))).MinimalDetectableDrop;

        var small = Detectable(6);
        var large = Detectable(60);
        Assert.True(small > large);
        Assert.True(small > 0.8);

        // Never below the minimum drop plus the power margin; the between-round variance keeps even 60 people above 0.4.
        Assert.True(large > 0.4 && large < 0.8);
    }

    [Fact]
    public void AlertsAreNotRaisedOnARoundThatCannotBeShown()
    {
        var report = Check(Phase.Execution, [.. Enumerable.Range(1, 4).Select(m => Round(m, 4, Stable)), Round(5, 1, [1, 1, 1])]);
        Assert.DoesNotContain(report.Alerts, a => a.Kind is AlertKind.FastRelationalDrop or AlertKind.CalculativeFloor or AlertKind.RelationalWatch);
        Assert.Equal(2, report.Missing.AnswersNeededInLatestRound);
    }
}
