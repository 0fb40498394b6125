using static AllianceBot.Trust.Tests.Build;

namespace AllianceBot.Trust.Tests;

public class OptionsTests
{
    [Fact]
    public void DefaultsFollowTheDesign()
    {
        var o = TrustOptions.Default;
        Assert.Empty(o.Problems());
        Assert.Equal((0.005, 0.4, 3, 6, 0.2, 2.2), (o.Alerts.FastDropAlpha, o.Alerts.MinimumDrop, o.Alerts.BaselineMinRounds, o.Alerts.BaselineMaxRounds, o.Alerts.EwmaLambda, o.Alerts.EwmaLimit));
        Assert.Equal((0.15, 0.01, 2, 0.88), (o.Alerts.MinimumRoundSd, o.Alerts.AsymmetryAlpha, o.Alerts.AsymmetryRounds, o.Alerts.Power));
        Assert.Equal((5, 10, 1), (o.Anonymity.MinRespondents, o.Anonymity.MinComments, o.Rounds.RotatingItems));
    }

    [Theory]
    [InlineData(2, "Anonymity.MinRespondents (k) must be between 3 and 25 (was 2).")]
    [InlineData(26, "Anonymity.MinRespondents (k) must be between 3 and 25 (was 26).")]
    public void KOutsideThreeToTwentyFiveIsRefused(int k, string message)
    {
        var options = TrustOptions.Default with { Anonymity = new AnonymityOptions { MinRespondents = k, MinComments = 30 } };
        var error = Assert.Throws<TrustOptionsException>(() => options.Validate());
        Assert.Equal([message], error.Problems);
    }

    [Fact]
    public void EveryProblemIsListed()
    {
        var options = new TrustOptions
        {
            Alerts = new AlertOptions { BaselineMinRounds = 2, BaselineMaxRounds = 7, EwmaLambda = 0, FastDropAlpha = 0.7 },
            Anonymity = new AnonymityOptions { MinRespondents = 12, MinComments = 10 },
            Rounds = new RoundOptions { RotatingItems = 5 },
            Position = new PositionOptions { SlideBackLevel = 4, ReadyLevel = 3.5 },
        };

        var problems = options.Problems();

        Assert.Contains("Alerts.BaselineMinRounds must be between 3 and 6 (was 2).", problems);
        Assert.Contains("Alerts.BaselineMaxRounds must be between 3 and 6 (was 7).", problems);
        Assert.Contains("Alerts.EwmaLambda must be in (0, 1] (was 0).", problems);
        Assert.Contains("Alerts.FastDropAlpha must be between 0 and 0.5 (was 0.7).", problems);
        Assert.Contains("Anonymity.MinComments (10) must be at least Anonymity.MinRespondents (12).", problems);
        Assert.Contains("Rounds.RotatingItems must be between 0 and 4 (was 5).", problems);
        Assert.Contains("Position.SlideBackLevel (4) must be below Position.ReadyLevel (3.5).", problems);
        Assert.Throws<TrustOptionsException>(() => HealthCheck.Evaluate(Phase(Trust.Phase.Confirmation), [], options, Language.En));
    }
}

public class WordingTests
{
    private static readonly Evidence Full = new()
    {
        Dimension = Dimension.Relational, CurrentMean = 3.25, CurrentN = 9, BaselineMean = 4.126, BaselineN = 30, BaselineRounds = 4, Drop = 0.875,
        T = -3.5, DegreesOfFreedom = 12.34, P = 0.002, Interval = new(0.3, 1.45), Ewma = -0.7, EwmaLimit = -0.65, Threshold = 3,
        Calculative = 2.5, Relational = 4.25, Balance = 1.75, HigherPartner = "Acme", LowerPartner = "Globex", ParticipationRate = 0.5, BaselineParticipationRate = 0.9, Rounds = 3,
    };

