using static AllianceBot.Trust.Tests.Build;

namespace AllianceBot.Trust.Tests;

public class PositionTests
{
    private static RoundData Month(int month, int[] calc, int[] rel, int n = 8) => Round(month, Group("A", n, calc, rel));

    [Theory]
    [InlineData("en", "Too calculative too early", "calculative trust (4.00)")]
    [InlineData("nl", "Te calculatief te vroeg", "calculatief vertrouwen (4,00)")]
    public void CalculativeAheadInPhaseOneIsTooCalculativeTooEarly(string code, string phrase, string number)
    {
        var language = Language.Of(code);
        var report = Check(Phase.GettingAcquainted, [Month(1, [4], [3])], language);

        Assert.Equal(MeasuredEmphasis.CalculativeAhead, report.Position.Measured);
        Assert.False(report.Position.MatchesIntended);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.TooCalculativeTooEarly, finding.Kind);
        Assert.Contains(phrase, finding.Text, StringComparison.Ordinal);
        Assert.Contains(number, finding.Text, StringComparison.Ordinal);
        Assert.Equal("f.early.do", report.Advice[0].Id);
    }

    [Theory]
    [InlineData("en", "Calculative side lagging for a confirmation-phase alliance", "the pattern that forced Dell and Getronics to start over", "2.50")]
    [InlineData("nl", "De calculatieve kant blijft achter", "het patroon waardoor Dell en Getronics opnieuw moesten beginnen", "2,50")]
    public void RelationalAheadInConfirmationIsTheDellGetronicsPattern(string code, string start, string pattern, string number)
    {
        var language = Language.Of(code);
        var report = Check(Phase.Confirmation, [Month(1, [2, 3], [4, 5]), Month(2, [2, 3], [4, 5])], language);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.CalculativeNeglected, finding.Kind);
        Assert.StartsWith(start, finding.Text, StringComparison.Ordinal);
        Assert.Contains(pattern, finding.Text, StringComparison.Ordinal);
        Assert.Contains(number, finding.Text, StringComparison.Ordinal);
        Assert.Equal(2.0, finding.Evidence.Balance!.Value, 10);
        Assert.Equal(2, finding.Evidence.Rounds);
        Assert.Equal(ReadinessKind.Stay, report.Readiness.Kind);
    }

    [Theory]
    [InlineData("en", "Calculative trust is disappearing in execution", "floor of 3.00")]
    [InlineData("nl", "Calculatief vertrouwen verdwijnt in de uitvoering", "ondergrens van 3,00")]
    public void LowCalculativeInExecutionIsCalculativeDisappearing(string code, string phrase, string floor)
    {
        var language = Language.Of(code);
        var report = Check(Phase.Execution, [Month(1, [2, 3], [4, 5])], language);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.CalculativeDisappearing, finding.Kind);
        Assert.Contains(phrase, finding.Text, StringComparison.Ordinal);
        Assert.Contains(floor, finding.Text, StringComparison.Ordinal);
        Assert.False(report.Position.MatchesIntended);
    }

    [Theory]
    [InlineData("en", "Relational trust is eroding")]
    [InlineData("nl", "Relationeel vertrouwen brokkelt af")]
    public void ASignificantRelationalDropIsRelationalEroding(string code, string phrase)
    {
        var language = Language.Of(code);
        var rounds = Enumerable.Range(1, 4).Select(m => Month(m, [4], [4, 5], 10)).Append(Month(5, [4], [3, 2], 10));
        var finding = Assert.Single(Check(Phase.Execution, rounds, language).Findings, f => f.Kind == FindingKind.RelationalEroding);
        Assert.Contains(phrase, finding.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Asymmetry between partners: Acme scores relational trust 4.50, Globex 2.67")]
    [InlineData("nl", "Asymmetrie tussen partners: Acme scoort relationeel vertrouwen 4,50, Globex 2,67")]
    public void PartnerAsymmetryIsNamed(string code, string text)
    {
        var language = Language.Of(code);
        RoundData Gap(int month) => Round(month, [.. Group("Acme", 8, [4], [5, 4]), .. Group("Globex", 6, [4], [3, 2, 3])]);
        var report = Check(Phase.Confirmation, [Gap(1), Gap(2)], language);
        Assert.StartsWith(text, report.Findings.Single(f => f.Kind == FindingKind.PartnerAsymmetry).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Participation is falling: 50% answered this round, against 100% on average before.")]
    [InlineData("nl", "De deelname daalt: 50% antwoordde deze ronde, tegen gemiddeld 100% eerder.")]
    public void FallingParticipationIsNamed(string code, string text)
    {
        var language = Language.Of(code);
        var rounds = new[] { Month(1, [4], [4]), Round(2, Group("A", 6, [4], [4]), invited: 12) };
        Assert.Equal(text, Check(Phase.Confirmation, rounds, language).Findings.Single(f => f.Kind == FindingKind.ParticipationFalling).Text);
    }

    [Fact]
    public void TheIntendedEmphasisOfEachPhaseIsRespected()
    {
        Assert.True(Check(Phase.GettingAcquainted, [Month(1, [3], [4, 5])]).Position.MatchesIntended);
        Assert.False(Check(Phase.GettingAcquainted, [Month(1, [4], [4])]).Position.MatchesIntended);
        Assert.True(Check(Phase.Confirmation, [Month(1, [4], [4])]).Position.MatchesIntended);
        Assert.True(Check(Phase.Confirmation, [Month(1, [5], [4])]).Position.MatchesIntended);
        Assert.True(Check(Phase.Execution, [Month(1, [4], [5])]).Position.MatchesIntended);
        Assert.False(Check(Phase.Execution, [Month(1, [4], [4])]).Position.MatchesIntended);
        Assert.Empty(Check(Phase.Execution, [Month(1, [4], [5])]).Findings);
    }

    [Theory]
    [InlineData("en", "Phase 2, Confirmation: calculative trust is ahead (calculative 4.50, relational 3.50, balance −1.00")]
    [InlineData("nl", "Fase 2, Bevestiging: calculatief vertrouwen ligt voor (calculatief 4,50, relationeel 3,50, balans −1,00")]
    public void ThePositionIsSaidInPlainWords(string code, string start)
    {
        var language = Language.Of(code);
        var position = Check(Phase.Confirmation, [Month(1, [4, 5], [3, 4], n: 10)], language).Position;
        Assert.StartsWith(start, position.Text, StringComparison.Ordinal);
        Assert.Equal(-1.0, position.Evidence.Balance!.Value, 10);
        Assert.NotNull(position.Evidence.Interval);

        // Eight people: below 2k, the balance is said without its interval.
        var small = Check(Phase.Confirmation, [Month(1, [4, 5], [3, 4])], language).Position;
        Assert.StartsWith(start, small.Text, StringComparison.Ordinal);
        Assert.Null(small.Evidence.Interval);
    }

    [Theory]
    [InlineData(Phase.GettingAcquainted, new[] { 3 }, new[] { 4, 5 }, ReadinessKind.ReadyToMoveRight, Phase.Confirmation)]
    [InlineData(Phase.GettingAcquainted, new[] { 3 }, new[] { 3, 4 }, ReadinessKind.Stay, null)]
    [InlineData(Phase.Confirmation, new[] { 4, 5 }, new[] { 4 }, ReadinessKind.ReadyToMoveRight, Phase.Execution)]
    [InlineData(Phase.Confirmation, new[] { 4 }, new[] { 2 }, ReadinessKind.SlidingBack, Phase.GettingAcquainted)]
    [InlineData(Phase.Execution, new[] { 4 }, new[] { 5 }, ReadinessKind.Sustain, null)]
    [InlineData(Phase.Execution, new[] { 2 }, new[] { 5 }, ReadinessKind.SlidingBack, Phase.Confirmation)]
    [InlineData(Phase.Execution, new[] { 4 }, new[] { 2 }, ReadinessKind.SlidingBack, Phase.Confirmation)]
    public void ReadinessFollowsTheLastRounds(Phase phase, int[] calc, int[] rel, ReadinessKind kind, Phase? suggested)
    {
        var readiness = Check(phase, [Month(1, calc, rel), Month(2, calc, rel)]).Readiness;
        Assert.Equal(kind, readiness.Kind);
        Assert.Equal(suggested, readiness.Suggested);
    }

    [Theory]
    [InlineData("en", "Ready to move right, to Execution and closure: the last 2 rounds were all at or above 3.80.")]
    [InlineData("nl", "Klaar om naar rechts te schuiven, naar Uitvoer en afsluiting: de laatste 2 rondes zaten allemaal op of boven 3,80.")]
    public void ReadinessIsSaidInBothLanguages(Language language, string text) =>
        Assert.Equal(text, Check(Phase.Confirmation, [Month(1, [4, 5], [4]), Month(2, [4, 5], [4])], language).Readiness.Text);

    [Theory]
    [InlineData("en", "Signs of sliding back to Confirmation: calculative trust stayed below 3.00")]
    [InlineData("nl", "Tekenen van terugglijden naar Bevestiging: calculatief vertrouwen zat de laatste 2 rondes onder 3,00")]
    public void SlidingBackIsSaidInBothLanguages(Language language, string start) =>
        Assert.StartsWith(start, Check(Phase.Execution, [Month(1, [2], [5]), Month(2, [2], [5])], language).Readiness.Text, StringComparison.Ordinal);

    [Fact]
    public void ARelationalDropBlocksAMoveRight()
    {
        var rounds = Enumerable.Range(1, 4).Select(m => Month(m, [5], [5], 10)).Append(Month(5, [5], [4, 4, 4, 3], 10));
        var report = Check(Phase.GettingAcquainted, rounds);
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.RelationalEroding);
        Assert.Equal(ReadinessKind.Stay, report.Readiness.Kind);
    }

    [Theory]
    [InlineData("en", "Not enough data yet: 1 more valid round for a position; 2 more for a phase suggestion; 4 more for drop alerts (0 valid rounds in this phase).")]
    [InlineData("nl", "Nog niet genoeg gegevens: nog 1 geldige ronde voor een positie; nog 2 voor een faseadvies; nog 4 voor waarschuwingen bij een daling (0 geldige rondes in deze fase).")]
    public void WithoutRoundsTheReportSaysWhatIsMissing(string code, string text)
    {
        var language = Language.Of(code);
        var report = Check(Phase.GettingAcquainted, [], language);
        Assert.Null(report.Position.Measured);
        Assert.Equal(ReadinessKind.NotEnoughData, report.Readiness.Kind);
        Assert.Equal(text, report.Missing.Text);
        Assert.Empty(report.Alerts);
        Assert.Null(report.Latest);
    }

    [Theory]
    [InlineData("en", "the latest round needed 2 more answers to be shown (at least 5 per question)")]
    [InlineData("nl", "de laatste ronde had 2 antwoorden meer nodig om te tonen (minimaal 5 per vraag)")]
    public void ARoundBelowKSaysHowManyAnswersWereMissing(string code, string phrase)
    {
        var language = Language.Of(code);
        var report = Check(Phase.Confirmation, [Month(1, [4], [4]), Round(2, Group("A", 3, [4], [4]), invited: 4)], language);
        Assert.Equal(2, report.Missing.AnswersNeededInLatestRound);
        Assert.Contains(phrase, report.Missing.Text, StringComparison.Ordinal);
        Assert.False(report.Latest!.ScoresVisible);
        Assert.Equal(1, report.Position.Evidence.Rounds);
    }

    [Fact]
    public void EnoughDataMeansNothingMissing()
    {
        var report = Check(Phase.Confirmation, Enumerable.Range(1, 4).Select(m => Month(m, [4], [4])));
        Assert.True(report.Missing.IsComplete);
        Assert.Null(report.Missing.Text);
    }
}
