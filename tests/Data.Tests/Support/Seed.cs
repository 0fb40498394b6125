using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Tests.Support;

/// <summary>Builds the people and alliances a test talks about, through the real use cases.</summary>
public sealed class Seed(Database database)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The join-code key of the data tests (the bot reads it from Dialogs:JoinCodes:HashKey).</summary>
    public static readonly JoinCodes.JoinCodeHasher JoinCodes = new("data-tests-join-code-key-0123456789-0123456789");

    private int people;

    public Database Database => database;

    public ContactStore Contacts { get; } = new(database);

    public async Task<Contact> PersonAsync(string? name = null, string channel = MemberIdentity.Teams, string tenant = "tenant-a")
    {
        var n = Interlocked.Increment(ref people);
        var user = channel == MemberIdentity.Teams ? $"29:user-{n}-{Guid.NewGuid():N}" : $"U{n:D4}{Guid.NewGuid():N}"[..11].ToUpperInvariant();
        var reference = new ConversationReference(channel, tenant, user, channel == MemberIdentity.Teams ? "https://smba.example/emea/" : null,
            $"a:conv-{n}", "28:bot", "AllianceBot", channel == MemberIdentity.Teams ? Guid.NewGuid().ToString() : null);
        return await Contacts.RecordSightingAsync(new ContactSighting(reference, name ?? $"Person {n}", "nl-NL", "Europe/Amsterdam", Now), CancellationToken.None);
    }

    public async Task<AllianceWorld> AllianceAsync(int membersPerPartner = 0, string[]? partners = null)
    {
        var creator = await PersonAsync("Creator");
        partners ??= ["KPN", "Cisco"];
        var created = await database.CreateAllianceAsync(new NewAlliance("Cisco-KPN", creator.Id, partners[0], partners), Now, CancellationToken.None);
        var members = new List<(Contact Contact, Member Member)>();
        foreach (var partner in created.Partners)
        {
            for (var i = 0; i < membersPerPartner; i++)
            {
                var person = await PersonAsync();
                members.Add((person, await database.AddMemberAsync(new NewMember(created.Alliance.Id, partner.Id, person.Id), Now, CancellationToken.None)));
            }
        }

        return new AllianceWorld(created, creator, members);
    }

    public async Task<Round> RoundAsync(Guid allianceId, string slot = "2026-11", DateTimeOffset? openedAt = null)
    {
        var opened = openedAt ?? Now.AddHours(1);
        var round = await database.OpenRoundAsync(new NewRound(allianceId, slot, RoundKind.Regular, """["calc-anchor","rel-anchor"]""", opened, opened.AddDays(7)), CancellationToken.None);
        return round.Round;
    }
}

public sealed record AllianceWorld(CreatedAlliance Created, Contact Creator, IReadOnlyList<(Contact Contact, Member Member)> Members)
{
    public Guid Id => Created.Alliance.Id;

    public Partner Partner(int index) => Created.Partners[index];
}
