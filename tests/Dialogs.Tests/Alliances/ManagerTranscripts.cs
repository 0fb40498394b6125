using AllianceBot.Data.Alliances;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Moq;

namespace AllianceBot.Dialogs.Tests.Alliances;

public sealed class ManagerTranscripts
{
    private static async Task<Guid> AllianceIdAsync(AllianceTestHost host) =>
        (await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default))[0].AllianceId;

    [Fact]
    public async Task PhaseInBothLanguagesKeepsHistoryAndNamesThePhases()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        await host.Transcript(People.Anna)
            .Then(() => host.Time.Advance(TimeSpan.FromMinutes(1)))
            .Send("phase 2 contract signed").ExpectCard(CardKind.Info, c =>
            {
                Assert.Equal("Phase set: 2. Confirmation", c.Title);
                Assert.Contains("Was: 1. Getting acquainted", People.Texts(c), StringComparison.Ordinal);
                Assert.Contains("Reason: contract signed", People.Texts(c), StringComparison.Ordinal);
            })
            .Then(() => host.Time.Advance(TimeSpan.FromMinutes(1)))
            .As(People.Bram).Send("fase drie").ExpectCard(CardKind.Info, c => Assert.Equal("Fase ingesteld: 3. Uitvoer en afsluiting", c.Title))
            .As(People.Anna).Send("phase 7").ExpectCard(CardKind.Info, c => Assert.Contains("3. Execution and closure", People.Texts(c), StringComparison.Ordinal))
            .As(People.Dirk).Send("phase 1").ExpectCard(CardKind.Error, c => Assert.Contains("Only the alliance's managers", People.Texts(c), StringComparison.Ordinal))
            .As(People.Eva).Send("fase 1").ExpectCard(CardKind.Error, c => Assert.Contains("Alleen de managers", People.Texts(c), StringComparison.Ordinal))
            .RunAsync();

        var id = await AllianceIdAsync(host);
        var history = await host.Database.GetPhaseHistoryAsync(id, default);
        Assert.Equal([Phase.GettingAcquainted, Phase.Confirmation, Phase.Execution], history.Select(h => h.Phase));
        Assert.Equal("contract signed", history[1].Reason);
        Assert.Contains(await host.Database.ListAuditAsync(id, 100, default), e => e.Action == "phase.set");
    }

    [Fact]
    public async Task AnonymityScheduleMembersAndExportInBothLanguages()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        var id = await AllianceIdAsync(host);
        await host.Transcript(People.Anna)
            .Send("anonymity 30").ExpectMessage("\"30\" is not allowed: the anonymity threshold is a whole number from 3 to 25.")
            .Send("anonymity 2").ExpectMessage("from 3 to 25")
            .Send("anonymity 7").ExpectCard(CardKind.Info, c => Assert.Contains("at least 7 respondents", People.Texts(c), StringComparison.Ordinal))
            .As(People.Bram).Send("anonimiteit 26").ExpectMessage("van 3 tot 25")
            .Send("anonimiteit 8").ExpectCard(CardKind.Info, c => Assert.Equal("Anonimiteitsdrempel ingesteld", c.Title))
            .Send("anonimiteit 5").ExpectCard(CardKind.Info, c => Assert.Equal("Anonimiteitsdrempel verlagen", c.Title))
            .As(People.Anna).Send("schedule first wednesday 09:00").ExpectCard(CardKind.Info, c => Assert.Contains("Next round: 7 April 2026 10:00", People.Texts(c), StringComparison.Ordinal))
            .Send("schedule never ever").ExpectMessage("I couldn't use \"never ever\" as a schedule: I can't tell which day \"never\" means.")
            .Send("schedule first tuesday 25:00").ExpectMessage("\"25:00\" is not a time. Write it as 10:00, 9.30 or 9h")
            .As(People.Bram).Send("planning elke 13 weken op maandag 9:00").ExpectMessage("elke 13 weken kan niet: kies 1 tot 12 weken.")
            .Send("planning").ExpectMessage("Rondes openen: de eerste dinsdag van elke maand om 10:00 (Europe/Amsterdam)")
            .As(People.Anna).Send("schedule").ExpectMessage("Rounds open: the first Tuesday of every month at 10:00 (Europe/Amsterdam)")
            .Send("zeitplan").ExpectMessage("Runden beginnen: jeden ersten Dienstag im Monat um 10:00 Uhr (Europe/Amsterdam)")
            .As(People.Anna).Send("members").ExpectCard(CardKind.Info, c =>
            {
                var table = Assert.IsType<TableBlock>(c.Body[0]);
                Assert.Equal(["Acme|2|1|2", "Globex|2|1|2", "Initech|1|1|1"], table.Rows.Select(r => string.Join("|", r)));
                Assert.DoesNotContain("Dirk", People.Texts(c), StringComparison.Ordinal);
            })
            .As(People.Bram).Send("leden").ExpectCard(CardKind.Info, c => Assert.Contains("Alleen aantallen", People.Texts(c), StringComparison.Ordinal))
            .As(People.Anna).Send("export").ExpectCard(CardKind.Info, c =>
            {
                var link = Assert.IsType<OpenUrlAction>(Assert.Single(c.Actions));
                Assert.Equal($"https://bot.example.com/export/{id:D}.csv?exp=1&sig=x", link.Url);
            })
            .As(People.Bram).Send("exporteer").ExpectCard(CardKind.Info, c => Assert.Equal("CSV downloaden", c.Actions[0].Title))
            .As(People.Dirk).Send("export").ExpectCard(CardKind.Error)
            .As(People.Chris).Send("members").ExpectCard(CardKind.Info)
            .RunAsync();

        var alliance = (await host.Database.GetAllianceAsync(id, default))!;
        // Raising is immediate; lowering is only a proposal until a manager of every partner agrees.
        Assert.Equal((8, 10), (alliance.AnonymityK, alliance.CommentK));
        Assert.Equal(5, (await host.Database.GetAnonymityStateAsync(id, DateTimeOffset.UtcNow, default)).PendingK);
        host.Rounds.Verify(r => r.ChangeScheduleAsync(id, "first wednesday 09:00", It.IsAny<CancellationToken>()), Times.Once);
        host.Exports.Verify(e => e.For(id), Times.Exactly(2));
    }

    [Fact]
    public async Task DeletingNeedsTheConfirmationOfTheSameManagerAndUnschedules()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        var id = await AllianceIdAsync(host);
        CardView? confirm = null;
        await host.Transcript(People.Anna)
            .Send("delete alliance").ExpectCard(CardKind.Confirm, c =>
            {
                confirm = c;
                Assert.Contains("all 3 partners and 5 members", People.Texts(c), StringComparison.Ordinal);
                Assert.Equal(ActionStyle.Destructive, ((SubmitAction)c.Actions[0]).Style);
            })
            .ClickButton("Keep it").ExpectReplacedCard(CardKind.Info, c => Assert.Equal("Nothing changed", c.Title))
            .RunAsync();
        var delete = (SubmitAction)confirm!.Actions[0];

        // Forwarded to Bram (also a manager) or replayed by Dirk: the card was not shown to them.
        await host.Transcript(People.Bram).Click(delete.Verb, delete.Data).ExpectMessage("That button was meant for someone else")
            .As(People.Dirk).Click(delete.Verb, delete.Data).ExpectMessage("That button was meant for someone else")
            .As(People.Dirk).Send("delete alliance").ExpectCard(CardKind.Error)
            .RunAsync();
        Assert.NotNull(await host.Database.GetAllianceAsync(id, default));

        await host.Transcript(People.Anna).Click(delete.Verb, delete.Data).ExpectReplacedCard(CardKind.Info, c => Assert.Equal("Alliance deleted", c.Title))
            .Click(delete.Verb, delete.Data).ExpectCard(CardKind.Error, c => Assert.Contains("not a member of that alliance", People.Texts(c), StringComparison.Ordinal))
            .RunAsync();
        Assert.Null(await host.Database.GetAllianceAsync(id, default));
        host.Rounds.Verify(r => r.UnscheduleAsync(id, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task PromoteDemoteRemoveWithinOwnOrganisationOnlyAndNeverTheLastManager()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        await Scenario.JoinAsync(host, People.Dirk2, await Scenario.InviteAsync(host, People.Anna, ""));
        var id = await AllianceIdAsync(host);
        var bram = (await host.Database.FindMembershipAsync(id, People.Bram.Identity, default))!;

        await host.Transcript(People.Anna)
            .Send("demote Anna Smith").ExpectCard(CardKind.Error, c => Assert.Contains("last manager", People.Texts(c), StringComparison.Ordinal))
            .Send("leave").ExpectCard(CardKind.Error, c => Assert.Contains("last manager", People.Texts(c), StringComparison.Ordinal))
            .Send("remove Bram").ExpectMessage("I found nobody called \"Bram\" among Acme's members.")
            .Send("promote Dirk").ExpectCard(CardKind.Choice, c => Assert.Equal(["Dirk de Boer (member)", "Dirk Jansen (member)"], c.Actions.Select(a => a.Title)))
            .ClickButton("Dirk Jansen (member)").ExpectCard(CardKind.Info, c => Assert.Equal("Dirk Jansen is now a manager for Acme.", People.Texts(c)))
            .Send("promote dirk jansen").ExpectMessage("Dirk Jansen is already a manager.")
            .Send("demote Jansen").ExpectCard(CardKind.Confirm)
            .ClickButton("Demote Dirk Jansen").ExpectReplacedCard(CardKind.Info, c => Assert.Equal("Manager demoted", c.Title))
            .Send("remove Dirk de Boer").ExpectCard(CardKind.Confirm, c => Assert.Contains("past answers stay", People.Texts(c), StringComparison.Ordinal))
            .ClickButton("Remove Dirk de Boer").ExpectReplacedCard(CardKind.Info, c => Assert.Equal("Member removed", c.Title))
            // A card edited to name Globex's manager: re-checked against Anna's own side.
            .Click(MemberRolesDialog.ConfirmVerb, new Dictionary<string, string>
            {
                ["alliance"] = id.ToString(), ["member"] = bram.Id.ToString(), ["change"] = "Remove", ["for"] = CardGuard.Fingerprint(People.Anna.Identity),
            }).ExpectCard(CardKind.Error, c => Assert.Contains("their own organisation", People.Texts(c), StringComparison.Ordinal))
            .As(People.Bram).Send("degradeer Eva").ExpectMessage("Eva Bakker is geen manager.")
            .As(People.Eva).Send("verwijder Bram").ExpectCard(CardKind.Error, c => Assert.Contains("Alleen de managers", People.Texts(c), StringComparison.Ordinal))
            .RunAsync();

        Assert.Null(await host.Database.FindMembershipAsync(id, People.Dirk2.Identity, default));
        Assert.Equal(MemberRole.Member, (await host.Database.FindMembershipAsync(id, People.Dirk.Identity, default))!.Role);
        Assert.NotNull(await host.Database.FindMembershipAsync(id, People.Bram.Identity, default));
        var audit = await host.Database.ListAuditAsync(id, 100, default);
        Assert.Contains(audit, e => e.Action == "member.promoted");
        Assert.Contains(audit, e => e.Action == "member.demoted");
        Assert.Contains(audit, e => e.Action == "member.removed");
    }

    [Fact]
    public async Task RosterImportAddsSameTenantPeopleToTheManagersSideOnlyInTeams()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        var id = await AllianceIdAsync(host);
        ConversationReference Person(string tenant, string user) => new(MemberIdentity.Teams, tenant, user, "https://smba.trafficmanager.net/emea/", null, null, null, "aad-" + user);
        host.Roster.Entries.AddRange(
        [
            new RosterEntry(Person("tenant-a", "29:anna"), "Anna Smith"),
            new RosterEntry(Person("tenant-a", "29:fleur"), "Fleur Visser"),
            new RosterEntry(Person("tenant-a", "29:gijs"), "Gijs Mulder"),
            new RosterEntry(Person("tenant-b", "29:guest"), "Guest From B"),
        ]);
        await host.Transcript(People.Anna)
            .Send("import roster").ExpectMessage("Type \"import roster\" in the Teams team")
            .As(People.Anna.InChannel()).Send("import roster").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Info, c =>
            {
                Assert.Contains("Added: 2", People.Texts(c), StringComparison.Ordinal);
                Assert.Contains("Already members: 1", People.Texts(c), StringComparison.Ordinal);
                Assert.Contains("Skipped (guests from another tenant): 1", People.Texts(c), StringComparison.Ordinal);
            })
            .As(People.Dirk.InChannel()).Send("import roster").ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.Error)
            .As(People.Chris.InChannel("C0GENERAL")).Send("import roster").ExpectSentPrivatelyNote().ExpectPrivateMessage("works in Microsoft Teams only")
            .RunAsync();

        var fleur = (await host.Database.FindMembershipAsync(id, new MemberIdentity(MemberIdentity.Teams, "tenant-a", "29:fleur"), default))!;
        var recipients = await host.Database.ListRoundMembersAsync(id, default);
        var reference = recipients.Single(r => r.MemberId == fleur.Id).Reference;
        Assert.Equal(("https://smba.trafficmanager.net/emea/", null, "28:alliancebot"), (reference.ServiceUrl, reference.ConversationId, reference.BotId));
        Assert.Equal("Acme", (await host.Database.ListMyAlliancesAsync(new MemberIdentity(MemberIdentity.Teams, "tenant-a", "29:fleur"), default))[0].PartnerName);
        Assert.Null(await host.Database.FindMembershipAsync(id, new MemberIdentity(MemberIdentity.Teams, "tenant-b", "29:guest"), default));
    }
}
