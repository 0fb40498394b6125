using AllianceBot.Data.Members;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Outbox.RateLimits;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Slack.WebApi;

/// <summary>The Slack bucket of one send: chat.postMessage per channel (a person's DM) per second.</summary>
public sealed class SlackRateLimits(IOptions<OutboxDispatcherOptions> options) : IChannelRateLimits
{
    public string Channel => MemberIdentity.Slack;

    public IReadOnlyList<BucketClaim> ClaimsFor(ConversationReference target) =>
        [new BucketClaim($"slack|{target.TenantId}|{target.UserId}", options.Value.SlackChannelLimits, 1)];
}
