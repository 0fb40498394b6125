using AllianceBot.Data.Alliances;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Commitments;
using AllianceBot.Data.Members;
using AllianceBot.Data.Privacy;
using AllianceBot.Dialogs.Commitments;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Tests.HealthCheck;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Commitments;

/// <summary>
/// Commitments end to end through the router over real SQLite and PostgreSQL: advice card → "commit N" and the Commit
/// button → refusals that store nothing → "done N" → the due round closes → both partners' health check and list show
/// kept and missed beside the movement of the targeted dimension. (The reminder through the outbox and the close are
/// the round lifecycle's: tests/Scheduling.Tests/Lifecycle/CommitmentLifecycleTests.cs.)
/// </summary>
public sealed class CommitmentTranscriptTests
{
    private static readonly TranscriptUser Greta = new(new MemberIdentity(MemberIdentity.Teams, "tenant-a", "29:greta"), "Greta Keller", "de-DE",
        Turns.ConversationKind.Personal, "a:greta-1on1");

    private static readonly TranscriptUser Dana = new(new MemberIdentity(MemberIdentity.Teams, "tenant-a", "29:dana"), "Dana Member", "en-GB",
        Turns.ConversationKind.Personal, "a:dana-1on1");

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task AManagerCommitsTheOwnerIsDoneTheRestIsMissedAndBothPartnersSeeIt(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        var alliance = await Scenario(host);
        var id = alliance.Alliance.Id;
        var commitButton = new Dictionary<string, string>(StringComparer.Ordinal);
        string? secondItem = null;

        await host.Transcript(Dana)
            .Send("commit 1").ExpectMessage("Only managers can make commitments")
            .Send("what moves us right?").ExpectCard(CardKind.HealthCheck, card =>
            {
                // Members (not allowed to commit) see numbered items without buttons.
                var lists = card.Body.OfType<BulletList>().Where(b => b.Title is "Do" or "Don't").ToList();
                Assert.StartsWith("1. ", lists[0].Items[0], StringComparison.Ordinal);
                Assert.All(lists, l => Assert.Null(l.SecondActions));
            })
            .RunAsync();
        Assert.Empty(await host.Database.ListCommitmentsAsync(id, default));

        await host.Transcript(TranscriptUser.Anna)
            .Send("what moves us right?").ExpectCard(CardKind.HealthCheck, card =>
            {
                var dos = card.Body.OfType<BulletList>().First(b => b.Title == "Do");
                Assert.Equal(dos.Items.Count, dos.SecondActions!.Count);
                var second = dos.SecondActionFor(1)!;
                Assert.Equal(("Commit", CommitmentCards.CommitVerb), (second.Title, second.Verb));
                foreach (var (key, value) in second.Data)
                {
                    commitButton[key] = value;
                }

                secondItem = dos.Items[1];
                Assert.Contains(card.Body, b => b is Heading { Text: "Commitments" });
                Assert.Contains(card.Body, b => b is Paragraph p && p.Text.Contains("No commitments yet", StringComparison.Ordinal));
            })
            .Send("commit 99").ExpectMessage("There is no item 99 on the advice card")
            .Send("commit x").ExpectMessage("\"x\" is not an item number")
            .Send("commit 1 for Nobody Here").ExpectMessage("couldn't find an active member called \"Nobody Here\"")
            .Send("commit 1 by 2").ExpectMessage("Round 2 can't be the due round: choose a round from 5 to 17")
            .Send("commit 1 tomorrow").ExpectMessage("I didn't understand \"tomorrow\"")
            .Send("commit 1 for Dana").ExpectCard(CardKind.Info, card =>
            {
                Assert.Equal("Commitment 1 made", card.Title);
                var facts = card.Body.OfType<FactList>().Single().Facts;
                Assert.Contains(facts, f => f is { Label: "Owner", Value: "Dana Member" });
                Assert.Contains(facts, f => f is { Label: "Due", Value: "when round 5 closes" });
            })
            .Send("commit 1").ExpectMessage("Item 1 is already commitment 1, open until round 5 closes.")
            .Click(CommitmentCards.CommitVerb, commitButton).ExpectCard(CardKind.Info, card =>
            {
                Assert.Equal("Commitment 2 made", card.Title);
                Assert.StartsWith("2. " + card.Body.OfType<Paragraph>().First().Text, secondItem!, StringComparison.Ordinal);
                Assert.Contains(card.Body.OfType<FactList>().Single().Facts, f => f is { Label: "Owner", Value: "Anna Smith" });
            })
            .RunAsync();

        await host.Transcript(Dana)
            .Send("done 2").ExpectMessage("Only the owner of commitment 2 (Anna Smith) or a manager can mark it done.")
            .Send("done 9").ExpectMessage("There is no commitment 9")
            .Send("done 1").ExpectCard(CardKind.Info, card => Assert.Equal("Commitment 1 kept", card.Title))
            .Send("done 1").ExpectMessage("Commitment 1 is already kept.")
            .RunAsync();

        // Round 5 closes (the lifecycle's close marks what is still open as missed).
        var people = await PeopleOf(host, alliance);
        await host.ClosedRoundAsync(alliance, 0, people.Select((m, i) => (m, 3 + (i % 2), 3 + (i % 2))));
        Assert.Equal(1, await host.Database.MarkCommitmentsMissedAsync(id, 5, host.Now, default));

        await host.Transcript(TranscriptUser.Bram)
            .Send("waar staan we?").ExpectCard(CardKind.HealthCheck, card =>
            {
                var at = card.Body.ToList().FindIndex(b => b is Heading { Text: "Toezeggingen" });
                Assert.True(at > 0, "no commitments section on the other partner's card");
                Assert.Contains(card.Body, b => b is Paragraph { Text: "1 nagekomen, 1 gemist, 0 open." });
                var kept = card.Body.OfType<BulletList>().Single(b => b.Title == "Nagekomen").Items.Single();
                Assert.StartsWith("#1 ", kept, StringComparison.Ordinal);
                Assert.Contains("Dana Member", kept, StringComparison.Ordinal);
                Assert.Contains("van ronde 4 tot ronde 5", kept, StringComparison.Ordinal);
                var missed = card.Body.OfType<BulletList>().Single(b => b.Title == "Gemist").Items.Single();
                Assert.Contains("Anna Smith", missed, StringComparison.Ordinal);
            })
            .Send("toezeggingen").ExpectCard(CardKind.Info, card =>
            {
                Assert.Equal("Toezeggingen", card.Title);
                Assert.Contains(card.Body, b => b is Paragraph { Text: "1 nagekomen, 1 gemist, 0 open." });
            })
            .RunAsync();

        var audit = await host.Database.ListAuditAsync(id, 100, default);
        Assert.Equal(2, audit.Count(e => e.Action == "commitment.made"));
        Assert.Single(audit, e => e.Action == "commitment.kept");
    }

