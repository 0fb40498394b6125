using static AllianceBot.Trust.Tests.Build;

namespace AllianceBot.Trust.Tests;

/// <summary>
/// Issue 13: the calculative anchor changed (calc.agreements.anchor → calc.agreements.safeguarded). Rounds that asked
/// the retired anchor measured something else, so no trend, baseline, alert or position may join them with later rounds.
/// </summary>
public class AnchorRestartTests
{
    private const string RetiredAnchor = "calc.agreements.anchor";

    /// <summary>A round as stored before the change: the old calculative anchor, the (unchanged) relational anchor.</summary>
    private static RoundData OldRound(int month, int calc, int rel, int people = 8) =>
        new($"round-{month}", Start.AddMonths(month).AddDays(20), people,
            [.. Enumerable.Range(0, people).SelectMany(i => new[]
            {
                new Answer($"m{month}-r{i}", "A", RetiredAnchor, calc),
                new Answer($"m{month}-r{i}", "A", RelAnchor, rel - (i % 2)),
            })]);

    private static string Render(HealthReport r) => string.Join("|", new[] { r.Position.Text, r.Readiness.Text, r.Missing.Text ?? "" }
        .Concat(r.Findings.Select(f => f.Text)).Concat(r.Alerts.Select(a => a.Text)));

    [Fact]
    public void RoundsThatAskedTheRetiredAnchorFeedNoRuleAfterTheChange()
    {
        // Six old rounds at a high level, then two rounds with the new anchor at a much lower level. Joined, this would
        // read as a relational drop and a calculative fade; it is a different question, so the rules see only the new rounds.
        var old = Enumerable.Range(1, 6).Select(m => OldRound(m, 5, 5)).ToList();
        var fresh = new[] { Round(7, [.. Group("A", 8, [2, 3], [3, 2])]), Round(8, [.. Group("A", 8, [2, 3], [3, 2])]) };

        var joined = Check(Trust.Phase.Execution, [.. old, .. fresh]);
        var newOnly = Check(Trust.Phase.Execution, fresh);

        Assert.Equal(Render(newOnly), Render(joined));
        var restart = Assert.Single(joined.Restarts);
        Assert.Equal(Dimension.Calculative, restart.Dimension);
        Assert.Equal("calc.agreements.safeguarded", restart.AnchorId);
        Assert.Equal("round-7", restart.FirstRoundId);
        Assert.Equal(Start.AddMonths(7).AddDays(20), restart.FirstClosedAt);
        Assert.Equal([true, true, true, true, true, true, false, false], joined.Trend.Select(t => t.BeforeRestart));
    }

    [Fact]
    public void WithoutTheRestartTheSameNumbersWouldRaiseAnAlert()
    {
        // The control: the same levels all under the new anchor do alert, so the test above is not vacuous.
        var rounds = Enumerable.Range(1, 6).Select(m => Round(m, [.. Group("A", 8, [5], [5, 4])]))
            .Concat([Round(7, [.. Group("A", 8, [2, 3], [3, 2])]), Round(8, [.. Group("A", 8, [2, 3], [3, 2])])]).ToList();

        var report = Check(Trust.Phase.Execution, rounds);

        Assert.NotEmpty(report.Notifications);
        Assert.Empty(report.Restarts);
        Assert.All(report.Trend, t => Assert.False(t.BeforeRestart));
    }

    [Fact]
    public void UntilTheFirstNewRoundClosesTheRestartIsAnnouncedWithoutARound()
    {
        var report = Check(Trust.Phase.Execution, [.. Enumerable.Range(1, 3).Select(m => OldRound(m, 4, 4))]);

        var restart = Assert.Single(report.Restarts);
        Assert.Null(restart.FirstRoundId);
        Assert.All(report.Trend, t => Assert.True(t.BeforeRestart));
    }
}
