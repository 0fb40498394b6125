using AllianceBot.Data.Alliances;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.Demo;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Dialogs.Tests.HealthCheck;

/// <summary>The demo alliance: built once per person through the Data use cases, tells the NAV story, deletable.</summary>
public sealed class DemoTranscriptTests
{
    [Fact]
    public async Task DemoThenWhereAreWeShowsTheStoryAndAskingTwiceBuildsOneDemo()
    {
        await using var host = await HealthTestHost.StartAsync();
        await host.Transcript(TranscriptUser.Bram)
            .Send("demo").ExpectCard(CardKind.Info, card =>
            {
                Assert.Equal("Uw demo-alliantie staat klaar", card.Title);
                Assert.Equal(["Waar staan we?", "Verloop", "Demo verwijderen"], card.Actions.Select(a => a.Title));
            })
            .Send("demo").ExpectCard(CardKind.Info, card => Assert.Equal("U hebt al een demo-alliantie", card.Title))
            .Send("waar staan we in het model?").ExpectCard(CardKind.HealthCheck, card =>
            {
                Assert.Equal("Waar staan we in het model?", card.Title);
                Assert.Contains(card.Body, b => b is Paragraph { Text: "Demo-alliantie: gesimuleerde mensen en antwoorden, geen echte alliantie." });
                Assert.Contains(card.Body, b => b is Paragraph p && p.Text.StartsWith("Fase 3 van 3 · Uitvoer en afsluiting", StringComparison.Ordinal));
                Assert.Contains(card.Body, b => b is ImageBlock image && image.Url.EndsWith("/nav.nl.png", StringComparison.Ordinal));
                var findings = card.Body.OfType<BulletList>().Single(b => b.Title == "Wat opvalt");
                Assert.Contains(findings.Items, f => f.Contains("relationeel", StringComparison.OrdinalIgnoreCase));
            })
            .Send("verloop").ExpectCard(CardKind.Drift, card => Assert.Equal(DemoStory.Months, card.Body.OfType<TableBlock>().Single().Rows.Count))
            .RunAsync();

        Assert.Equal(1, await host.DemoCountAsync(TranscriptUser.Bram));
    }

    [Fact]
    public async Task TheDemoHistoryTellsTheNavStory()
    {
        await using var host = await HealthTestHost.StartAsync();
        var demos = host.Services.GetRequiredService<DemoAlliances>();
        var demo = await demos.EnsureAsync(new Data.Members.ContactSighting(TranscriptUser.Anna.Conversation, "Anna", "en-US", null, host.Now), Language.En, CancellationToken.None);
        var evaluator = host.Services.GetRequiredService<HealthEvaluator>();
        var rounds = await host.Database.ListClosedRoundsAsync(demo.AllianceId, 100, CancellationToken.None);
        Assert.Equal(DemoStory.Months, rounds.Count);
        Assert.All(rounds, r => Assert.Contains("\"findings\"", r.ResultJson, StringComparison.Ordinal));

        // Confirmation, as of its last round: the calculative side left behind (the Dell/Getronics pattern).
        var confirmation = await evaluator.EvaluateAsync(demo.AllianceId, Language.En, rounds[DemoStory.ExecutionFrom - 1].Id, CancellationToken.None);
        Assert.Equal(Phase.Confirmation, confirmation!.Report.Phase.Phase);
        Assert.Contains(confirmation.Report.Findings, f => f.Kind == FindingKind.CalculativeNeglected);

        // Getting acquainted, as of its last round: relational ahead, as the phase wants.
        var acquainted = await evaluator.EvaluateAsync(demo.AllianceId, Language.En, rounds[DemoStory.ConfirmationFrom - 1].Id, CancellationToken.None);
        Assert.Equal(MeasuredEmphasis.RelationalAhead, acquainted!.Report.Position.Measured);
        Assert.True(acquainted.Report.Position.MatchesIntended);

        // Now, in execution: the relational dip is found.
        var now = await evaluator.EvaluateAsync(demo.AllianceId, Language.En, null, CancellationToken.None);
        Assert.Equal(Phase.Execution, now!.Report.Phase.Phase);
        Assert.Contains(now.Report.Findings, f => f.Kind == FindingKind.RelationalEroding);
        Assert.True(now.Report.Latest!.ScoresVisible);
    }

    [Fact]
    public async Task TheDeleteButtonAsksFirstThenDeletesOnlyTheDemo()
    {
        await using var host = await HealthTestHost.StartAsync();
        await host.Transcript(TranscriptUser.Anna)
            .Send("demo").ExpectCard(CardKind.Info)
            .ClickButton("Delete demo").ExpectCard(CardKind.Confirm, card => Assert.Equal("Delete the demo alliance?", card.Title))
            .ClickButton("Yes, delete the demo").ExpectReplacedCard(CardKind.Info, card => Assert.Equal("Demo deleted", card.Title))
            .Send("where are we?").ExpectCard(CardKind.Info, card => Assert.Equal("No alliance yet", card.Title))
            .RunAsync();
        Assert.Equal(0, await host.DemoCountAsync(TranscriptUser.Anna));
    }

    [Fact]
    public async Task TheDeleteVerbRefusesARealAlliance()
    {
        await using var host = await HealthTestHost.StartAsync();
        var real = await host.CreateAllianceAsync(TranscriptUser.Anna, "Acme – Globex", "Acme", "Globex");
        await host.Transcript(TranscriptUser.Anna)
            .Click(DemoDialog.DeleteConfirmVerb, new Dictionary<string, string> { ["alliance"] = real.Alliance.Id.ToString() })
            .ExpectCard(CardKind.Error, card => Assert.Equal("Not a demo alliance", card.Title))
            .RunAsync();
        Assert.NotNull(await host.Database.GetAllianceAsync(real.Alliance.Id, CancellationToken.None));
    }

    [Fact]
    public async Task WithTheNewcomerSwitchTheFirstWhereAreWeBuildsADemo()
    {
        await using var host = await HealthTestHost.StartAsync(new Dictionary<string, string?> { ["Demo:ForNewcomers"] = "true" });
        await host.Transcript(TranscriptUser.Chris)
            .Send("where are we?").ExpectCard(CardKind.HealthCheck, card => Assert.Contains(DemoStory.AllianceName, card.Subtitle, StringComparison.Ordinal))
            .RunAsync();
        Assert.Equal(1, await host.DemoCountAsync(TranscriptUser.Chris));
    }
}
