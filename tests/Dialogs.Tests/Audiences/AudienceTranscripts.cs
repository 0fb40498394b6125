using AllianceBot.Dialogs.Tests.Alliances;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Audiences;

/// <summary>
/// Finding 7 of issue 12: the answer went to everyone in the conversation it was asked in. Each view is asked in a
/// Teams group chat, a Teams channel and a Slack channel, none of them linked to the alliance: what is about the asker
/// or the alliance goes to the asker's personal chat, and the room only reads the note that it did.
/// </summary>
public sealed class AudienceTranscripts
{
    /// <summary>
    /// Rooms where Dirk (Acme member) or Anna (Acme manager) type in Teams, Chris (Initech manager) in Slack: a group
    /// chat (Slack: a multi-person direct message) and a channel on each.
    /// </summary>
    public static TheoryData<string> Rooms => new() { "teams-group", "teams-channel", "slack-group", "slack-channel" };

    private static TranscriptUser Member(string room) => room switch
    {
        "teams-group" => People.Dirk.InGroup(),
        "teams-channel" => People.Dirk.InChannel(),
        "slack-group" => People.Chris.InGroup("G0MPIM"),
        _ => People.Chris.InChannel("C0GENERAL"),
    };

    private static TranscriptUser Manager(string room) => room switch
    {
        "teams-group" => People.Anna.InGroup(),
        "teams-channel" => People.Anna.InChannel(),
        "slack-group" => People.Chris.InGroup("G0MPIM"),
        _ => People.Chris.InChannel("C0GENERAL"),
    };

    [Theory]
    [MemberData(nameof(Rooms))]
    public async Task MyDataAskedInARoomGoesToTheAskersPersonalChat(string room)
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        await host.Transcript(Member(room)).Send("my data")
            .ExpectSentPrivatelyNote()
            .ExpectPrivateCard(CardKind.Info, c => Assert.Contains("Acme–Globex", People.Texts(c), StringComparison.Ordinal))
            .RunAsync();
    }

    [Theory]
    [MemberData(nameof(Rooms))]
    public async Task AManagersDriftAskedInARoomGoesToTheManagerOnly(string room)
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        await host.Transcript(Manager(room)).Send("drift")
            .ExpectSentPrivatelyNote()
            .ExpectPrivateCard(CardKind.Drift)
            .RunAsync();
    }

    [Theory]
    [MemberData(nameof(Rooms))]
    public async Task WhereAreWeInARoomThatIsNotLinkedShowsTheRoomNothingOfTheAlliance(string room)
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        await host.Transcript(Member(room)).Send("where are we?")
            .ExpectMessage(m => Assert.DoesNotContain("Acme", m.Text, StringComparison.Ordinal))
            .ExpectPrivateCard(CardKind.HealthCheck)
            .Send("what moves us right?").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.HealthCheck)
            .RunAsync();
    }

    [Theory]
    [MemberData(nameof(Rooms))]
    public async Task PersonalCommandsInARoomAreAnsweredPrivately(string room)
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        await host.Transcript(Member(room))
            .Send("forget me").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Confirm)
            .Send("pulse").ExpectSentPrivatelyNote().SkipPrivate()
            .Send("stop reminders").ExpectSentPrivatelyNote().ExpectPrivateMessage("Acme–Globex")
            .Send("leave").ExpectSentPrivatelyNote().SkipPrivate()
            .RunAsync();
    }

    [Theory]
    [MemberData(nameof(Rooms))]
    public async Task ManagerCommandsInARoomAreAnsweredPrivately(string room)
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        await host.Transcript(Manager(room))
            .Send("members").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Info)
            .Send("invite").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Info, c => Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", People.CodeOf(c)))
            .Send("export").ExpectSentPrivatelyNote().SkipPrivate()
            .RunAsync();
    }

    [Fact]
    public async Task AJoinCodeTypedInARoomIsAnsweredPrivately()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.CreateAsync(host);
        var code = await Scenario.InviteAsync(host, People.Anna, "Globex");

        await host.Transcript(People.Bram.InGroup()).Send($"join {code}")
            .ExpectSentPrivatelyNote()
            .ExpectPrivateCard(CardKind.Welcome)
            .RunAsync();
    }

    [Fact]
    public async Task CreatingAnAllianceStartedInARoomAsksItsQuestionsInThePersonalChat()
    {
        await using var host = await AllianceTestHost.StartAsync();

        await host.Transcript(People.Anna.InGroup())
            .Send("create alliance").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Choice, c => Assert.Equal("New alliance — step 1 of 6", c.Title))
            .Send("help").ExpectCard(CardKind.Help).ExpectSentPrivatelyNote()
            .ExpectPrivateMessage("Let's continue where we were:").ExpectPrivateCard(CardKind.Choice, c => Assert.Equal("New alliance — step 1 of 6", c.Title))
            .As(People.Anna).Send("Acme–Globex").ExpectCard(CardKind.Choice, c => Assert.Contains("Which organisation", People.Texts(c), StringComparison.Ordinal))
            .As(People.Anna.InGroup()).Send("help").ExpectCard(CardKind.Help)
            .As(People.Anna).Send("Acme").ExpectCard(CardKind.Choice, c => Assert.Contains("other partners", People.Texts(c), StringComparison.Ordinal))
            .RunAsync();
    }

    [Fact]
    public async Task AButtonClickedInARoomIsAnsweredForItsAudience()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        // The welcome card is for anyone; its "Where are we?" button asks for the alliance's figures.
        await host.Transcript(People.Dirk.InChannel())
            .Install().ExpectCard(CardKind.Welcome)
            .ClickButton("Where are we?").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.HealthCheck)
            .RunAsync();
    }

    [Fact]
    public async Task HelpAndTheDemoAreForAnyoneAndStayInTheRoom()
    {
        await using var host = await AllianceTestHost.StartAsync();

        await host.Transcript(People.Olga.InGroup())
            .Send("help").ExpectCard(CardKind.Help)
            .Send("cancel").ExpectMessage()
            .RunAsync();
    }

    [Fact]
    public async Task InThePersonalChatEverythingIsAnsweredInPlaceOnTeamsAndSlack()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        await host.Transcript(People.Dirk)
            .Send("my data").ExpectCard(CardKind.Info)
            .Send("where are we?").ExpectCard(CardKind.HealthCheck)
            .As(People.Anna).Send("drift").ExpectCard(CardKind.Drift, c => Assert.NotEmpty(c.Body))
            .As(People.Chris).Send("my data").ExpectCard(CardKind.Info)
            .Send("where are we?").ExpectCard(CardKind.HealthCheck, c => Assert.Contains(c.Actions, a => a.Title == "Drift"))
            .Send("drift").ExpectCard(CardKind.Drift)
            .RunAsync();
    }
}