    [Fact]
    public void EveryFindingAndAlertHasItsOwnTextInBothLanguages()
    {
        foreach (var language in Languages.Supported)
        {
            var findings = Enum.GetValues<FindingKind>().Select(k => Wording.Finding(k, Full, language)).ToList();
            var alerts = Enum.GetValues<AlertKind>().Select(k => Wording.Alert(k, Full, 0.62, language)).ToList();
            Assert.Equal(findings.Count, findings.Distinct().Count());
            Assert.Equal(alerts.Count, alerts.Distinct().Count());
            Assert.All(findings.Concat(alerts), t => Assert.DoesNotContain("{", t, StringComparison.Ordinal));
        }

        Assert.NotEqual(Wording.Finding(FindingKind.CalculativeNeglected, Full, Language.En), Wording.Finding(FindingKind.CalculativeNeglected, Full, Language.Nl));
    }

    [Fact]
    public void DutchNumbersUseADecimalComma()
    {
        var nl = Wording.Alert(AlertKind.FastRelationalDrop, Full, 0.62, Language.Nl);
        var en = Wording.Alert(AlertKind.FastRelationalDrop, Full, 0.62, Language.En);
        Assert.Contains("3,25 deze ronde tegen 4,13", nl, StringComparison.Ordinal);
        Assert.Contains("95%-BI 0,30 tot 1,45", nl, StringComparison.Ordinal);
        Assert.Contains("df = 12,3, p = 0,002", nl, StringComparison.Ordinal);
        Assert.Contains("daling van 0,62 punt of meer in 8 van de 10 gevallen meteen in die ronde gevonden", nl, StringComparison.Ordinal);
        Assert.Contains("3.25 this round against 4.13", en, StringComparison.Ordinal);
        Assert.Contains("drop of 0.62 points or more is found in the round it happens 8 times out of 10", en, StringComparison.Ordinal);
        Assert.Equal("p < 0.001", Language.En.PValue(0.0004));
        Assert.Equal("1234,50", Language.Nl.Number(1234.5));
    }

    [Fact]
    public void PhasesHaveNamesMeaningsAndEmphasisInBothLanguages()
    {
        Assert.Equal(["Kennismaking", "Bevestiging", "Uitvoer en afsluiting"], Phases.All.Select(p => p.Name.In(Language.Nl)));
        Assert.Equal(["Getting acquainted", "Confirmation", "Execution and closure"], Phases.All.Select(p => p.Name.In(Language.En)));
        Assert.Contains("informal meetings over coffee", Trust.Phase.GettingAcquainted.Profile().Meaning.In(Language.En), StringComparison.Ordinal);
        Assert.Equal(IntendedEmphasis.CalculativeAheadOrLevel, Trust.Phase.Confirmation.Profile().Emphasis);
        Assert.Equal(Trust.Phase.Execution, Trust.Phase.Confirmation.Next());
        Assert.Null(Trust.Phase.GettingAcquainted.Previous());
    }
}

public class PhaseHistoryAndFacetTests
{
    [Fact]
    public void APhaseHistoryKnowsTheCurrentPhaseAndThePhaseAtAMoment()
    {
        var history = new PhaseHistory([new PhaseChange(Trust.Phase.Confirmation, Start.AddMonths(4)), new PhaseChange(Trust.Phase.GettingAcquainted, Start)]);
        Assert.Equal(Trust.Phase.Confirmation, history.Current.Phase);
        Assert.Equal(Trust.Phase.GettingAcquainted, history.At(Start.AddMonths(2)));
        Assert.Equal(Trust.Phase.GettingAcquainted, history.At(Start.AddYears(-1)));
        Assert.Equal(Trust.Phase.Confirmation, history.At(Start.AddMonths(4)));
        Assert.Throws<ArgumentException>(() => new PhaseHistory([]));
    }

    [Fact]
    public void EveryFacetBelongsToOneDimensionAndHasNamesInBothLanguages()
    {
        foreach (var facet in Enum.GetValues<Facet>())
        {
            Assert.Equal(facet, Facets.ByKey[facet.Key()]);
            Assert.NotEqual(facet.Name().In(Language.En), facet.Name().In(Language.Nl));
        }

        Assert.Equal(4, Enum.GetValues<Facet>().Count(f => f.DimensionOf() == Dimension.Calculative));
        Assert.Equal(4, Enum.GetValues<Facet>().Count(f => f.DimensionOf() == Dimension.Relational));
    }
}
