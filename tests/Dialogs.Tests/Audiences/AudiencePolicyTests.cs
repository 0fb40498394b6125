using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Members;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Tests.Alliances;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Audiences;

/// <summary>The audience of every intent and card verb, and the decision that follows from it per conversation.</summary>
public sealed class AudiencePolicyTests
{
    [Fact]
    public void EveryIntentHasAnAudienceAndWhatIsAboutSomeoneIsNeverForAnyone()
    {
        var audiences = Enum.GetValues<Intent>().ToDictionary(i => i, AudiencePolicy.Of);

        Assert.All(audiences.Values, a => Assert.True(Enum.IsDefined(a)));
        Assert.All([Intent.MyData, Intent.ForgetMe, Intent.Pulse, Intent.Leave, Intent.Join, Intent.Language, Intent.StopReminders, Intent.CreateAlliance],
            i => Assert.Equal(Audience.Personal, audiences[i]));
        Assert.All([Intent.WhereAreWe, Intent.WhatMovesUsRight], i => Assert.Equal(Audience.Member, audiences[i]));
        Assert.All([Intent.Drift, Intent.Members, Intent.Export, Intent.Invite, Intent.RevokeCode, Intent.Anonymity, Intent.RoundNow, Intent.ImportRoster],
            i => Assert.Equal(Audience.Manager, audiences[i]));
        Assert.Equal([Intent.Help, Intent.Demo, Intent.Cancel, Intent.LinkRoom, Intent.LinkRoomForManagers, Intent.UnlinkRoom,
                Intent.ExplainModel, Intent.ExplainCalculative, Intent.ExplainRelational, Intent.ExplainPhases, Intent.ExplainDellGetronics, Intent.Glossary],
            audiences.Where(a => a.Value == Audience.Anyone).Select(a => a.Key).Order());
    }

    [Fact]
    public async Task EveryCardVerbDeclaresAnAudienceAndThePersonalAndManagerOnesSaySo()
    {
        await using var host = await AllianceTestHost.StartAsync();
        var verbs = host.Router.VerbAudiences;

        Assert.NotEmpty(verbs);
        Assert.All(verbs.Values, a => Assert.True(Enum.IsDefined(a)));
        Assert.Equal(Audience.Personal, verbs[PulseCards.SubmitVerb]);
        Assert.Equal(Audience.Personal, verbs[PulseCards.ChangeVerb]);
        Assert.Equal(Audience.Personal, verbs[MemberSelfServiceDialog.ForgetVerb]);
        Assert.Equal(Audience.Manager, verbs[JoinCodesDialog.RevokeVerb]);
        Assert.Equal(Audience.Manager, verbs[ManageAllianceDialog.DeleteVerb]);
    }

    [Fact]
    public void AVerbWithoutADeclaredAudienceIsRefusedAtRegistration()
    {
        var routes = new DialogRoutes();

        Assert.Throws<ArgumentOutOfRangeException>(() => routes.OnOpenVerb("test.verb", (Audience)42, _ => Task.FromResult(TurnResult.None)));
    }

    public static TheoryData<ConversationKind, Audience, Readers> WithoutLinks => new()
    {
        { ConversationKind.Personal, Audience.Anyone, Readers.Asker },
        { ConversationKind.Personal, Audience.Personal, Readers.Asker },
        { ConversationKind.Personal, Audience.Member, Readers.Asker },
        { ConversationKind.Personal, Audience.Manager, Readers.Asker },
        { ConversationKind.Group, Audience.Anyone, Readers.Anyone },
        { ConversationKind.Group, Audience.Personal, Readers.Asker },
        { ConversationKind.Group, Audience.Member, Readers.Asker },
        { ConversationKind.Group, Audience.Manager, Readers.Asker },
        { ConversationKind.Channel, Audience.Anyone, Readers.Anyone },
        { ConversationKind.Channel, Audience.Member, Readers.Asker },
        { ConversationKind.Channel, Audience.Manager, Readers.Asker },
    };

    [Theory]
    [MemberData(nameof(WithoutLinks))]
    public async Task WithoutALinkOnlyAnswersForAnyoneReachTheRoom(ConversationKind kind, Audience audience, Readers expected)
    {
        var turn = TurnIn(kind);

        Assert.Equal(expected, (await new NoRoomLinks().DecideAsync(turn, audience, default)).Readers);
        await using var host = await AllianceTestHost.StartAsync();
        Assert.Equal(expected, (await host.Rooms.DecideAsync(turn, audience, default)).Readers);
    }

    private static Turn TurnIn(ConversationKind kind)
    {
        var user = kind switch
        {
            ConversationKind.Group => People.Dirk.InGroup(),
            ConversationKind.Channel => People.Dirk.InChannel(),
            _ => People.Dirk,
        };
        return new Turn(TurnKind.Message, user.Identity, user.DisplayName, user.Conversation, user.ConversationKind, user.Locale, user.TimeZone,
            "where are we?", null, "1", null, DateTimeOffset.UnixEpoch);
    }
}
