using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Activities;
using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Teams.Inbound;

/// <summary>What the endpoint answers once an authenticated activity has been processed.</summary>
public abstract record ProcessOutcome
{
    /// <summary>200 with an empty body: handled, ignored, or a retry of something already handled.</summary>
    public sealed record Done(string Note) : ProcessOutcome;

    /// <summary>200 with the invoke response body (Action.Execute).</summary>
    public sealed record InvokeResponse(JsonObject Body) : ProcessOutcome;

    /// <summary>400: the activity lacks what its type needs.</summary>
    public sealed record Rejected(string Reason) : ProcessOutcome;
}

/// <summary>
/// Runs one authenticated activity: remember who sent it, process it once, hand the turn to the dialogs and
/// deliver their answer the Teams way (replies, an invoke response, or an update of the card that was clicked).
/// </summary>
public sealed class ActivityProcessor(
    ITurnHandler turns,
    IContactStore contacts,
    IInboundDeduplicator deduplicator,
    TeamsMessenger messenger,
    PrivateDelivery privately,
    ConnectorClient connector,
    TimeProvider time,
    ILogger<ActivityProcessor> logger)
{
    public async Task<ProcessOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var normalized = TurnNormalizer.Normalize(activity, now);
        if (normalized is Normalized.Invalid invalid)
        {
            return new ProcessOutcome.Rejected(invalid.Reason);
        }

        bool first;
        try
        {
            await RecordSightingAsync(activity, now, cancellationToken);

            // Teams activity ids are only unique within a conversation, so the key carries both.
            first = string.IsNullOrEmpty(activity.Id)
                || await deduplicator.TryBeginAsync(MemberIdentity.Teams, DeliveryKey(activity.Conversation!.Id!, activity.Id), now, cancellationToken);
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.InvalidInput)
        {
            // Nothing ran yet and a retry would be refused the same way: tell the sender instead of failing with a 5xx.
            logger.LogWarning("Activity {Id} cannot be stored: {Reason}", activity.Id, e.Message);
            return new ProcessOutcome.Rejected(e.Message);
        }

        if (!first)
        {
            logger.LogInformation("Activity {Id} was already processed; ignoring the retry", activity.Id);
            return IsInvoke(activity) ? new ProcessOutcome.InvokeResponse(OutgoingActivities.InvokeResponse(null)) : new ProcessOutcome.Done("duplicate");
        }

        if (normalized is not Normalized.ToTurn { Turn: var turn })
        {
            return new ProcessOutcome.Done(((Normalized.Ignored)normalized).Reason);
        }

        // Teams announces one install twice (installationUpdate and conversationUpdate with the bot in membersAdded):
        // greet once per conversation and minute, while a later re-install still gets its welcome.
        if (turn.Kind == TurnKind.Installed
            && !await deduplicator.TryBeginAsync(MemberIdentity.Teams, DeliveryKey("installed", activity.Conversation!.Id!, $"{turn.Timestamp.UtcDateTime:yyyyMMddHHmm}"), now, cancellationToken))
        {
            return new ProcessOutcome.Done("install already announced");
        }

        // Removing the bot from the personal chat takes away the way to reach the person proactively. The sighting
        // above refreshed the contact as reachable, so say otherwise until they re-install or write again.
        if (turn.Kind == TurnKind.Uninstalled && turn.ConversationKind == ConversationKind.Personal)
        {
            await contacts.MarkUnreachableAsync(turn.From, "removed the bot from the personal chat", now, cancellationToken);
        }

        if (IsInvoke(activity))
        {
            return await InvokeAsync(activity, turn, cancellationToken);
        }

        var result = await turns.HandleAsync(turn, cancellationToken);
        if (result.ReplaceCard is { } replacement && turn.Kind == TurnKind.CardAction && !string.IsNullOrEmpty(activity.ReplyToId))
        {
            // Action.Submit: the clicked card is the message activity.replyToId points at.
            var update = await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.ReplyToId, OutgoingActivities.FromView(replacement), cancellationToken);
            Log("update", update.ToDelivery());
        }

        await ReplyAsync(activity, turn, await WithPrivateAnswerAsync(turn, result, cancellationToken), cancellationToken);
        return new ProcessOutcome.Done(turn.Kind.ToString());
    }

    private async Task<ProcessOutcome> InvokeAsync(Activity activity, Turn turn, CancellationToken cancellationToken)
    {
        TurnResult result;
        try
        {
            result = await turns.HandleAsync(turn, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The invoke contract carries errors in its own body; Teams shows it to the user instead of a spinner.
            logger.LogError(e, "The turn handler failed on an adaptiveCard/action invoke");
            return new ProcessOutcome.InvokeResponse(OutgoingActivities.InvokeError(500, "HandlerFailed", "Something went wrong."));
        }

        await ReplyAsync(activity, turn, await WithPrivateAnswerAsync(turn, result, cancellationToken), cancellationToken);
        return new ProcessOutcome.InvokeResponse(OutgoingActivities.InvokeResponse(result.ReplaceCard));
    }

    /// <summary>An answer for the asker alone goes to their 1:1 chat first; the conversation gets the note.</summary>
    private async Task<IReadOnlyList<View>> WithPrivateAnswerAsync(Turn turn, TurnResult result, CancellationToken cancellationToken) =>
        result.Private is { } answer
            ? [.. result.Replies, await privately.DeliverAsync(turn, answer, cancellationToken)]
            : result.Replies;

    private async Task ReplyAsync(Activity activity, Turn turn, IReadOnlyList<View> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            var delivery = await messenger.ReplyAsync(activity, reply, cancellationToken);
            Log("reply", delivery);
            if (delivery.Status == DeliveryStatus.Unreachable)
            {
                await contacts.MarkUnreachableAsync(turn.From, UnreachableReason(delivery.Error), time.GetUtcNow(), cancellationToken);
                return;
            }
        }
    }

    /// <summary>
    /// The reason kept with an unreachable contact is for an operator: the start of the connector's error (its status
    /// and code) says enough, and the whole body may be longer than the store keeps.
    /// </summary>
    internal static string UnreachableReason(string? error) =>
        string.IsNullOrWhiteSpace(error) ? "blocked" : error.Length <= MaxReasonLength ? error : error[..MaxReasonLength];

    private const int MaxReasonLength = 200;

    /// <summary>
    /// The de-duplication key: a SHA-256 of the parts, because conversation ids (channel threads, meetings) have no
    /// length limit while the key column has one. The parts are joined with a character no id contains.
    /// </summary>
    internal static string DeliveryKey(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    private async Task RecordSightingAsync(Activity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The bot's own echoes are nobody to remember, and without a tenant there is no identity to store (an activity
        // that needs one, a turn, was already refused by the normalizer).
        if (string.Equals(activity.From!.Id, activity.Recipient?.Id, StringComparison.Ordinal)
            || string.IsNullOrWhiteSpace(TurnNormalizer.TenantOf(activity)))
        {
            return;
        }

        var reference = TurnNormalizer.ReferenceOf(activity);
        // Only a personal chat is a conversation we may reuse to reach this person proactively.
        if (TurnNormalizer.ConversationKindOf(activity.Conversation!) != ConversationKind.Personal)
        {
            reference = reference with { ConversationId = null };
        }

        var sighting = new ContactSighting(reference, TurnNormalizer.DisplayNameOf(activity), TurnNormalizer.LocaleOf(activity), TurnNormalizer.TimeZoneOf(activity), now);
        await contacts.RecordSightingAsync(sighting, cancellationToken);
    }

    private void Log(string what, DeliveryResult delivery)
    {
        if (delivery.Status != DeliveryStatus.Sent)
        {
            logger.LogWarning("Teams {What} not delivered: {Status} {Error}", what, delivery.Status, delivery.Error);
        }
    }

    private static bool IsInvoke(Activity activity) => activity.Type == ActivityTypes.Invoke;
}
