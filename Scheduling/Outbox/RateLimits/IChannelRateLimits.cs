using AllianceBot.Data.Members;

namespace AllianceBot.Scheduling.Outbox.RateLimits;

/// <summary>
/// A channel's rate limits as the outbox dispatcher applies them: the buckets one send to <c>target</c> draws from
/// (keys the channel chooses, the windows that hold for each, and how many requests the send costs there). Each
/// channel registers its own (Bot/Teams, Bot/Slack); a channel without one is not rate-limited by the dispatcher.
/// </summary>
public interface IChannelRateLimits
{
    /// <summary>The channel these limits belong to (as in <see cref="ConversationReference.Channel"/>).</summary>
    string Channel { get; }

    IReadOnlyList<BucketClaim> ClaimsFor(ConversationReference target);
}
