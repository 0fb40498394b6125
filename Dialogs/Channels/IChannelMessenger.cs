using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Channels;

public enum DeliveryStatus
{
    /// <summary>Delivered; MessageId (and ConversationId when one was created) are set.</summary>
    Sent,

    /// <summary>429: pause this bucket for RetryAfter (or back off when absent).</summary>
    Throttled,

    /// <summary>412 / 5xx / network: retry with backoff and jitter.</summary>
    Transient,

    /// <summary>The person blocked or removed the bot (Teams 403 MessageWritesBlocked, Slack account_inactive...).</summary>
    Unreachable,

    /// <summary>Permanent failure (4xx other than the above): do not retry.</summary>
    Failed,
}

public sealed record DeliveryResult(
    DeliveryStatus Status,
    string? MessageId = null,
    string? ConversationId = null,
    TimeSpan? RetryAfter = null,
    string? Error = null)
{
    public static DeliveryResult Sent(string? messageId, string? conversationId = null) => new(DeliveryStatus.Sent, messageId, conversationId);
}

/// <summary>
/// The outbound port: channels implement it, the scheduler and dialogs use it without knowing Teams or Slack.
/// SendAsync creates the 1:1 conversation first when the reference has no conversation id yet.
/// Implementations make exactly one attempt (plus the conversation creation); retries and rate limits are the
/// dispatcher's business.
/// </summary>
public interface IChannelMessenger
{
    /// <summary>The channel this messenger serves ("msteams" or "slack").</summary>
    string Channel { get; }

    Task<DeliveryResult> SendAsync(ConversationReference target, View view, CancellationToken cancellationToken);

    Task<DeliveryResult> UpdateAsync(ConversationReference target, string messageId, View view, CancellationToken cancellationToken);
}
