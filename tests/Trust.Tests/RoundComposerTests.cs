namespace AllianceBot.Trust.Tests;

public class RoundComposerTests
{
    private static readonly ItemBank Bank = ItemBank.Default;

    private static List<RoundPlan> Run(int seed, int rounds, int count)
    {
        var plans = new List<RoundPlan>();
        IReadOnlyCollection<string> previous = [];
        for (var i = 0; i < rounds; i++)
        {
            var plan = RoundComposer.Compose(Bank, new RoundRequest(seed, i, previous), new RoundOptions { RotatingItems = count });
            plans.Add(plan);
            previous = plan.RotatingIds;
        }

        return plans;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void EveryRoundAsksBothAnchorsAndTheConfiguredNumberOfRotatingItems(int count) =>
        Assert.All(Run(11, 30, count), plan =>
        {
            Assert.Equal([Bank.Anchor(Dimension.Calculative), Bank.Anchor(Dimension.Relational)], plan.Anchors);
            Assert.Equal(count, plan.RotatingIds.Count);
            Assert.Equal(count, plan.RotatingIds.Distinct().Count());
        });

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void NoRotatingItemIsAskedTwiceInARow(int count)
    {
        var plans = Run(5, 60, count);
        for (var i = 1; i < plans.Count; i++)
            Assert.Empty(plans[i].RotatingIds.Intersect(plans[i - 1].RotatingIds));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryItemComesBackWithinOneCycle(int count)
    {
        var rotating = Bank.Rotating.Count();
        var cycle = (rotating + count - 1) / count;
        var plans = Run(99, cycle * 4, count);
        for (var start = 0; start + cycle <= plans.Count; start++)
        {
            var asked = plans.Skip(start).Take(cycle).SelectMany(p => p.RotatingIds).ToHashSet();
            Assert.Equal(rotating, asked.Count);
        }
    }

    [Fact]
    public void SameSeedGivesTheSameRoundsAndAnotherSeedAnotherOrder()
    {
        var first = Run(42, 14, 1).Select(p => p.RotatingIds[0]).ToList();
        Assert.Equal(first, Run(42, 14, 1).Select(p => p.RotatingIds[0]));
        Assert.NotEqual(first, Run(43, 14, 1).Select(p => p.RotatingIds[0]));
    }

    [Fact]
    public void OneRotatingItemAlternatesBetweenDimensions()
    {
        var dimensions = Run(3, 8, 1).Select(p => Bank[p.RotatingIds[0]].Dimension).ToList();
        for (var i = 1; i < dimensions.Count; i++) Assert.NotEqual(dimensions[i - 1], dimensions[i]);
    }

    [Fact]
    public void PreviousItemsAreSkippedEvenAfterTheCountChanged()
    {
        var previous = Run(8, 1, 4)[0].RotatingIds;
        var next = RoundComposer.Compose(Bank, new RoundRequest(8, 1, previous), new RoundOptions { RotatingItems = 2 });
        Assert.Empty(next.RotatingIds.Intersect(previous));
    }

    [Fact]
    public void AFullRoundAsksTheWholeBank()
    {
        var plan = RoundComposer.Compose(Bank, new RoundRequest(1, 5, [], Full: true), new RoundOptions());
        Assert.True(plan.Full);
        Assert.Equal(Bank.Items.Count, plan.Items.Count);
        Assert.Equal(Bank.Items.ToHashSet(), plan.Items.ToHashSet());
    }

    [Fact]
    public void AnOutOfRangeCountIsRefused()
    {
        var error = Assert.Throws<TrustOptionsException>(() => RoundComposer.Compose(Bank, new RoundRequest(1, 0, []), new RoundOptions { RotatingItems = 5 }));
        Assert.Contains("between 0 and 4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void TheRoundAfterAFullRoundStillAsksTheConfiguredNumberOfRotatingItems(int count)
    {
        var full = RoundComposer.Compose(Bank, new RoundRequest(7, 2, [], Full: true), new RoundOptions { RotatingItems = count });
        var next = RoundComposer.Compose(Bank, new RoundRequest(7, 3, full.RotatingIds), new RoundOptions { RotatingItems = count });
        Assert.Equal(count, next.RotatingIds.Count);
        Assert.Equal(count, next.RotatingIds.Distinct().Count());
    }
}
