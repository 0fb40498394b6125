using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Dialogs.Tests.HealthCheck;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;
using static AllianceBot.Dialogs.Tests.Pulse.PulseTestHost;

namespace AllianceBot.Dialogs.Tests.Pulse;

/// <summary>
/// Issue 13: the sixth choice "Don't know / not applicable" on every statement, through the whole conversation: on the
/// card, stored when acknowledged, read back on the thank-you, changed to a score and back while the round is open,
/// forged values refused with nothing stored, and counted (not scored) on the health check.
/// </summary>
public sealed class DontKnowTranscriptTests
{
    private static readonly TranscriptUser Anna = TranscriptUser.Anna;
    private static readonly TranscriptUser Bram = TranscriptUser.Bram;

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task DontKnowIsOfferedStoredReadBackAndChangeableBothWays(string provider)
    {
        await using var host = await StartAsync(provider);
        var (alliance, members) = await host.AllianceAsync("Cisco–KPN", Anna, Bram);
        var round = await host.OpenRoundAsync(alliance.Id);
        var unsure = Card(alliance.Id, round.Id, 4, 5, 3);
        unsure[Calculative] = PulseSubmission.DontKnowValue;

        await host.Transcript(Anna)
            .Send("pulse").ExpectCard(CardKind.Pulse, card =>
            {
                // Every statement, anchors and rotating items alike, has the five scores and the sixth choice.
                Assert.All(card.Body.OfType<ChoiceInput>(), input =>
                {
                    Assert.Equal(["1", "2", "3", "4", "5", "dk"], input.Choices.Select(c => c.Value));
                    Assert.Equal("Don't know / not applicable", input.Choices[5].Title);
                });
                Assert.Contains(card.Body.OfType<Paragraph>(), p => p.Text.Contains("\"Don't know / not applicable\"", StringComparison.Ordinal));
            })
            .ClickButton("Send my answers", unsure).ExpectReplacedCard(CardKind.ThankYou, card =>
                Assert.Equal(["Don't know / not applicable", "5 · Strongly agree", "3 · Neutral"], card.Body.OfType<FactList>().First().Facts.Select(f => f.Value)))
            // A retried submit of the same don't-know is acknowledged the same and changes nothing.
            .Click("pulse.submit", unsure).ExpectReplacedCard(CardKind.ThankYou)
            .ClickButton("Change my answers").ExpectReplacedCard(CardKind.Pulse, card =>
                Assert.Equal(["dk", "5", "3"], card.Body.OfType<ChoiceInput>().Select(c => c.Value)))
            .ClickButton("Send my answers", Card(alliance.Id, round.Id, 2, 5, 3)).ExpectReplacedCard(CardKind.ThankYou, card =>
                Assert.Equal(["2 · Disagree", "5 · Strongly agree", "3 · Neutral"], card.Body.OfType<FactList>().First().Facts.Select(f => f.Value)))
            .RunAsync();

        Assert.Equal(new Dictionary<string, int> { [Calculative] = 2, [Relational] = 5, [Rotating] = 3 },
            (await host.Database.GetMyAnswersAsync(round.Id, members[Anna], CancellationToken.None)).Answers);

        var allUnsure = Card(alliance.Id, round.Id, 1, 1, 1);
        allUnsure[Calculative] = allUnsure[Relational] = allUnsure[Rotating] = PulseSubmission.DontKnowValue;
        await host.Transcript(Anna)
            .Click("pulse.submit", allUnsure).ExpectReplacedCard(CardKind.ThankYou, card =>
                Assert.All(card.Body.OfType<FactList>().First().Facts, f => Assert.Equal("Don't know / not applicable", f.Value)))
            .RunAsync();

        Assert.All((await host.Database.GetMyAnswersAsync(round.Id, members[Anna], CancellationToken.None)).Answers.Values, v => Assert.Equal(AnswerValue.DontKnow, v));
        Assert.DoesNotContain(await host.Database.ListRoundAnswersAsync(round.Id, CancellationToken.None), a => a.Value != AnswerValue.DontKnow);
        // Only "don't know" answers are still an answer: Anna gets no reminder.
        Assert.DoesNotContain(await host.Database.ListNonRespondentsAsync(round.Id, CancellationToken.None), r => r.MemberId == members[Anna]);
    }

