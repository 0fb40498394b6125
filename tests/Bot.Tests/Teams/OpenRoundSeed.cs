using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// The Teams answer tests' starting point: Ada (seen in her personal chat) has created an alliance and its round asking
/// <c>items</c> is open. Returns the ids the tests post answers for.
/// </summary>
internal static class OpenRoundSeed
{
    public static async Task<(Guid Alliance, Guid Round, Guid Member)> SeedAsync(
        TeamsHost host, Database database, string serviceUrl, string label, IReadOnlyList<string> items)
    {
        var none = CancellationToken.None;
        var now = DateTimeOffset.UtcNow;
        var contact = await host.Services.GetRequiredService<IContactStore>().RecordSightingAsync(new ContactSighting(
            new ConversationReference(MemberIdentity.Teams, Activities.TenantId, Activities.UserId, serviceUrl, Activities.PersonalConversation, Activities.BotId),
            "Ada", "en-US", "Europe/Amsterdam", now), none);
        var alliance = await database.CreateAllianceAsync(new NewAlliance("Acme × Globex", contact.Id, "Acme", ["Globex"]), now, none);
        var round = (await database.OpenRoundAsync(new NewRound(alliance.Alliance.Id, label, RoundKind.Regular,
            System.Text.Json.JsonSerializer.Serialize(items), now.AddMinutes(-1), now.AddDays(7)), none)).Round;
        return (alliance.Alliance.Id, round.Id, alliance.Creator.Id);
    }
}
