using AllianceBot.Dialogs.Channels;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.ConnectorStandIn;
using Dapper;

namespace AllianceBot.Deploy.Tests;

/// <summary>
/// An open round of one alliance whose pulse cards wait in the outbox, one per member, composed with
/// OutboxJson.Compose as the round lifecycle composes them; the members' 1:1 conversations exist at the stand-in.
/// </summary>
internal static class PulseRound
{
    public const string Tenant = "tenant-container";

    public static async Task SeedAsync(Database database, ConnectorStandInServer standIn, int members)
    {
        var none = CancellationToken.None;
        var migrated = await Migrator.MigrateAsync(database, null, none);
        Assert.True(migrated.Successful, migrated.Error);
        var contacts = new ContactStore(database);
        var now = DateTimeOffset.UtcNow;

        ConversationReference Reference(string user) =>
            new(MemberIdentity.Teams, Tenant, user, standIn.BaseUrl.ToString(), standIn.State.CreateConversation(Tenant, user), "28:alliancebot", "AllianceBot");

        var manager = await contacts.RecordSightingAsync(new ContactSighting(Reference("29:manager"), "Manager", "en-US", "Europe/Amsterdam", now), none);
        var alliance = await database.CreateAllianceAsync(new NewAlliance("Acme × Globex", manager.Id, "Acme", ["Globex"]), now, none);
        var round = (await database.OpenRoundAsync(new NewRound(alliance.Alliance.Id, "container-test", RoundKind.Regular, "[\"R1\",\"C1\"]", now, now.AddDays(7)), none)).Round;
        var card = new CardView(
            CardKind.Pulse,
            "Monthly pulse: Acme × Globex",
            [new Paragraph("Two questions about the past month."), new ChoiceInput("R1", "Our partners keep their promises.", [new("1", "1"), new("5", "5")], Required: true)],
            [new SubmitAction("Send", "pulse.submit", new Dictionary<string, string> { ["round"] = round.Id.ToString("N") }, SubmitsInputs: true)],
            "Monthly pulse");

        var messages = new List<NewOutboxMessage>(members);
        for (var i = 0; i < members; i++)
        {
            var contact = await contacts.RecordSightingAsync(new ContactSighting(Reference($"29:member-{i:D4}"), $"Member {i}", "en-US", null, now), none);
            var member = await database.AddMemberAsync(new NewMember(alliance.Alliance.Id, alliance.Partners[i % alliance.Partners.Count].Id, contact.Id), now, none);
            messages.Add(OutboxJson.Compose("pulse", contact.Reference, card, now, alliance.Alliance.Id, round.Id, member.Id, $"pulse:{round.Id:N}:{member.Id:N}"));
        }

        Assert.Equal(members, await new OutboxStore(database).EnqueueAsync(messages, none));
    }

    public static async Task<int> CountAsync(Database database, string status)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE status = @status", new { status });
    }

    public static async Task<IReadOnlyList<string>> ClaimersAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>("SELECT DISTINCT claimed_by FROM outbox WHERE status = 'claimed'")];
    }
}
