using AllianceBot.Data.Audit;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Tests.Alliances;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Audiences;

/// <summary>
/// A group chat or channel shows an alliance's figures only when a manager linked it to the alliance on purpose
/// ("link this channel"); manager views only when it is linked for managers, or every person on its roster is a
/// manager. A linked room is about its own alliance: an answer about another one still goes privately.
/// </summary>
public sealed class LinkedConversationTests
{
    private static readonly TranscriptUser AnnaInChannel = People.Anna.InChannel();
    private static readonly TranscriptUser DirkInChannel = People.Dirk.InChannel();

    [Fact]
    public async Task AfterAManagerLinksTheChannelMembersSeeTheHealthCheckThereWithoutManagerParts()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        await host.Transcript(AnnaInChannel)
            .Send("link this channel").ExpectCard(CardKind.Info, c => Assert.Equal("This conversation is linked to Acme–Globex", c.Title))
            .Send("where are we?").ExpectCard(CardKind.HealthCheck, c => Assert.DoesNotContain(c.Actions, a => a.Title == "Drift"))
            .As(DirkInChannel).Send("where are we?").ExpectCard(CardKind.HealthCheck)
            .Send("what moves us right?").ExpectCard(CardKind.HealthCheck)
            .Send("my data").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Info)
            .As(AnnaInChannel).Send("drift").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Drift)
            .Send("members").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Info)
            .RunAsync();

        var alliance = (await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default)).Single().AllianceId;
        var linked = Assert.Single(await host.Database.ListAuditAsync(alliance, 100, default), e => e.Action == "room.linked");
        Assert.NotNull(linked.ActorId);
        Assert.Contains("19:alliance-channel", linked.DetailJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADutchManagerLinksWithKoppelAndUnlinksWithOntkoppel()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        var bram = People.Bram.InGroup("19:globex-chat@thread.v2");

        await host.Transcript(bram)
            .Send("koppel deze chat").ExpectCard(CardKind.Info, c => Assert.Equal("Dit gesprek is gekoppeld aan Acme–Globex", c.Title))
            .Send("waar staan we?").ExpectCard(CardKind.HealthCheck)
            .Send("ontkoppel dit kanaal").ExpectCard(CardKind.Info, c => Assert.Equal("Koppeling verwijderd", c.Title))
            .Send("waar staan we?").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.HealthCheck)
            .RunAsync();
    }

    [Fact]
    public async Task OnlyAManagerOfTheAllianceLinksOrUnlinksARoom()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        await host.Transcript(DirkInChannel)
            .Send("link this channel").ExpectCard(CardKind.Error)
            .Send("where are we?").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.HealthCheck)
            .As(People.Olga.InChannel()).Send("link this channel").ExpectCard(CardKind.Info, c => Assert.Equal("No alliance yet", c.Title))
            .As(AnnaInChannel).Send("link this channel").ExpectCard(CardKind.Info)
            .As(DirkInChannel).Send("unlink this channel").ExpectCard(CardKind.Error)
            .Send("where are we?").ExpectCard(CardKind.HealthCheck)
            .As(AnnaInChannel).Send("unlink this channel").ExpectCard(CardKind.Info, c => Assert.Equal("Link removed", c.Title))
            .Send("unlink this channel").ExpectMessage("not linked")
            .As(DirkInChannel).Send("where are we?").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.HealthCheck)
            .RunAsync();
    }

    [Fact]
    public async Task LinkingIsForGroupChatsAndChannels()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        await host.Transcript(People.Anna)
            .Send("link this channel").ExpectMessage("group chat or channel")
            .Send("unlink this channel").ExpectMessage("group chat or channel")
            .RunAsync();
    }

    [Fact]
    public async Task ManagerViewsAppearInALinkedRoomOnlyWhileEveryoneOnItsRosterIsAManager()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        host.Roster.Entries.Add(Entry(People.Anna));

        await host.Transcript(AnnaInChannel)
            .Send("link this channel").ExpectCard(CardKind.Info)
            .Send("drift").ExpectCard(CardKind.Drift)
            .Send("where are we?").ExpectCard(CardKind.HealthCheck)
            .Then(() => host.Roster.Entries.Add(Entry(People.Dirk)))
            .Send("drift").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Drift)
            .RunAsync();
    }

    [Fact]
    public async Task ARoomLinkedForManagersShowsTheManagerViews()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);

        await host.Transcript(AnnaInChannel)
            .Send("link this channel for managers").ExpectCard(CardKind.Info, c => Assert.Contains("for Acme–Globex's managers", People.Texts(c), StringComparison.Ordinal))
            .Send("drift").ExpectCard(CardKind.Drift)
            .Send("where are we?").ExpectCard(CardKind.HealthCheck, c => Assert.Contains(c.Actions, a => a.Title == "Drift"))
            .Send("members").ExpectCard(CardKind.Info)
            .Send("my data").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Info)
            .RunAsync();
    }

    [Fact]
    public async Task ALinkedRoomIsAboutItsOwnAllianceAndAnAnswerAboutAnotherGoesPrivately()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        await host.Transcript(People.Anna)
            .Send("create alliance \"Acme–Hooli\" as Acme with Hooli tz Europe/Amsterdam lang en").ExpectCard(CardKind.Info)
            .RunAsync();
        var mine = await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default);
        var hooli = mine.Single(a => a.AllianceName == "Acme–Hooli").AllianceId;

        await host.Transcript(AnnaInChannel)
            .Send("link this channel").ExpectCard(CardKind.Choice)
            .ClickButton("Acme–Globex").ExpectCard(CardKind.Info, c => Assert.Equal("This conversation is linked to Acme–Globex", c.Title))
            .Send("where are we?").ExpectCard(CardKind.HealthCheck, c => Assert.Contains("Acme–Globex", c.Subtitle, StringComparison.Ordinal))
            .Click(DialogVerbs.RunIntent, new Dictionary<string, string>
            {
                [DialogVerbs.IntentKey] = "where-are-we",
                [Access.AllianceScopes.AllianceKey] = hooli.ToString(),
            })
            .ExpectSentPrivatelyNote()
            .ExpectPrivateCard(CardKind.HealthCheck, c => Assert.Contains("Acme–Hooli", c.Subtitle, StringComparison.Ordinal))
            .RunAsync();
    }

    [Fact]
    public async Task ASlackChannelIsLinkedTheSameWay()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        var chris = People.Chris.InChannel("C0INITECH");

        await host.Transcript(chris)
            .Send("where are we?").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.HealthCheck)
            .Send("link this channel").ExpectCard(CardKind.Info)
            .Send("where are we?").ExpectCard(CardKind.HealthCheck)
            .As(People.Chris.InChannel("C0RANDOM")).Send("where are we?").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.HealthCheck)
            .RunAsync();
    }

    private static RosterEntry Entry(TranscriptUser user) =>
        new(new ConversationReference(user.Identity.Channel, user.Identity.TenantId, user.Identity.UserId, "https://smba.trafficmanager.net/emea/", null, "28:alliancebot"), user.DisplayName);
}