    [Fact]
    public async Task MembersMayCommitOnlyWhenAManagerSwitchesItOn()
    {
        await using var host = await HealthTestHost.StartAsync();
        var alliance = await Scenario(host);

        await host.Transcript(Dana)
            .Send("commitments members on").ExpectCard(CardKind.Error)
            .Send("beloof 1").ExpectMessage("alleen managers toezeggingen doen")
            .RunAsync();
        await host.Transcript(TranscriptUser.Anna)
            .Send("commitments members").ExpectMessage("Only managers can make commitments in Acme – Globex.")
            .Send("commitments members maybe").ExpectMessage("\"maybe\" is not on or off.")
            .Send("commitments members on").ExpectMessage("Members can make commitments in Acme – Globex.")
            .RunAsync();
        await host.Transcript(Dana)
            .Send("beloof 1 voor Bram uiterlijk ronde 6").ExpectCard(CardKind.Info, card =>
            {
                Assert.Equal("Toezegging 1 gedaan", card.Title);
                Assert.Contains(card.Body.OfType<FactList>().Single().Facts, f => f is { Label: "Eigenaar", Value: "Bram de Vries" });
                Assert.Contains(card.Body.OfType<FactList>().Single().Facts, f => f is { Label: "Uiterlijk", Value: "als ronde 6 sluit" });
            })
            .RunAsync();

        var stored = Assert.Single(await host.Database.ListCommitmentsAsync(alliance.Alliance.Id, default));
        Assert.Equal((6, (int?)4, CommitmentStatus.Open), (stored.DueRound, stored.BaseRound, stored.Status));
        Assert.Contains(await host.Database.ListAuditAsync(alliance.Alliance.Id, 100, default), e => e.Action == "commitments.members");
    }

    [Fact]
    public async Task ACommitmentMadeWhileARoundIsOpenIsDueTheRoundAfterItSoItsOwnerStillGetsTheReminder()
    {
        await using var host = await HealthTestHost.StartAsync();
        var alliance = await Scenario(host);
        // Round 5 is open: its pulses (and the reminders that ride with them) have gone out already.
        await host.ClosedRoundAsync(alliance, 0, [], close: false);

        await host.Transcript(TranscriptUser.Anna)
            .Send("commit 1 by 5").ExpectMessage("Round 5 can't be the due round: choose a round from 6 to 18")
            .Send("commit 1").ExpectCard(CardKind.Info)
            .RunAsync();

        var stored = Assert.Single(await host.Database.ListCommitmentsAsync(alliance.Alliance.Id, default));
        Assert.Equal((6, (int?)4), (stored.DueRound, stored.BaseRound));
    }

