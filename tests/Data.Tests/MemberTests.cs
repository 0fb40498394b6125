using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

public class MemberTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ASightingWithoutLocaleKeepsTheLastOneAndRestoresReachability(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var person = await seed.PersonAsync("Bram");

        await seed.Contacts.MarkUnreachableAsync(person.Identity, "MessageWritesBlocked", Seed.Now, None);
        var blocked = await seed.Contacts.FindAsync(person.Identity, None);
        var seen = await seed.Contacts.RecordSightingAsync(new ContactSighting(person.Reference with { ConversationId = null }, null, null, null, Seed.Now.AddDays(1)), None);
        await seed.Contacts.SetPersonalConversationAsync(person.Identity, "a:new-1on1", None);
        var after = await seed.Contacts.FindAsync(person.Identity, None);

        Assert.False(blocked!.Reachable);
        Assert.True(seen.Reachable);
        Assert.Equal(person.Id, seen.Id);
        Assert.Equal(("nl-NL", "Europe/Amsterdam", "Bram", person.Reference.ConversationId), (seen.Locale, seen.TimeZone, seen.DisplayName, seen.Reference.ConversationId));
        Assert.Equal(Seed.Now.AddDays(1), seen.LastSeenAt);
        Assert.Equal("a:new-1on1", after!.Reference.ConversationId);
        Assert.Equal(person.Reference.AadObjectId, after.Reference.AadObjectId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MembersFromSeveralTenantsAndWorkspacesShareOneAlliance(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync();
        var teamsB = await seed.PersonAsync(tenant: "tenant-b");
        var slack = await seed.PersonAsync(channel: MemberIdentity.Slack, tenant: "T0001");

        var first = await test.Database.AddMemberAsync(new NewMember(world.Id, world.Partner(1).Id, teamsB.Id), Seed.Now, None);
        var again = await test.Database.AddMemberAsync(new NewMember(world.Id, world.Partner(1).Id, teamsB.Id), Seed.Now.AddDays(1), None);
        await test.Database.AddMemberAsync(new NewMember(world.Id, world.Partner(1).Id, slack.Id), Seed.Now, None);
        await seed.Contacts.MarkUnreachableAsync(slack.Identity, "account_inactive", Seed.Now, None);

        Assert.Equal(first, again);
        Assert.Equal(first, await test.Database.FindMembershipAsync(world.Id, teamsB.Identity, None));
        Assert.Null(await test.Database.FindMembershipAsync(world.Id, (await seed.PersonAsync()).Identity, None));
        var recipients = await test.Database.ListRoundMembersAsync(world.Id, None);
        Assert.Equal(3, recipients.Count);
        var slackRecipient = recipients.Single(r => r.ContactId == slack.Id);
        Assert.Equal((MemberIdentity.Slack, false, true), (slackRecipient.Reference.Channel, slackRecipient.Reachable, slackRecipient.RemindersEnabled));
        var counts = await test.Database.CountMembersAsync(world.Id, None);
        Assert.Equal([new PartnerHeadcount(world.Partner(1).Id, "Cisco", 2, 1), new PartnerHeadcount(world.Partner(0).Id, "KPN", 1, 1)], counts);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RolesPreferencesAndRemovalAreStored(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var (contact, member) = world.Members[0];

        var promoted = await test.Database.SetRoleAsync(member.Id, MemberRole.Manager, None);
        var quiet = await test.Database.SetPreferencesAsync(member.Id, new MemberPreferences(false, "en"), None);
        var recipient = (await test.Database.ListRoundMembersAsync(world.Id, None)).Single(r => r.MemberId == member.Id);
        var removed = await test.Database.RemoveMemberAsync(member.Id, Seed.Now.AddDays(2), None);
        var rejoined = await test.Database.AddMemberAsync(new NewMember(world.Id, world.Partner(0).Id, contact.Id), Seed.Now.AddDays(3), None);

        Assert.Equal(MemberRole.Manager, promoted.Role);
        Assert.Equal((false, "en"), (quiet.RemindersEnabled, quiet.LanguageOverride));
        Assert.Equal(("en", false), (recipient.Locale, recipient.RemindersEnabled));
        Assert.False(removed.Active);
        Assert.DoesNotContain(await test.Database.ListRoundMembersAsync(world.Id, None), r => r.MemberId == member.Id && removed.RemovedAt is null);
        Assert.True(rejoined.Active);
        Assert.Equal((member.Id, MemberRole.Manager), (rejoined.Id, rejoined.Role));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UnknownIdsAndBadIdentitiesAreTypedErrors(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync();
        var other = await seed.AllianceAsync();
        var person = await seed.PersonAsync();

        async Task<StorageErrorKind> Kind(Func<Task> act) => (await Assert.ThrowsAsync<StorageException>(act)).Kind;

        Assert.Equal(StorageErrorKind.NotFound, await Kind(() => test.Database.AddMemberAsync(new NewMember(world.Id, Guid.NewGuid(), person.Id), Seed.Now, None)));
        Assert.Equal(StorageErrorKind.Conflict, await Kind(() => test.Database.AddMemberAsync(new NewMember(world.Id, other.Partner(0).Id, person.Id), Seed.Now, None)));
        Assert.Equal(StorageErrorKind.NotFound, await Kind(() => test.Database.AddMemberAsync(new NewMember(world.Id, world.Partner(0).Id, Guid.NewGuid()), Seed.Now, None)));
        Assert.Equal(StorageErrorKind.NotFound, await Kind(() => test.Database.SetRoleAsync(Guid.NewGuid(), MemberRole.Manager, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => seed.Contacts.FindAsync(new MemberIdentity("E-Mail!", "t", "u"), None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => seed.Contacts.FindAsync(new MemberIdentity(MemberIdentity.Teams, "t", new string('u', 300)), None)));
        Assert.Equal(StorageErrorKind.NotFound, await Kind(() => seed.Contacts.SetPersonalConversationAsync(new MemberIdentity(MemberIdentity.Slack, "T1", "U1"), "D1", None)));
    }
}
