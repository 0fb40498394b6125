using AllianceBot.Bot.Slack.Install;
using AllianceBot.Bot.Slack.WebApi;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>
/// Slack's part of the <see cref="TurnPipeline"/>, run by <see cref="SlackTurnWorker"/> after the acknowledgement:
/// finds the installation that answers, looks up the person (users.info, cached) and the conversation (the direct
/// message when the request named none), and delivers the answer (chat.update for a replaced card, chat.postMessage
/// for replies).
/// </summary>
public sealed class SlackChannel(
    SlackApiClient api,
    SlackUserDirectory users,
    SlackTokens tokens,
    SlackMessenger messenger,
    ILogger<SlackChannel> logger) : ITurnChannel<SlackInbound>
{
    public string Channel => MemberIdentity.Slack;

    /// <summary>Slack's event_id (Events API deliveries, which Slack retries); parsing already refused malformed requests.</summary>
    public Receipt Receive(SlackInbound inbound, DateTimeOffset now) => new(inbound.DeduplicationKey);

    public async Task<Arrival> ArriveAsync(SlackInbound inbound, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Answered with the token of the workspace's own installation; a workspace without one is ignored.
        // In a Slack Connect channel the person may belong to another workspace than the one answering (TeamId is theirs).
        var answering = inbound.AnsweringTeamId;
        await tokens.RememberAsync(answering, inbound.EnterpriseId, now, cancellationToken);
        var access = await tokens.GetAsync(answering, cancellationToken);
        if (access.Access is null)
        {
            SlackMetrics.NotInstalled.Add(1);
            logger.LogWarning("Slack request from workspace {TeamId} ignored: {Why}", answering,
                access.Transient ? "its installation could not be read" : "the app is not installed there");
            return new Arrival.Ignored("not installed in the workspace");
        }

        var botId = access.Access.BotUserId;
        if (botId is not null && string.Equals(botId, inbound.UserId, StringComparison.Ordinal))
        {
            return new Arrival.Ignored("the bot's own message");
        }

        var profile = await users.GetAsync(answering, inbound.UserId, cancellationToken);
        if (profile.IsBot)
        {
            return new Arrival.Ignored("a bot user");
        }

        string? channelId = inbound.ChannelId;
        if (channelId is null)
        {
            // conversations.open is about the person only (account_inactive, user_not_found, cannot_dm_bot...).
            var opened = await api.OpenDirectMessageAsync(inbound.TeamId, inbound.UserId, cancellationToken);
            channelId = opened.Ok ? opened.Get("channel", "id") : null;
            if (channelId is null)
            {
                logger.LogWarning("Could not open a direct message with Slack user {UserId}: {Error}", inbound.UserId, opened.Error);
                return opened.Status == DeliveryStatus.Unreachable
                    ? new Arrival.PersonGone(new MemberIdentity(Channel, inbound.TeamId, inbound.UserId), opened.Error)
                    : new Arrival.Ignored("no direct message");
            }
        }

        var conversation = new ConversationReference(Channel, inbound.TeamId, inbound.UserId, ServiceUrl: null, channelId, botId);
        var turn = new Turn(
            inbound.Kind, conversation.Identity, profile.DisplayName, conversation, inbound.ConversationKind,
            profile.Locale, profile.TimeZone, inbound.Text, inbound.Action, inbound.ActivityId, inbound.ReplyToId,
            inbound.ReceivedAt);

        // Only a direct message is where the person can be reached proactively; a channel id seen on a mention must
        // not become their personal conversation.
        var sighting = new ContactSighting(
            inbound.ConversationKind == ConversationKind.Personal ? conversation : conversation with { ConversationId = null },
            profile.DisplayName, profile.Locale, profile.TimeZone, inbound.ReceivedAt);
        return new Arrival.ToTurn(turn, sighting);
    }

    /// <summary>
    /// Answers in the conversation go through the installation that received the request; the person's own DM
    /// (private answers, proactive sends) through their own workspace's installation.
    /// </summary>
    public async Task<DeliveryResult?> DeliverAsync(SlackInbound inbound, Turn turn, TurnResult answer, CancellationToken cancellationToken)
    {
        var conversation = turn.Conversation with { TenantId = inbound.AnsweringTeamId };
        if (answer.ReplaceCard is { } replacement)
        {
            var replaced = inbound.ReplyToId is null
                ? await messenger.SendAsync(conversation, replacement, cancellationToken)
                : await messenger.UpdateAsync(conversation, inbound.ReplyToId, replacement, cancellationToken);
            Log("replace the card", replaced);
            if (replaced.Status == DeliveryStatus.Unreachable)
            {
                return replaced;
            }
        }

        foreach (var reply in answer.Replies)
        {
            var sent = await messenger.SendAsync(conversation, reply, cancellationToken);
            Log("reply", sent);
            if (sent.Status == DeliveryStatus.Unreachable)
            {
                return sent;
            }
        }

        return null;
    }

    /// <summary>
    /// An error about the person (account_inactive, user_not_found...) means they cannot be reached anywhere; an error
    /// about the conversation (channel_not_found, not_in_channel, is_archived) only when it is their direct message
    /// with the bot. A channel the bot was removed from after a mention says nothing about the person's DM.
    /// </summary>
    public bool MeansThePersonIsUnreachable(DeliveryResult failure, Turn turn) =>
        failure.Status == DeliveryStatus.Unreachable
        && (turn.ConversationKind == ConversationKind.Personal || (failure.Error is { } error && PersonErrors.Contains(error)));

    private static readonly HashSet<string> PersonErrors = new(StringComparer.Ordinal)
    {
        "account_inactive", "user_not_found", "user_disabled", "cannot_dm_bot",
    };

    private void Log(string what, DeliveryResult result)
    {
        if (result.Status != DeliveryStatus.Sent)
        {
            logger.LogWarning("Slack could not {What}: {Status} {Error}", what, result.Status, result.Error);
        }
    }
}
