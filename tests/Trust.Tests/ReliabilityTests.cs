using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust.Tests;

/// <summary>Cronbach's α per dimension: the formula, when a round stores it, and the managers' warning below 0.7.</summary>
public sealed class ReliabilityTests
{
    [Fact]
    public void CronbachAlphaMatchesTheTextbookFormulaComputedExactly()
    {
        // 3 items × 6 people; k/(k−1)·(1 − Σs²ᵢ/s²ₜ) in exact fractions = 225/257.
        double[][] rows = [[4, 5, 4], [3, 3, 2], [5, 4, 5], [2, 3, 3], [4, 4, 3], [3, 2, 2]];
        Assert.Equal(225.0 / 257.0, Reliability.CronbachAlpha(rows)!.Value, 12);
    }

    [Fact]
    public void CronbachAlphaIsUndefinedForOneItemOnePersonOrNoSpread()
    {
        Assert.Null(Reliability.CronbachAlpha([[4.0], [3.0], [2.0]]));
        Assert.Null(Reliability.CronbachAlpha([[4.0, 3.0]]));
        Assert.Null(Reliability.CronbachAlpha([[3.0, 3.0], [3.0, 3.0], [3.0, 3.0]]));
    }

    [Fact]
    public void AFullRoundFreezesAlphaPerDimensionFromThePeopleWhoAnsweredEveryItem()
    {
        var frozen = RoundSnapshot.Freeze(FullRound(0, 8, consistent: true), new AnonymityOptions(), Build.Bank);

        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var cell = frozen.Cell(RoundSnapshot.All, RoundSnapshot.AlphaPrefix + RoundSnapshot.Measure(dimension));
            Assert.NotNull(cell);
            Assert.True(cell.Shown);
            Assert.Equal(8, cell.N);
            Assert.Equal(Expected(FullRound(0, 8, consistent: true), dimension), cell.Mean!.Value, 12);
            Assert.Null(cell.StandardDeviation);
        }
    }

    [Fact]
    public void NoAlphaIsStoredBelowKOrInARoundThatDidNotAskEveryItem()
    {
        var small = RoundSnapshot.Freeze(FullRound(0, 4, consistent: true), new AnonymityOptions(), Build.Bank);
        Assert.DoesNotContain(small.Cells, c => c.Measure.StartsWith(RoundSnapshot.AlphaPrefix, StringComparison.Ordinal));

        var full = FullRound(0, 8, consistent: true);
        var oneItemLess = full with { Answers = [.. full.Answers.Where(a => a.ItemId != Build.Bank.Rotating.First(i => i.Dimension == Dimension.Relational).Id)] };
        var partial = RoundSnapshot.Freeze(oneItemLess, new AnonymityOptions(), Build.Bank);
        Assert.Null(partial.Cell(RoundSnapshot.All, RoundSnapshot.AlphaPrefix + RoundSnapshot.Relational));
        Assert.NotNull(partial.Cell(RoundSnapshot.All, RoundSnapshot.AlphaPrefix + RoundSnapshot.Calculative));

        var anchorsOnly = RoundSnapshot.Freeze(Build.Round(0, Build.Group("A", 8, [3, 4, 5], [4, 5])), new AnonymityOptions(), Build.Bank);
        Assert.DoesNotContain(anchorsOnly.Cells, c => c.Measure.StartsWith(RoundSnapshot.AlphaPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void ManagersAreWarnedWhenTheLatestFullRoundsAlphaIsBelowTheFloor()
    {
        var consistent = Build.Check(Phase.Confirmation, [FullRound(0, 8, consistent: true), Build.Round(1, Build.Group("A", 8, [3, 4], [4, 5]))]);
        Assert.Equal(2, consistent.Reliability.Count);
        Assert.All(consistent.Reliability, r => Assert.True(r.Alpha >= 0.7, $"{r.Dimension} α {r.Alpha}"));
        Assert.Empty(consistent.LowReliability);
        Assert.All(consistent.Reliability, r => Assert.Equal("round-0", r.RoundId));

        var loose = Build.Check(Phase.Confirmation, [FullRound(0, 8, consistent: true), FullRound(1, 30, consistent: false)]);
        Assert.Equal([Dimension.Calculative, Dimension.Relational], loose.LowReliability.Select(r => r.Dimension));
        Assert.All(loose.LowReliability, r => Assert.Equal("round-1", r.RoundId));
        Assert.All(loose.LowReliability, r => Assert.True(r.Alpha <= r.UpperBound && r.UpperBound < 0.7));

        // The floor is the setting: just above the consistent round's upper bounds, both dimensions are warned about.
        var floor = consistent.Reliability.Max(r => r.UpperBound) + 0.001;
        var stricter = Build.Check(Phase.Confirmation, [FullRound(0, 8, consistent: true)],
            options: TrustOptions.Default with { Alerts = TrustOptions.Default.Alerts with { MinimumReliability = floor } });
        Assert.Equal(2, stricter.LowReliability.Count);
    }

    [Theory]
    [InlineData(0.95, 5, 10, 3.3258)]
    [InlineData(0.95, 2, 20, 3.4928)]
    [InlineData(0.99, 4, 30, 4.0179)]
    public void FQuantilesMatchThePublishedTables(double p, double d1, double d2, double expected)
    {
        Assert.Equal(expected, FDistribution.Quantile(p, d1, d2), 3);
        Assert.Equal(p, FDistribution.Cdf(expected, d1, d2), 4);
    }

    [Fact]
    public void FeldtsUpperBoundStandsAboveTheEstimateAndNarrowsWithMorePeople()
    {
        // 1 − (1 − 0.6)·F_0.05(n − 1, (n − 1)(k − 1)); F_0.05 = 1/F_0.95 with the degrees of freedom swapped.
        var expected = 1 - 0.4 / FDistribution.Quantile(0.95, 7 * 7, 7);
        Assert.Equal(expected, Reliability.AlphaUpperBound(0.6, 8, 8), 9);
        Assert.True(Reliability.AlphaUpperBound(0.6, 8, 8) > Reliability.AlphaUpperBound(0.6, 40, 8));
        Assert.True(Reliability.AlphaUpperBound(0.6, 40, 8) > 0.6);
    }

    [Fact]
    public void AnEstimateJustBelowTheFloorFromFewPeopleIsNoWarning()
    {
        // α̂ 0.65 from 8 people over 8 items: the upper bound is far above 0.7, so the data do not show a problem.
        var round = FullRound(0, 8, consistent: true);
        var report = Build.Check(Phase.Confirmation, [round], options: TrustOptions.Default with { Alerts = TrustOptions.Default.Alerts with { MinimumReliability = 0.7 } });
        Assert.All(report.Reliability, r => Assert.True(r.UpperBound > r.Alpha));
        Assert.True(Reliability.AlphaUpperBound(0.65, 8, 8) > 0.7);
    }

    [Fact]
    public void TheFloorMustBeAProportion()
    {
        var bad = TrustOptions.Default with { Alerts = TrustOptions.Default.Alerts with { MinimumReliability = 1.2 } };
        Assert.Contains(bad.Problems(), p => p.Contains("MinimumReliability", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every bank item answered by n people of partner "A". Consistent: a person's level (2–5) plus a small item
    /// wobble, so items agree; loose: every answer drawn on its own (seeded), so they do not.
    /// </summary>
    internal static RoundData FullRound(int month, int n, bool consistent)
    {
        var items = Build.Bank.Items.ToList();
        var answers = new List<Answer>();
        var random = new Random(42 + month);
        for (var person = 0; person < n; person++)
        {
            for (var j = 0; j < items.Count; j++)
            {
                var value = consistent
                    ? Math.Clamp(2 + person % 4 + (j + person) % 3 / 2, 1, 5)
                    : random.Next(1, 6);
                answers.Add(new Answer($"m{month}-r{person}", "A", items[j].Id, value));
            }
        }

        return new RoundData($"round-{month}", Build.Start.AddMonths(month).AddDays(20), n, answers);
    }

    private static double Expected(RoundData round, Dimension dimension)
    {
        var ids = Build.Bank.Items.Where(i => i.Dimension == dimension).Select(i => i.Id).ToArray();
        var rows = round.Answers.GroupBy(a => a.RespondentKey)
            .Select(g => ids.Select(id => (double)g.Single(a => a.ItemId == id).Value).ToArray()).ToList();
        return Reliability.CronbachAlpha(rows)!.Value;
    }
}
