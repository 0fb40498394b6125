using static AllianceBot.Trust.Tests.Build;

namespace AllianceBot.Trust.Tests;

public class DisclosureTests
{
    private static readonly AnonymityOptions K5 = new();

    [Fact]
    public void NothingIsShownBelowKOverall()
    {
        var disclosed = Disclosure.Apply(RoundScorer.Score(Round(1, Group("A", 4, [4], [4])), Bank), K5);
        Assert.Null(disclosed.Calculative);
        Assert.Null(disclosed.Relational);
        Assert.False(disclosed.ScoresVisible);
        Assert.All(disclosed.Partners, p => Assert.True(p.Hidden));
    }

    [Fact]
    public void ASmallPartnerIsHiddenTogetherWithTheNextSmallest()
    {
        var round = Round(1, [.. Group("A", 12, [4], [4]), .. Group("B", 6, [3], [3]), .. Group("C", 2, [1], [1])]);

        var disclosed = Disclosure.Apply(RoundScorer.Score(round, Bank), K5);

        Assert.NotNull(disclosed.Calculative);
        Assert.False(disclosed.Partners.Single(p => p.PartnerId == "A").Hidden);
        Assert.True(disclosed.Partners.Single(p => p.PartnerId == "B").Hidden);
        Assert.True(disclosed.Partners.Single(p => p.PartnerId == "C").Hidden);
        Assert.Null(disclosed.Partners.Single(p => p.PartnerId == "C").Respondents);
    }

    [Fact]
    public void HidingContinuesUntilTheHiddenSlicesHoldKPeople()
    {
        var decision = Disclosure.Decide(32, new Dictionary<string, int> { ["A"] = 1, ["B"] = 1, ["C"] = 10, ["D"] = 20 }, 5);
        Assert.Equal(["D"], decision.Visible);
        Assert.Equal(new HashSet<string> { "A", "B", "C" }, decision.Hidden);
    }

    [Fact]
    public void EmptySlicesDoNotForceOthersIntoHiding()
    {
        var decision = Disclosure.Decide(14, new Dictionary<string, int> { ["A"] = 6, ["B"] = 8, ["C"] = 0 }, 5);
        Assert.Equal(new HashSet<string> { "A", "B" }, decision.Visible);
    }

    [Fact]
    public void CommentsNeedTheirOwnThreshold()
    {
        var nine = Disclosure.Apply(RoundScorer.Score(Round(1, Group("A", 12, [4], [4]), comments: 9), Bank), K5);
        var ten = Disclosure.Apply(RoundScorer.Score(Round(1, Group("A", 12, [4], [4]), comments: 10), Bank), K5);
        Assert.False(nine.CommentsVisible);
        Assert.Null(nine.Comments);
        Assert.True(ten.CommentsVisible);
        Assert.Equal(10, ten.Comments);
    }

    [Fact]
    public void AHigherKHidesMore()
    {
        var score = RoundScorer.Score(Round(1, Group("A", 7, [4], [4])), Bank);
        Assert.True(Disclosure.Apply(score, new AnonymityOptions { MinRespondents = 7 }).ScoresVisible);
        Assert.False(Disclosure.Apply(score, new AnonymityOptions { MinRespondents = 8, MinComments = 10 }).ScoresVisible);
    }

    [Fact]
    public void FacetsBelowKAreHidden()
    {
        var answers = Enumerable.Range(0, 6).SelectMany(i => new[] { new Answer($"r{i}", "A", CalcAnchor, 4), new Answer($"r{i}", "A", RelAnchor, 4) })
            .Append(new Answer("r0", "A", "rel.bond.personal", 5)).ToList();
        var disclosed = Disclosure.Apply(RoundScorer.Score(new RoundData("r", Start, 6, answers), Bank), K5);
        Assert.Empty(disclosed.Facets);
        Assert.True(disclosed.ScoresVisible);
    }
}
