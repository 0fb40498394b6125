using AllianceBot.Bot.Slack.WebApi;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>
/// Does the work after the acknowledgement: de-duplicates, looks up the person (users.info, cached), finds the
/// conversation, records the sighting, runs the turn and delivers its answer (chat.update for a replaced card,
/// chat.postMessage for replies).
/// </summary>
public sealed class SlackTurnProcessor(
    IInboundDeduplicator deduplicator,
    IContactStore contacts,
    ITurnHandler handler,
    SlackApiClient api,
    SlackUserDirectory users,
    SlackBotIdentity bot,
    SlackMessenger messenger,
    TimeProvider clock,
    ILogger<SlackTurnProcessor> logger)
{
    public async Task ProcessAsync(SlackInbound inbound, CancellationToken cancellationToken)
    {
        if (inbound.DeduplicationKey is { } key && !await deduplicator.TryBeginAsync(MemberIdentity.Slack, key, clock.GetUtcNow(), cancellationToken))
        {
            logger.LogInformation("Slack event {EventId} was already processed; ignoring the retry", key);
            return;
        }

        var botId = await bot.GetUserIdAsync(cancellationToken);
        if (botId is not null && string.Equals(botId, inbound.UserId, StringComparison.Ordinal))
        {
            return;
        }

        var profile = await users.GetAsync(inbound.TeamId, inbound.UserId, cancellationToken);
        if (profile.IsBot)
        {
            return;
        }

        var channelId = inbound.ChannelId ?? await OpenDirectMessageAsync(inbound.UserId, cancellationToken);
        if (channelId is null)
        {
            return;
        }

        var conversation = new ConversationReference(MemberIdentity.Slack, inbound.TeamId, inbound.UserId, ServiceUrl: null, channelId, botId);
        await contacts.RecordSightingAsync(Sighting(inbound, conversation, profile), cancellationToken);

        var turn = new Turn(
            inbound.Kind, conversation.Identity, profile.DisplayName, conversation, inbound.ConversationKind,
            profile.Locale, profile.TimeZone, inbound.Text, inbound.Action, inbound.ActivityId, inbound.ReplyToId,
            inbound.ReceivedAt);
        var result = await handler.HandleAsync(turn, cancellationToken);
        await DeliverAsync(conversation, inbound.ReplyToId, result, cancellationToken);
    }

    /// <summary>
    /// Only a direct message is where the person can be reached proactively; a channel id seen on a mention must not
    /// become their personal conversation.
    /// </summary>
    private static ContactSighting Sighting(SlackInbound inbound, ConversationReference conversation, SlackUserProfile profile) => new(
        inbound.ConversationKind == ConversationKind.Personal ? conversation : conversation with { ConversationId = null },
        profile.DisplayName, profile.Locale, profile.TimeZone, inbound.ReceivedAt);

    private async Task<string?> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken)
    {
        var opened = await api.OpenDirectMessageAsync(userId, cancellationToken);
        var id = opened.Ok ? opened.Get("channel", "id") : null;
        if (id is null)
        {
            logger.LogWarning("Could not open a direct message with Slack user {UserId}: {Error}", userId, opened.Error);
        }

        return id;
    }

    private async Task DeliverAsync(ConversationReference conversation, string? replyToId, TurnResult result, CancellationToken cancellationToken)
    {
        if (result.ReplaceCard is { } replacement)
        {
            var replaced = replyToId is null
                ? await messenger.SendAsync(conversation, replacement, cancellationToken)
                : await messenger.UpdateAsync(conversation, replyToId, replacement, cancellationToken);
            Log("replace the card", replaced);
        }

        foreach (var reply in result.Replies)
        {
            Log("reply", await messenger.SendAsync(conversation, reply, cancellationToken));
        }
    }

    private void Log(string what, DeliveryResult result)
    {
        if (result.Status != DeliveryStatus.Sent)
        {
            logger.LogWarning("Slack could not {What}: {Status} {Error}", what, result.Status, result.Error);
        }
    }
}
