using AllianceBot.Data.Members;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Outbox.RateLimits;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Teams.Outbound;

/// <summary>
/// The Teams buckets of one proactive send (PROTOCOLS.md): the app's requests per tenant, and every window per
/// conversation. Proactive messages are 1:1, so the conversation is identified by the person (the key does not change
/// when the conversation id is learned); creating the conversation first is a second request against the tenant.
/// </summary>
public sealed class TeamsRateLimits(IOptions<OutboxDispatcherOptions> options) : IChannelRateLimits
{
    public string Channel => MemberIdentity.Teams;

    public IReadOnlyList<BucketClaim> ClaimsFor(ConversationReference target) =>
    [
        new BucketClaim($"msteams|{target.TenantId}", options.Value.TenantLimits, target.ConversationId is null ? 2 : 1),
        new BucketClaim($"msteams|{target.TenantId}|{target.UserId}", options.Value.ConversationLimits, 1),
    ];
}
