using AllianceBot.Bot.Slack.Install;
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
    SlackTokens tokens,
    SlackMessenger messenger,
    PrivateDelivery privately,
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

        // Answered with the token of the workspace's own installation; a workspace without one is ignored.
        // In a Slack Connect channel the person may belong to another workspace than the one answering (TeamId is theirs).
        var answering = inbound.AnsweringTeamId;
        await tokens.RememberAsync(answering, inbound.EnterpriseId, clock.GetUtcNow(), cancellationToken);
        var access = await tokens.GetAsync(answering, cancellationToken);
        if (access.Access is null)
        {
            SlackMetrics.NotInstalled.Add(1);
            logger.LogWarning("Slack request from workspace {TeamId} ignored: {Why}", answering,
                access.Transient ? "its installation could not be read" : "the app is not installed there");
            return;
        }

        var botId = access.Access.BotUserId;
        if (botId is not null && string.Equals(botId, inbound.UserId, StringComparison.Ordinal))
        {
            return;
        }

        var profile = await users.GetAsync(answering, inbound.UserId, cancellationToken);
        if (profile.IsBot)
        {
            return;
        }

        var channelId = inbound.ChannelId ?? await OpenDirectMessageAsync(inbound.TeamId, inbound.UserId, cancellationToken);
        if (channelId is null)
        {
            return;
        }

        var conversation = new ConversationReference(MemberIdentity.Slack, inbound.TeamId, inbound.UserId, ServiceUrl: null, channelId, botId);
        if (inbound.Kind == TurnKind.Installed && await contacts.FindAsync(conversation.Identity, cancellationToken) is not null)
        {
            // Slack reports every visit to the Messages tab; only the first interaction gets the welcome.
            return;
        }

        await contacts.RecordSightingAsync(Sighting(inbound, conversation, profile), cancellationToken);

        var turn = new Turn(
            inbound.Kind, conversation.Identity, profile.DisplayName, conversation, inbound.ConversationKind,
            profile.Locale, profile.TimeZone, inbound.Text, inbound.Action, inbound.ActivityId, inbound.ReplyToId,
            inbound.ReceivedAt);
        var result = await handler.HandleAsync(turn, cancellationToken);
        if (result.Private is { } answer)
        {
            // For the asker alone: their direct message first, then the note in the channel.
            result = result with { Replies = [.. result.Replies, await privately.DeliverAsync(turn, answer, cancellationToken)], Private = null };
        }

        // Answers in the conversation go through the installation that received the request; the person's own DM
        // (private answers above, proactive sends later) through their own workspace's installation.
        var answerVia = conversation with { TenantId = answering };
        var failed = await DeliverAsync(answerVia, inbound.ReplyToId, result, cancellationToken);
        if (failed is { } unreachable && MeansThePersonIsUnreachable(unreachable, inbound.ConversationKind))
        {
            await contacts.MarkUnreachableAsync(conversation.Identity, UnreachableReason(unreachable.Error), clock.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>
    /// An error about the person (account_inactive, user_not_found...) means they cannot be reached anywhere; an error
    /// about the conversation (channel_not_found, not_in_channel, is_archived) only when it is their direct message
    /// with the bot. A channel the bot was removed from after a mention says nothing about the person's DM.
    /// </summary>
    internal static bool MeansThePersonIsUnreachable(DeliveryResult delivery, ConversationKind kind) =>
        delivery.Status == DeliveryStatus.Unreachable
        && (kind == ConversationKind.Personal || (delivery.Error is { } error && PersonErrors.Contains(error)));

    private static readonly HashSet<string> PersonErrors = new(StringComparer.Ordinal)
    {
        "account_inactive", "user_not_found", "user_disabled", "cannot_dm_bot",
    };

    /// <summary>The reason kept with the contact is for an operator: Slack's error code says enough.</summary>
    private static string UnreachableReason(string? error) =>
        "slack: " + (string.IsNullOrWhiteSpace(error) ? "unreachable" : error.Length <= 100 ? error : error[..100]);

    /// <summary>
    /// Only a direct message is where the person can be reached proactively; a channel id seen on a mention must not
    /// become their personal conversation.
    /// </summary>
    private static ContactSighting Sighting(SlackInbound inbound, ConversationReference conversation, SlackUserProfile profile) => new(
        inbound.ConversationKind == ConversationKind.Personal ? conversation : conversation with { ConversationId = null },
        profile.DisplayName, profile.Locale, profile.TimeZone, inbound.ReceivedAt);

    private async Task<string?> OpenDirectMessageAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var opened = await api.OpenDirectMessageAsync(teamId, userId, cancellationToken);
        var id = opened.Ok ? opened.Get("channel", "id") : null;
        if (id is null)
        {
            logger.LogWarning("Could not open a direct message with Slack user {UserId}: {Error}", userId, opened.Error);
        }

        if (opened.Status == DeliveryStatus.Unreachable)
        {
            // conversations.open is about the person only (account_inactive, user_not_found, cannot_dm_bot...).
            await contacts.MarkUnreachableAsync(new MemberIdentity(MemberIdentity.Slack, teamId, userId), UnreachableReason(opened.Error), clock.GetUtcNow(), cancellationToken);
        }

        return id;
    }

    /// <summary>Delivers the answer; stops at the first Unreachable (the rest would fail the same way) and returns it.</summary>
    private async Task<DeliveryResult?> DeliverAsync(ConversationReference conversation, string? replyToId, TurnResult result, CancellationToken cancellationToken)
    {
        if (result.ReplaceCard is { } replacement)
        {
            var replaced = replyToId is null
                ? await messenger.SendAsync(conversation, replacement, cancellationToken)
                : await messenger.UpdateAsync(conversation, replyToId, replacement, cancellationToken);
            Log("replace the card", replaced);
            if (replaced.Status == DeliveryStatus.Unreachable)
            {
                return replaced;
            }
        }

        foreach (var reply in result.Replies)
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

    private void Log(string what, DeliveryResult result)
    {
        if (result.Status != DeliveryStatus.Sent)
        {
            logger.LogWarning("Slack could not {What}: {Status} {Error}", what, result.Status, result.Error);
        }
    }
}
