using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;
using static AllianceBot.Dialogs.Tests.Pulse.PulseTestHost;

namespace AllianceBot.Dialogs.Tests.Pulse;

public sealed class PulseTranscriptTests
{
    private static readonly TranscriptUser Anna = TranscriptUser.Anna;
    private static readonly TranscriptUser Bram = TranscriptUser.Bram;
    private static readonly TranscriptUser Chris = TranscriptUser.Chris;
    private static readonly TranscriptUser Greta = TranscriptUser.Greta;

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task AnsweringStoresShowsOnlyMyAnswersAndCanBeChangedUntilTheRoundCloses(string provider)
    {
        await using var host = await StartAsync(provider);
        var (alliance, members) = await host.AllianceAsync("Cisco–KPN", Anna, Bram);
        var round = await host.OpenRoundAsync(alliance.Id);

        await host.Transcript(Anna)
            .Send("pulse").ExpectCard(CardKind.Pulse, card =>
            {
                Assert.Equal("Monthly pulse: Cisco–KPN", card.Title);
                Assert.Equal([Calculative, Relational, Rotating], card.Body.OfType<ChoiceInput>().Select(c => c.Id));
                Assert.Equal("1 · Strongly disagree", card.Body.OfType<ChoiceInput>().First().Choices[0].Title);
                Assert.Single(card.Body.OfType<TextInput>());
            })
            .ClickButton("Send my answers", Card(alliance.Id, round.Id, 4, 5, 3, "Good start")).ExpectReplacedCard(CardKind.ThankYou, card =>
            {
                var facts = card.Body.OfType<FactList>().First().Facts;
                Assert.Equal(["4 · Agree", "5 · Strongly agree", "3 · Neutral"], facts.Select(f => f.Value));
                Assert.Contains(card.Body.OfType<FactList>().Last().Facts, f => f.Value == "Good start");
            })
            .ClickButton("Change my answers").ExpectReplacedCard(CardKind.Pulse, card =>
                Assert.Equal(["4", "5", "3"], card.Body.OfType<ChoiceInput>().Select(c => c.Value)))
            .ClickButton("Send my answers", Card(alliance.Id, round.Id, 2, 3, 3)).ExpectReplacedCard(CardKind.ThankYou, card =>
                Assert.Equal(["2 · Disagree", "3 · Neutral", "3 · Neutral"], card.Body.OfType<FactList>().First().Facts.Select(f => f.Value)))
            // A replayed submit (the channel retried, or a double click) changes nothing and acknowledges the same.
            .Click("pulse.submit", Card(alliance.Id, round.Id, 2, 3, 3)).ExpectReplacedCard(CardKind.ThankYou)
            .Send("pulse").ExpectCard(CardKind.ThankYou)
            .RunAsync();

        var stored = await host.Database.GetMyAnswersAsync(round.Id, members[Anna], CancellationToken.None);
        Assert.Equal(new Dictionary<string, int> { [Calculative] = 2, [Relational] = 3, [Rotating] = 3 }, stored.Answers);
        Assert.Equal("Good start", stored.Comment);
        Assert.Empty((await host.Database.GetMyAnswersAsync(round.Id, members[Bram], CancellationToken.None)).Answers);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task InDutchTheCardTheThankYouAndTheClosedNoticeSpeakDutch(string provider)
    {
        await using var host = await StartAsync(provider);
        var (alliance, members) = await host.AllianceAsync("Cisco–KPN", Anna, Bram);
        var round = await host.OpenRoundAsync(alliance.Id);

        await host.Transcript(Bram)
            .Send("mijn pulse").ExpectCard(CardKind.Pulse, card =>
            {
                Assert.Equal("Maandelijkse pulse: Cisco–KPN", card.Title);
                Assert.Equal("5 · Helemaal eens", card.Body.OfType<ChoiceInput>().First().Choices[4].Title);
                Assert.StartsWith("De afspraken en waarborgen", card.Body.OfType<ChoiceInput>().First().Label, StringComparison.Ordinal);
            })
            .ClickButton("Verstuur mijn antwoorden", Card(alliance.Id, round.Id, 3, 4, 4)).ExpectReplacedCard(CardKind.ThankYou, card =>
                Assert.Equal("Dank u wel!", card.Title))
            .ClickButton("Mijn antwoorden wijzigen").ExpectReplacedCard(CardKind.Pulse)
            .Then(() => host.Time.Advance(TimeSpan.FromDays(8)))
            .ClickButton("Verstuur mijn antwoorden", Card(alliance.Id, round.Id, 1, 1, 1)).ExpectReplacedCard(CardKind.Info, card =>
                Assert.Equal("Deze ronde is gesloten", card.Title))
            .RunAsync();

        Assert.Equal(4, (await host.Database.GetMyAnswersAsync(round.Id, members[Bram], CancellationToken.None)).Answers[Relational]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task InGermanTheCardTheThankYouAndTheClosedNoticeSpeakGerman(string provider)
    {
        await using var host = await StartAsync(provider);
        var (alliance, members) = await host.AllianceAsync("Cisco–KPN", Anna, Greta);
        var round = await host.OpenRoundAsync(alliance.Id);

        await host.Transcript(Greta)
            .Send("mein puls").ExpectCard(CardKind.Pulse, card =>
            {
                Assert.Equal("Monatlicher Puls: Cisco–KPN", card.Title);
                Assert.Equal("5 · Stimme voll und ganz zu", card.Body.OfType<ChoiceInput>().First().Choices[4].Title);
                Assert.Equal("Weiß ich nicht / trifft nicht zu", card.Body.OfType<ChoiceInput>().First().Choices[5].Title);
                Assert.StartsWith("Die Vereinbarungen und Absicherungen", card.Body.OfType<ChoiceInput>().First().Label, StringComparison.Ordinal);
            })
            .ClickButton("Meine Antworten senden", Card(alliance.Id, round.Id, 3, 4, 4)).ExpectReplacedCard(CardKind.ThankYou, card =>
                Assert.Equal("Vielen Dank!", card.Title))
            .ClickButton("Meine Antworten ändern").ExpectReplacedCard(CardKind.Pulse)
            .Then(() => host.Time.Advance(TimeSpan.FromDays(8)))
            .ClickButton("Meine Antworten senden", Card(alliance.Id, round.Id, 1, 1, 1)).ExpectReplacedCard(CardKind.Info, card =>
                Assert.Equal("Diese Runde ist geschlossen", card.Title))
            .RunAsync();

        Assert.Equal(4, (await host.Database.GetMyAnswersAsync(round.Id, members[Greta], CancellationToken.None)).Answers[Relational]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task ALateAnswerAfterCloseIsRefusedPolitelyAndNotStored(string provider)
    {
        await using var host = await StartAsync(provider);
        var (alliance, members) = await host.AllianceAsync("Late", Anna, Bram);
        var round = await host.OpenRoundAsync(alliance.Id);
        await host.Database.CloseRoundAsync(round.Id, "{}", host.Time.GetUtcNow(), CancellationToken.None);

        await host.Transcript(Anna)
            .Click("pulse.submit", Card(alliance.Id, round.Id, 4, 4, 4)).ExpectReplacedCard(CardKind.Info, card =>
            {
                Assert.Equal("This round has closed", card.Title);
                Assert.Contains("no answers can be added or changed", card.Body.OfType<Paragraph>().Single().Text, StringComparison.Ordinal);
            })
            .Click("pulse.change", Card(alliance.Id, round.Id, 4, 4, 4)).ExpectReplacedCard(CardKind.Info)
            .Send("pulse").ExpectCard(CardKind.Info, card => Assert.Equal("No pulse open right now", card.Title))
            .RunAsync();

        Assert.Empty((await host.Database.GetMyAnswersAsync(round.Id, members[Anna], CancellationToken.None)).Answers);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("abc")]
    [InlineData("4.5")]
    [InlineData("-1")]
    public async Task AnOutOfRangeOrNonNumericValueIsRefusedAndTheCardComesBackWithTheOtherChoices(string value)
    {
        await using var host = await StartAsync();
        var (alliance, members) = await host.AllianceAsync("Values", Anna, Bram);
        var round = await host.OpenRoundAsync(alliance.Id);
        var values = Card(alliance.Id, round.Id, 4, 5, 3, "kept");
        values[Relational] = value;

        await host.Transcript(Anna)
            .Click("pulse.submit", values).ExpectReplacedCard(CardKind.Pulse, card =>
            {
                var errors = card.Body.OfType<Paragraph>().Where(p => p.Tone == Tone.Attention).Select(p => p.Text).ToList();
                Assert.Contains(errors, e => e.Contains("whole number from 1 to 5", StringComparison.Ordinal) && e.Contains("I trust that our partner means well", StringComparison.Ordinal));
                Assert.Contains(errors, e => e.Contains("Nothing was stored", StringComparison.Ordinal));
                var inputs = card.Body.OfType<ChoiceInput>().ToDictionary(c => c.Id, c => c.Value);
                Assert.Equal("4", inputs[Calculative]);
                Assert.Null(inputs[Relational]);
                Assert.Equal("3", inputs[Rotating]);
                Assert.Equal("kept", card.Body.OfType<TextInput>().Single().Value);
            })
            .ClickButton("Send my answers", Card(alliance.Id, round.Id, 4, 2, 3)).ExpectReplacedCard(CardKind.ThankYou)
            .RunAsync();

        Assert.Equal(2, (await host.Database.GetMyAnswersAsync(round.Id, members[Anna], CancellationToken.None)).Answers[Relational]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task AnswersForItemsNotInTheRoundOrMissingAnswersStoreNothing(string provider)
    {
        await using var host = await StartAsync(provider);
        var (alliance, members) = await host.AllianceAsync("Tampered", Anna, Bram);
        var round = await host.OpenRoundAsync(alliance.Id);
        var extra = Card(alliance.Id, round.Id, 4, 4, 4);
        extra["calc.economics.split"] = "1";
        extra["'; DROP TABLE responses; --"] = "5";
        var partial = Card(alliance.Id, round.Id, 4, 4, 4);
        partial[Rotating] = "";

        await host.Transcript(Anna)
            .Click("pulse.submit", extra).ExpectReplacedCard(CardKind.Pulse, card =>
                Assert.Contains(card.Body.OfType<Paragraph>(), p => p.Tone == Tone.Attention && p.Text.Contains("calc.economics.split", StringComparison.Ordinal)))
            .Click("pulse.submit", partial).ExpectReplacedCard(CardKind.Pulse, card =>
                Assert.Contains(card.Body.OfType<Paragraph>(), p => p.Tone == Tone.Attention && p.Text.StartsWith("Please answer every statement", StringComparison.Ordinal)))
            .RunAsync();

        Assert.Empty((await host.Database.GetMyAnswersAsync(round.Id, members[Anna], CancellationToken.None)).Answers);
        Assert.Equal(2, (await host.Database.ListNonRespondentsAsync(round.Id, CancellationToken.None)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task AnotherAlliancesRoundOrAnotherMembersCardNeverStoresForSomeoneElse(string provider)
    {
        await using var host = await StartAsync(provider);
        var (mine, members) = await host.AllianceAsync("Mine", Anna, Bram);
        var (theirs, theirMembers) = await host.AllianceAsync("Theirs", Chris);
        var myRound = await host.OpenRoundAsync(mine.Id);
        var theirRound = await host.OpenRoundAsync(theirs.Id, "at:other");

        await host.Transcript(Anna)
            // My alliance with their round: refused, and my own pulse comes back.
            .Click("pulse.submit", Card(mine.Id, theirRound.Id, 4, 4, 4)).ExpectReplacedCard(CardKind.Pulse, card =>
            {
                Assert.Contains(card.Body.OfType<Paragraph>(), p => p.Text.StartsWith("That card does not belong", StringComparison.Ordinal));
                Assert.Equal(myRound.Id.ToString(), card.Actions.OfType<SubmitAction>().Single().Data["round"]);
            })
            // Their alliance: I am not a member there.
            .Click("pulse.submit", Card(theirs.Id, theirRound.Id, 4, 4, 4)).ExpectCard(CardKind.Error)
            // A garbled round id.
            .Click("pulse.submit", new Dictionary<string, string> { ["alliance"] = mine.Id.ToString(), ["round"] = "not-a-round", [Calculative] = "4" })
            .ExpectReplacedCard(CardKind.Pulse)
            // Bram's card forwarded to me: it stores my answers as mine, never his.
            .As(Anna).Click("pulse.submit", Card(mine.Id, myRound.Id, 1, 2, 3)).ExpectReplacedCard(CardKind.ThankYou)
            .RunAsync();

        Assert.Empty((await host.Database.GetMyAnswersAsync(theirRound.Id, theirMembers[Chris], CancellationToken.None)).Answers);
        Assert.Empty((await host.Database.ListRoundAnswersAsync(theirRound.Id, CancellationToken.None)));
        Assert.Empty((await host.Database.GetMyAnswersAsync(myRound.Id, members[Bram], CancellationToken.None)).Answers);
        Assert.Equal(1, (await host.Database.GetMyAnswersAsync(myRound.Id, members[Anna], CancellationToken.None)).Answers[Calculative]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task PulseNowOpensOnceForManagersAndIsRefusedToMembers(string provider)
    {
        await using var host = await StartAsync(provider);
        var (alliance, _) = await host.AllianceAsync("Now", Anna, Bram, Greta);

        await host.Transcript(Anna)
            .Send("pulse now").ExpectCard(CardKind.Info, card =>
                Assert.Equal("Round 1 is open: 3 members will get the pulse in their personal chat now.", card.Body.OfType<Paragraph>().Single().Text))
            .Send("pulse now").ExpectCard(CardKind.Info, card =>
                Assert.StartsWith("Round 1 is still open", card.Body.OfType<Paragraph>().Single().Text, StringComparison.Ordinal))
            .As(Bram).Send("ronde nu").ExpectCard(CardKind.Error)
            .As(Greta).Send("runde jetzt").ExpectCard(CardKind.Error)
            .As(Bram).Send("pulse").ExpectCard(CardKind.Pulse)
            .RunAsync();

        Assert.Equal(2, host.Control.Calls);
        Assert.NotNull(await host.Database.GetOpenRoundAsync(alliance.Id, CancellationToken.None));
    }
}