    [Fact]
    public async Task InDutchTheSixthChoiceReadsWeetIkNiet()
    {
        await using var host = await StartAsync();
        var (alliance, _) = await host.AllianceAsync("Cisco–KPN", Anna, Bram);
        var round = await host.OpenRoundAsync(alliance.Id);
        var unsure = Card(alliance.Id, round.Id, 4, 4, 4);
        unsure[Rotating] = PulseSubmission.DontKnowValue;

        await host.Transcript(Bram)
            .Send("mijn pulse").ExpectCard(CardKind.Pulse, card =>
                Assert.Equal("Weet ik niet / niet van toepassing", card.Body.OfType<ChoiceInput>().Last().Choices[5].Title))
            .ClickButton("Verstuur mijn antwoorden", unsure).ExpectReplacedCard(CardKind.ThankYou, card =>
                Assert.Equal("Weet ik niet / niet van toepassing", card.Body.OfType<FactList>().First().Facts.Last().Value))
            .RunAsync();
    }

    [Theory]
    [InlineData("dk2")]
    [InlineData("DK")]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("04")]
    [InlineData("dontknow")]
    public async Task AForgedValueIsRefusedWithAMessageAndNothingIsStored(string value)
    {
        await using var host = await StartAsync();
        var (alliance, members) = await host.AllianceAsync("Forged", Anna, Bram);
        var round = await host.OpenRoundAsync(alliance.Id);
        var forged = Card(alliance.Id, round.Id, 4, 4, 4);
        forged[Calculative] = PulseSubmission.DontKnowValue;
        forged[Relational] = value;

        await host.Transcript(Anna)
            .Click("pulse.submit", forged).ExpectReplacedCard(CardKind.Pulse, card =>
            {
                var errors = card.Body.OfType<Paragraph>().Where(p => p.Tone == Tone.Attention).Select(p => p.Text).ToList();
                Assert.Contains(errors, e => e.Contains("or \"Don't know / not applicable\"", StringComparison.Ordinal) && e.Contains("I trust that our partner means well", StringComparison.Ordinal));
                Assert.Contains(errors, e => e.Contains("Nothing was stored", StringComparison.Ordinal));
                // The valid don't-know stays chosen on the card that comes back.
                Assert.Equal("dk", card.Body.OfType<ChoiceInput>().First().Value);
            })
            .RunAsync();

        Assert.Empty((await host.Database.GetMyAnswersAsync(round.Id, members[Anna], CancellationToken.None)).Answers);
    }

    [Fact]
    public async Task ADontKnowForAnItemNotInTheRoundIsRefusedAndNothingIsStored()
    {
        await using var host = await StartAsync();
        var (alliance, members) = await host.AllianceAsync("Unknown item", Anna, Bram);
        var round = await host.OpenRoundAsync(alliance.Id);
        var forged = Card(alliance.Id, round.Id, 4, 4, 4);
        forged["calc.no.such.item"] = PulseSubmission.DontKnowValue;

        await host.Transcript(Anna)
            .Click("pulse.submit", forged).ExpectReplacedCard(CardKind.Pulse, card =>
                Assert.Contains(card.Body.OfType<Paragraph>(), p => p.Tone == Tone.Attention && p.Text.Contains("calc.no.such.item", StringComparison.Ordinal)))
            .RunAsync();

        Assert.Empty((await host.Database.GetMyAnswersAsync(round.Id, members[Anna], CancellationToken.None)).Answers);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task TheHealthCheckCountsDontKnowsWithoutScoringThem(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        var alliance = await host.CreateAllianceAsync(Anna, "Acme – Globex", "Acme", "Globex");
        await host.JoinAsync(alliance, "Globex", Bram, MemberRole.Manager);
        var people = (await host.PeopleAsync(alliance, "Acme", 6)).Concat(await host.PeopleAsync(alliance, "Globex", 5)).ToList();
        // Agreements are not there yet: 4 of 11 cannot judge them; everyone scores the relational anchor.
        await host.ClosedRoundAsync(alliance, 1, people.Select((m, i) => (m, i < 4 ? AnswerValue.DontKnow : 4, 4 + i % 2)));

        await host.Transcript(Bram).Send("where are we?").ExpectCard(CardKind.HealthCheck, card =>
        {
            var texts = card.Body.OfType<Paragraph>().Select(p => p.Text).ToList();
            Assert.Contains(texts, t => t.StartsWith("4 of 11 answered \"Don't know / not applicable\" to \"The agreements and safeguards", StringComparison.Ordinal));
        }).RunAsync();
    }
}
