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

    [Fact]
    public void AnchorFacetCorrelationMatchesTheHandComputedValue()
    {
        // Anchor = column 0: x = 4,3,5,2,4,3; facet means y = 4.5,2.5,4.5,3,3.5,2. Σ(x−x̄)(y−ȳ) = 4, Σ(x−x̄)² = 11/2,
        // Σ(y−ȳ)² = 16/3, so r = 4/√(88/3) = √(6/11) exactly.
        double[][] rows = [[4, 5, 4], [3, 3, 2], [5, 4, 5], [2, 3, 3], [4, 4, 3], [3, 2, 2]];
        Assert.Equal(Math.Sqrt(6.0 / 11.0), Reliability.AnchorFacetCorrelation(rows, 0)!.Value, 12);
        // Anchor = column 2: x = 4,2,5,3,3,2; y = 4.5,3,4.5,2.5,4,2.5. Σ(x−x̄)(y−ȳ) = 9/2, Σ(x−x̄)² = 41/6, Σ(y−ȳ)² = 9/2,
        // so r² = (81/4)/(369/12) = 27/41.
        Assert.Equal(Math.Sqrt(27.0 / 41.0), Reliability.AnchorFacetCorrelation(rows, 2)!.Value, 12);
    }

    [Fact]
    public void AnchorFacetCorrelationMatchesAnIndependentReference()
    {
        // Reference: Python 3.11's statistics.correlation (its own implementation), run on these rows:
        //   x = [r[a] for r in rows]; y = [(sum(r) - r[a]) / 4 for r in rows]; statistics.correlation(x, y)
        double[][] rows =
        [
            [3, 3, 2, 2, 2], [2, 2, 2, 1, 5], [2, 3, 1, 4, 2], [5, 1, 3, 2, 1], [3, 4, 4, 2, 3],
            [3, 2, 4, 5, 5], [4, 3, 4, 3, 1], [3, 5, 3, 4, 5], [5, 2, 4, 4, 5], [2, 3, 2, 2, 5],
        ];
        Assert.Equal(-0.030283570532010914, Reliability.AnchorFacetCorrelation(rows, 0)!.Value, 12);
        Assert.Equal(0.39799989955955944, Reliability.AnchorFacetCorrelation(rows, 3)!.Value, 12);
    }

    [Fact]
    public void AnchorFacetCorrelationIsUndefinedWithoutSpreadOrWithTooFewPeople()
    {
        Assert.Null(Reliability.AnchorFacetCorrelation([[4.0, 3, 2], [3.0, 4, 5]], 0));
        Assert.Null(Reliability.AnchorFacetCorrelation([[4.0], [3.0], [2.0]], 0));
        Assert.Null(Reliability.AnchorFacetCorrelation([[4.0, 3, 2], [4.0, 4, 5], [4.0, 1, 2]], 0));
        Assert.Null(Reliability.AnchorFacetCorrelation([[1.0, 3, 3], [4.0, 4, 2], [5.0, 1, 5]], 0));
        Assert.Null(Reliability.AnchorFacetCorrelation([[1.0, 3, 3], [4.0, 4, 2], [5.0, 1, 5]], 3));
    }

    [Theory]
    // Fisher's z by hand: atanh(0.45) = 0.48470, z_0.95 = 1.64485 (published normal table); n = 40 → ±0.27041;
    // tanh(0.21429) = 0.21107, tanh(0.75511) = 0.63819. n = 8 → ±0.73560: tanh(−0.25090) = −0.24577, tanh(1.22030) = 0.83974.
    [InlineData(0.45, 40, 0.21107, 0.63819)]
    [InlineData(0.45, 8, -0.24577, 0.83974)]
    public void CorrelationBoundsAreFishersZ(double r, int people, double lower, double upper)
    {
        var (low, high) = Reliability.CorrelationBounds(r, people);
        Assert.Equal(lower, low, 4);
        Assert.Equal(upper, high, 4);
    }

    [Theory]
    // Upper bound below 0.3 → weak; lower bound at or above 0.3 → clear; otherwise not clear yet (bounds as above).
    [InlineData(0.05, 60, AnchorAgreement.Weak)]
    [InlineData(0.45, 8, AnchorAgreement.NotClearYet)]
    [InlineData(0.45, 40, AnchorAgreement.NotClearYet)]
    [InlineData(0.60, 40, AnchorAgreement.Clear)]
    [InlineData(-0.20, 15, AnchorAgreement.Weak)]
    [InlineData(0.10, 15, AnchorAgreement.NotClearYet)]
    public void TheAnchorIsCalledWeakOnlyWhenEvenItsUpperBoundIsBelowPointThree(double r, int people, AnchorAgreement expected)
    {
        var reliability = new DimensionReliability(Dimension.Calculative, 0.8, people, 10, 0.9, "round-0", r);
        Assert.Equal(expected, reliability.Agreement);
        Assert.Null((reliability with { AnchorFacets = null }).Agreement);
    }

    [Fact]
    public void AFullRoundFreezesTheAnchorFacetCorrelationOverThePeopleWhoAnsweredEveryItem()
    {
        // 10 people; three of them skip one item of the calculative dimension (one the anchor), so r stands on 7 complete
        // rows (listwise) — the same people as α. Answers: person level plus an item wobble, anchor off by person.
        var items = Build.Bank.Items.Where(i => i.Dimension == Dimension.Calculative).ToList();
        var anchor = Build.Bank.Anchor(Dimension.Calculative).Id;
        var answers = new List<Answer>();
        var complete = new List<(double Anchor, double Facets)>();
        for (var person = 0; person < 10; person++)
        {
            var values = items.Select((item, j) => item.Id == anchor ? 1 + (person * 3 % 5) : Math.Clamp(2 + person % 4 + (j + person) % 3 / 2, 1, 5)).ToList();
            var skipped = person switch { 2 => anchor, 5 => items[3].Id, 8 => items[^1].Id, _ => null };
            answers.AddRange(items.Select((item, j) => new Answer($"r{person}", "A", item.Id, values[j])).Where(a => a.ItemId != skipped));
            if (skipped is null)
            {
                var a = values[items.FindIndex(i => i.Id == anchor)];
                complete.Add((a, (values.Sum() - a) / (double)(items.Count - 1)));
            }
        }

        var frozen = RoundSnapshot.Freeze(new RoundData("round-0", Build.Start.AddDays(20), 10, answers), new AnonymityOptions(), Build.Bank);

        var cell = frozen.Cell(RoundSnapshot.All, RoundSnapshot.AnchorFacetsPrefix + RoundSnapshot.Calculative);
        Assert.NotNull(cell);
        Assert.Equal(7, cell.N);
        Assert.True(cell.Shown);
        Assert.Null(cell.StandardDeviation);
        Assert.Equal(Pearson(complete), cell.Mean!.Value, 12);
        Assert.Equal(frozen.Cell(RoundSnapshot.All, RoundSnapshot.AlphaPrefix + RoundSnapshot.Calculative)!.N, cell.N);
        // Not a round that asked the relational items: nothing stored for that dimension.
        Assert.Null(frozen.Cell(RoundSnapshot.All, RoundSnapshot.AnchorFacetsPrefix + RoundSnapshot.Relational));

        var latest = Assert.Single(RoundSnapshot.LatestReliability([frozen]));
        Assert.Equal(cell.Mean, latest.AnchorFacets);
    }

    [Fact]
    public void NoAnchorFacetCorrelationFromFewerThanKCompletePeople()
    {
        // 8 people answered (≥ k = 5), but only 4 answered every calculative item: α and r would describe 4 people.
        var full = FullRound(0, 8, consistent: true);
        var skip = Build.Bank.Rotating.First(i => i.Dimension == Dimension.Calculative).Id;
        var round = full with { Answers = [.. full.Answers.Where(a => !(a.ItemId == skip && a.RespondentKey is "m0-r0" or "m0-r1" or "m0-r2" or "m0-r3"))] };

        var frozen = RoundSnapshot.Freeze(round, new AnonymityOptions(), Build.Bank);

        Assert.Null(frozen.Cell(RoundSnapshot.All, RoundSnapshot.AnchorFacetsPrefix + RoundSnapshot.Calculative));
        Assert.Null(frozen.Cell(RoundSnapshot.All, RoundSnapshot.AlphaPrefix + RoundSnapshot.Calculative));
        Assert.NotNull(frozen.Cell(RoundSnapshot.All, RoundSnapshot.AnchorFacetsPrefix + RoundSnapshot.Relational));
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

    /// <summary>Pearson's r written out in the test, independent of the production code.</summary>
    private static double Pearson(IReadOnlyList<(double X, double Y)> pairs)
    {
        var mx = pairs.Average(p => p.X);
        var my = pairs.Average(p => p.Y);
        var sxy = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        var sxx = pairs.Sum(p => (p.X - mx) * (p.X - mx));
        var syy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        return sxy / Math.Sqrt(sxx * syy);
    }

    private static double Expected(RoundData round, Dimension dimension)
    {
        var ids = Build.Bank.Items.Where(i => i.Dimension == dimension).Select(i => i.Id).ToArray();
        var rows = round.Answers.GroupBy(a => a.RespondentKey)
            .Select(g => ids.Select(id => (double)g.Single(a => a.ItemId == id).Value).ToArray()).ToList();
        return Reliability.CronbachAlpha(rows)!.Value;
    }
}
