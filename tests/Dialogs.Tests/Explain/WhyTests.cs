using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.Demo;
using AllianceBot.Dialogs.Explain;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Tests.HealthCheck;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Dialogs.Tests.Explain;

/// <summary>Issue 17: "Why?" on the health and advice cards opens the part of the model behind the finding.</summary>
public sealed class WhyTests
{
    [Fact]
    public async Task WhyOnTheHealthAndAdviceCardsOpensTheExplanationBehindTheFirstFinding()
    {
        await using var host = await HealthTestHost.StartAsync();
        await host.Transcript(TranscriptUser.Anna)
            .Send("demo").ExpectCard(CardKind.Info)
            .Send("where are we?").ExpectCard(CardKind.HealthCheck, card => Assert.Contains(card.Actions, a => a.Title == "Why?"))
            .ClickButton("Why?").ExpectCard(CardKind.Info, card => Assert.Contains(card.Title, ExplainTitles("en")))
            .Send("what moves us right?").ExpectCard(CardKind.HealthCheck, card => Assert.Contains(card.Actions, a => a.Title == "Why?"))
            .As(TranscriptUser.Bram).Send("demo").ExpectCard(CardKind.Info)
            .Send("waar staan we?").ExpectCard(CardKind.HealthCheck)
            .ClickButton("Waarom?").ExpectCard(CardKind.Info, card => Assert.Contains(card.Title, ExplainTitles("nl")))
            .RunAsync();
    }

    [Fact]
    public async Task TheDellGetronicsFindingIsExplainedByTheDellGetronicsLesson()
    {
        await using var host = await HealthTestHost.StartAsync();
        var demos = host.Services.GetRequiredService<DemoAlliances>();
        var demo = await demos.EnsureAsync(new Data.Members.ContactSighting(TranscriptUser.Anna.Conversation, "Anna", "en-US", null, host.Now), Language.En, CancellationToken.None);
        var evaluator = host.Services.GetRequiredService<HealthEvaluator>();
        var rounds = await host.Database.ListClosedRoundsAsync(demo.AllianceId, 100, CancellationToken.None);

        var confirmation = await evaluator.EvaluateAsync(demo.AllianceId, Language.En, rounds[DemoStory.ExecutionFrom - 1].Id, CancellationToken.None);
        Assert.Equal(FindingKind.CalculativeNeglected, confirmation!.Report.Findings[0].Kind);
        Assert.Equal(Intent.ExplainDellGetronics, ExplainCards.WhyTopic(confirmation.Report));

        var acquainted = await evaluator.EvaluateAsync(demo.AllianceId, Language.En, rounds[DemoStory.ConfirmationFrom - 1].Id, CancellationToken.None);
        Assert.Empty(acquainted!.Report.Findings);
        Assert.Equal(Intent.ExplainPhases, ExplainCards.WhyTopic(acquainted.Report));
    }

    private static string[] ExplainTitles(string language) => language == "en"
        ? ["The NAV model in brief", "Calculative trust", "Relational trust", "The three phases", "The Dell/Getronics lesson"]
        : ["Het NAV-model in het kort", "Calculatief vertrouwen", "Relationeel vertrouwen", "De drie fasen", "De les van Dell en Getronics"];
}