    /// <summary>
    /// Issue 17: German managers commit in German — "verpflichten N für NAME bis [zur] [Runde] N" and the other German
    /// commands — and bad input (unknown name, a round already past, garbage) is refused in German with nothing stored.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task AGermanManagerCommitsInGermanAndBadInputIsRefusedInGerman(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        var alliance = await Scenario(host);
        await host.JoinAsync(alliance, "Acme", Greta, MemberRole.Manager);
        var made = new List<(string Owner, string Due)>();
        void Made(CardView card, int number)
        {
            Assert.Equal($"Zusage {number} gemacht", card.Title);
            var facts = card.Body.OfType<FactList>().Single().Facts;
            made.Add((facts.Single(f => f.Label == "Verantwortlich").Value, facts.Single(f => f.Label == "Fällig").Value));
        }

        await host.Transcript(Greta)
            .Send("verpflichten 1 für Niemand Hier").ExpectMessage("Ich konnte in dieser Allianz kein aktives Mitglied namens „Niemand Hier“ finden.")
            .Send("verpflichten 1 bis 2").ExpectMessage("Runde 2 kann nicht die Fälligkeitsrunde sein: Wählen Sie eine Runde von 5 bis 17.")
            .Send("verpflichten 1 bis Runde 30").ExpectMessage("Runde 30 kann nicht die Fälligkeitsrunde sein")
            .Send("verpflichten 1 morgen früh").ExpectMessage("Ich habe „morgen früh“ nicht verstanden. Nach der Nummer können Sie „für NAME“ und „bis RUNDE“ angeben")
            .Send("verpflichten 1 bis zur Runde").ExpectMessage("Ich habe „bis zur Runde“ nicht verstanden.")
            .Send("verpflichten 1 für").ExpectMessage("Ich habe „für“ nicht verstanden.")
            .Send("verpflichten 1 für Dana bis zur Runde 6").ExpectCard(CardKind.Info, card => Made(card, 1))
            .Send("versprechen 2 für Bram spätestens Runde sieben").ExpectCard(CardKind.Info, card => Made(card, 2))
            .Send("wir verpflichten uns zu 3 bis 8 für Anna Smith").ExpectCard(CardKind.Info, card => Made(card, 3))
            .Send("zusage für punkt 4 für Runde 9").ExpectCard(CardKind.Info, card => Made(card, 4))
            .RunAsync();

        Assert.Equal(
            [("Dana Member", "mit dem Abschluss von Runde 6"), ("Bram de Vries", "mit dem Abschluss von Runde 7"),
             ("Anna Smith", "mit dem Abschluss von Runde 8"), ("Greta Keller", "mit dem Abschluss von Runde 9")],
            made);
        Assert.Equal([6, 7, 8, 9], (await host.Database.ListCommitmentsAsync(alliance.Alliance.Id, default)).Select(c => c.DueRound));

