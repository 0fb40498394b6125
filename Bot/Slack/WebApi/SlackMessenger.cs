using AllianceBot.Bot.Slack.BlockKit;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Slack.WebApi;

/// <summary>
/// Sends and updates Slack messages for the outbox and for replies. Without a conversation id the direct message is
/// opened first (conversations.open) and its id comes back in <see cref="DeliveryResult.ConversationId"/> so the
/// caller can store it. One attempt per call.
/// </summary>
public sealed class SlackMessenger(SlackApiClient api) : IChannelMessenger
{
    public string Channel => MemberIdentity.Slack;

    public async Task<DeliveryResult> SendAsync(ConversationReference target, View view, CancellationToken cancellationToken)
    {
        var message = BlockKitRenderer.Render(view);
        var opened = (string?)null;
        var channel = target.ConversationId;
        if (string.IsNullOrEmpty(channel))
        {
            var open = await api.OpenDirectMessageAsync(target.TenantId, target.UserId, cancellationToken);
            if (!open.Ok)
            {
                return Failure(open);
            }

            channel = opened = open.Get("channel", "id");
            if (string.IsNullOrEmpty(channel))
            {
                return new DeliveryResult(DeliveryStatus.Failed, Error: "conversations.open returned no channel id");
            }
        }

        var posted = await api.PostMessageAsync(target.TenantId, channel, message, cancellationToken);
        return posted.Ok ? DeliveryResult.Sent(posted.Get("ts"), opened ?? posted.Get("channel")) : Failure(posted);
    }

    public async Task<DeliveryResult> UpdateAsync(ConversationReference target, string messageId, View view, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(target.ConversationId))
        {
            return new DeliveryResult(DeliveryStatus.Failed, Error: "chat.update needs the channel of the message; the reference has none");
        }

        var updated = await api.UpdateMessageAsync(target.TenantId, target.ConversationId, messageId, BlockKitRenderer.Render(view), cancellationToken);
        return updated.Ok ? DeliveryResult.Sent(updated.Get("ts") ?? messageId, target.ConversationId) : Failure(updated);
    }

    private static DeliveryResult Failure(SlackApiResult result) =>
        new(result.Status, RetryAfter: result.RetryAfter, Error: result.Error);
}
