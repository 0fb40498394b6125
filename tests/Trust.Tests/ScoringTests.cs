using MathNetT = MathNet.Numerics.Distributions.StudentT;
using static AllianceBot.Trust.Tests.Build;

namespace AllianceBot.Trust.Tests;

public class ScoringTests
{
    [Fact]
    public void AnchorScoresHaveMeanNSdAndStudentTInterval()
    {
        var round = Round(1, [P("A", 4, 5), P("A", 3, 4), P("B", 4, 3), P("B", 5, 4), P("B", 3, 4)], invited: 8);

        var score = RoundScorer.Score(round, Bank);

        Assert.Equal(3.8, score.Calculative!.Mean, 12);
        Assert.Equal(5, score.Calculative.N);
        Assert.Equal(Math.Sqrt(0.7), score.Calculative.StandardDeviation!.Value, 12);
        var half = MathNetT.InvCDF(0, 1, 4, 0.975) * Math.Sqrt(0.7) / Math.Sqrt(5);
        Assert.Equal(3.8 - half, score.Calculative.Interval!.Low, 9);
        Assert.Equal(Math.Min(5, 3.8 + half), score.Calculative.Interval.High, 9);
        Assert.Equal(4.0, score.Relational!.Mean, 12);
        Assert.Equal(0.2, score.Balance!.Value, 12);
        Assert.Equal(5.0 / 8, score.ParticipationRate, 12);
    }

    [Fact]
    public void PartnersAreScoredSeparately()
    {
        var round = Round(1, [P("A", 4, 5), P("A", 2, 4), P("B", 4, 3)]) with { InvitedByPartner = new Dictionary<string, int> { ["A"] = 4, ["B"] = 2, ["C"] = 3 } };

        var partners = RoundScorer.Score(round, Bank).Partners;

        Assert.Equal(["A", "B", "C"], partners.Select(p => p.PartnerId));
        Assert.Equal(3.0, partners[0].Calculative!.Mean, 12);
        Assert.Equal(1.5, partners[0].Balance!.Value, 12);
        Assert.Equal(0.5, partners[0].ParticipationRate!.Value, 12);
        Assert.Equal(0, partners[2].Respondents);
        Assert.Null(partners[2].Relational);
    }

    [Fact]
    public void RotatingItemsFeedFacetsAndNCountsPeopleNotAnswers()
    {
        var answers = new List<Answer>
        {
            new("r1", "A", CalcAnchor, 4), new("r1", "A", "rel.bond.personal", 5), new("r1", "A", "rel.bond.loyalty", 3),
            new("r2", "A", CalcAnchor, 2), new("r2", "A", "rel.bond.personal", 2),
        };
        var score = RoundScorer.Score(new RoundData("r", Start, 2, answers), Bank);

        var bond = Assert.Single(score.Facets);
        Assert.Equal(Facet.Bond, bond.Facet);
        Assert.Equal(2, bond.Score.N);
        Assert.Equal((4.0 + 2.0) / 2, bond.Score.Mean, 12);
        Assert.Null(score.Relational);
        Assert.Null(score.Balance);
        Assert.Equal(2, score.Respondents);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-3)]
    public void ValuesOutsideTheScaleAreRefusedWithATypedError(int value)
    {
        var round = new RoundData("r9", Start, 3, [new Answer("r1", "A", CalcAnchor, value)]);
        var error = Assert.Throws<AnswerException>(() => RoundScorer.Score(round, Bank));
        Assert.Equal(AnswerProblem.ValueOutOfRange, error.Problem);
        Assert.Equal("r9", error.RoundId);
        Assert.Contains("run from 1 to 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownItemsDuplicatesAndImpossibleCountsAreRefused()
    {
        AnswerProblem Problem(RoundData r) => Assert.Throws<AnswerException>(() => RoundScorer.Score(r, Bank)).Problem;

        Assert.Equal(AnswerProblem.UnknownItem, Problem(new RoundData("r", Start, 3, [new Answer("r1", "A", "nope", 3)])));
        Assert.Equal(AnswerProblem.DuplicateAnswer, Problem(new RoundData("r", Start, 3, [new Answer("r1", "A", CalcAnchor, 3), new Answer("r1", "A", CalcAnchor, 4)])));
        Assert.Equal(AnswerProblem.RespondentInTwoPartners, Problem(new RoundData("r", Start, 3, [new Answer("r1", "A", CalcAnchor, 3), new Answer("r1", "B", RelAnchor, 4)])));
        Assert.Equal(AnswerProblem.MoreRespondentsThanInvited, Problem(Round(1, [P("A", 3, 3), P("A", 3, 3)], invited: 1)));
        Assert.Equal(AnswerProblem.MissingKey, Problem(new RoundData("r", Start, 3, [new Answer("", "A", CalcAnchor, 3)])));
        Assert.Equal(AnswerProblem.NegativeCount, Problem(new RoundData("r", Start, -1, [])));
    }

    [Fact]
    public void AnEmptyRoundScoresWithoutNumbers()
    {
        var score = RoundScorer.Score(new RoundData("r", Start, 10, []), Bank);
        Assert.Null(score.Calculative);
        Assert.Equal(0, score.ParticipationRate);
    }
}