        // The switch in German: "an"/"aus" were refused as "neither on nor off".
        await host.Transcript(Greta)
            .Send("zusagen mitglieder vielleicht").ExpectMessage("„vielleicht“ ist weder an noch aus.")
            .Send("zusagen mitglieder an").ExpectMessage("Mitglieder können in Acme – Globex Zusagen machen.")
            .Send("zusagen mitglieder aus").ExpectMessage("Nur Manager können in Acme – Globex Zusagen machen.")
            .RunAsync();
    }

    /// <summary>
    /// Issue 17: "my data" lists the commitments a person owns or made, in every language; after "forget me" the
    /// commitment stays with the alliance but is no longer anyone's data of the forgotten person.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task MyDataListsTheCommitmentsAPersonOwnsOrMadeInEveryLanguage(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        var alliance = await Scenario(host);
        await host.JoinAsync(alliance, "Acme", Greta, MemberRole.Manager);
        await host.Transcript(TranscriptUser.Anna)
            .Send("commit 1 for Dana").ExpectCard(CardKind.Info)
            .Send("commit 2").ExpectCard(CardKind.Info)
            .RunAsync();
        await host.Transcript(Greta).Send("verpflichten 3 für Bram bis Runde 6").ExpectCard(CardKind.Info).RunAsync();
        IReadOnlyList<string> Mine(CardView card, string title) =>
            card.Body.OfType<BulletList>().SingleOrDefault(b => b.Title == title)?.Items ?? throw new Xunit.Sdk.XunitException(string.Join(" | ", card.Body.Select(b => b.ToString())));

        await host.Transcript(TranscriptUser.Anna).Send("my data").ExpectCard(CardKind.Info, card =>
        {
            var items = Mine(card, "Your commitments");
            Assert.Equal(2, items.Count);
            Assert.StartsWith("#1 ", items[0], StringComparison.Ordinal);
            Assert.EndsWith("(you made it for Dana Member; open, due when round 5 closes)", items[0], StringComparison.Ordinal);
            Assert.EndsWith("(you are the owner; open, due when round 5 closes)", items[1], StringComparison.Ordinal);
        }).RunAsync();
        await host.Transcript(Dana).Send("my data").ExpectCard(CardKind.Info, card =>
            Assert.EndsWith("(you are the owner; open, due when round 5 closes)", Assert.Single(Mine(card, "Your commitments")), StringComparison.Ordinal)).RunAsync();
        await host.Transcript(TranscriptUser.Bram).Send("mijn gegevens").ExpectCard(CardKind.Info, card =>
            Assert.EndsWith("(u bent de eigenaar; open, af te ronden als ronde 6 sluit)", Assert.Single(Mine(card, "Uw toezeggingen")), StringComparison.Ordinal)).RunAsync();
        await host.Transcript(Greta).Send("meine daten").ExpectCard(CardKind.Info, card =>
        {
            var item = Assert.Single(Mine(card, "Ihre Zusagen"));
            Assert.StartsWith("#3 ", item, StringComparison.Ordinal);
            Assert.EndsWith("(von Ihnen für Bram de Vries gemacht; offen, fällig mit dem Abschluss von Runde 6)", item, StringComparison.Ordinal);
        }).RunAsync();

        // Forget me: the commitment stays with the alliance (Bram still owns it), but nothing of Greta is left in it.
        await host.Database.ForgetMemberAsync(Greta.Identity, default);
        var third = (await host.Database.ListCommitmentsAsync(alliance.Alliance.Id, default)).Single(c => c.Number == 3);
        Assert.Null(third.MadeByMemberId);
        Assert.Equal("Bram de Vries", third.OwnerName);
        await host.Transcript(Greta).Send("meine daten").ExpectMessage("Ich speichere nichts über Sie.").RunAsync();
        await host.Transcript(TranscriptUser.Bram).Send("mijn gegevens").ExpectCard(CardKind.Info, card =>
            Assert.Single(Mine(card, "Uw toezeggingen"))).RunAsync();
    }

    [Theory]
    [InlineData("", null, null, null)]
    [InlineData("for Anna", "Anna", null, null)]
    [InlineData("for Anna de Vries by round 7", "Anna de Vries", 7, null)]
    [InlineData("by 6 for Bram", "Bram", 6, null)]
    [InlineData("voor Bram uiterlijk ronde 6", "Bram", 6, null)]
    [InlineData("voor ronde 6", null, 6, null)]
    [InlineData("by round", null, null, "by round")]
    [InlineData("tomorrow", null, null, "tomorrow")]
    [InlineData("for", null, null, "for")]
    [InlineData("für Anna bis 5", "Anna", 5, null)]
    [InlineData("für Anna Müller bis Runde 5", "Anna Müller", 5, null)]
    [InlineData("für Anna, bis zur Runde fünf", "Anna", 5, null)]
    [InlineData("spätestens Runde 6 für Bram", "Bram", 6, null)]
    [InlineData("für Runde 6", null, 6, null)]
    [InlineData("bis zum Ende der Runde 7", null, 7, null)]
    [InlineData("voor Bram tegen ronde 6", "Bram", 6, null)]
    [InlineData("by the end of round 4", null, 4, null)]
    [InlineData("bis morgen", null, null, "bis morgen")]
    [InlineData("für", null, null, "für")]
    [InlineData("bis 5 bis 6", null, null, "bis 6")]
    public void DetailsAfterTheNumberAreAnOwnerAndADueRound(string text, string? owner, int? due, string? unclear) =>
        Assert.Equal(new CommitDetails(owner, due, unclear), CommitDetails.Parse(text));

    private static async Task<CreatedAlliance> Scenario(HealthTestHost host)
    {
        var alliance = await host.CreateAllianceAsync(TranscriptUser.Anna, "Acme – Globex", "Acme", "Globex");
        await host.JoinAsync(alliance, "Globex", TranscriptUser.Bram, MemberRole.Manager);
        await host.JoinAsync(alliance, "Acme", Dana);
        var people = (await host.PeopleAsync(alliance, "Acme", 5)).Concat(await host.PeopleAsync(alliance, "Globex", 5)).ToList();
        for (var monthsAgo = 4; monthsAgo >= 1; monthsAgo--)
        {
            await host.ClosedRoundAsync(alliance, monthsAgo, people.Select((m, i) => (m, 3 + (i % 2), 4 + (i % 2))));
        }

        return alliance;
    }

    private static async Task<IReadOnlyList<Member>> PeopleOf(HealthTestHost host, CreatedAlliance alliance) =>
        [.. (await host.Database.ListRoundMembersAsync(alliance.Alliance.Id, default))
            .Where(r => r.Reference.TenantId == "tests-simulated")
            .Select(r => new Member(r.MemberId, alliance.Alliance.Id, r.PartnerId, r.ContactId, r.Role, true, null, host.Now, null))];
}
