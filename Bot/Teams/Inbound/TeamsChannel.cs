using AllianceBot.Bot.Teams.Activities;
using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Bot.Teams.Inbound;

/// <summary>
/// Teams' part of the <see cref="TurnPipeline"/>: an authenticated activity becomes a turn (<see cref="TurnNormalizer"/>),
/// the answer goes back as replies to the activity (the reply recipe) and, for an Action.Submit, as an update of the
/// clicked card. An Action.Execute's new card is not delivered here: it is the invoke's HTTP response.
/// </summary>
public sealed class TeamsChannel(TeamsMessenger messenger, ConnectorClient connector, ILogger<TeamsChannel> logger) : ITurnChannel<Activity>
{
    public string Channel => MemberIdentity.Teams;

    /// <summary>Teams activity ids are only unique within a conversation, so the key carries both (hashed: see <see cref="TurnPipeline.Key"/>).</summary>
    public Receipt Receive(Activity activity, DateTimeOffset now) =>
        TurnNormalizer.InvalidOf(activity) is { } invalid
            ? Receipt.Malformed(invalid.Reason)
            : new Receipt(string.IsNullOrEmpty(activity.Id) ? null : TurnPipeline.Key(activity.Conversation!.Id!, activity.Id));

    /// <summary>The arrival only reads the activity.</summary>
    public bool ArrivesWithoutEffects => true;

    public Task<Arrival> ArriveAsync(Activity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sighting = SightingOf(activity, now);
        Arrival arrival = TurnNormalizer.Normalize(activity, now) switch
        {
            Normalized.ToTurn { Turn: var turn } => new Arrival.ToTurn(turn, sighting),
            Normalized.Ignored ignored => new Arrival.Ignored(ignored.Reason, sighting),
            var other => throw new InvalidOperationException($"{other} passed the receipt"),
        };
        return Task.FromResult(arrival);
    }

    public async Task<DeliveryResult?> DeliverAsync(Activity activity, Turn turn, TurnResult answer, CancellationToken cancellationToken)
    {
        if (answer.ReplaceCard is { } replacement && !IsInvoke(activity) && turn.Kind == TurnKind.CardAction && !string.IsNullOrEmpty(activity.ReplyToId))
        {
            // Action.Submit: the clicked card is the message activity.replyToId points at.
            var update = await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.ReplyToId, OutgoingActivities.FromView(replacement), cancellationToken);
            Log("update", update.ToDelivery());
        }

        foreach (var reply in answer.Replies)
        {
            var delivery = await messenger.ReplyAsync(activity, reply, cancellationToken);
            Log("reply", delivery);
            if (delivery.Status == DeliveryStatus.Unreachable)
            {
                return delivery;
            }
        }

        return null;
    }

    /// <summary>The connector's unreachable answers (403 MessageWritesBlocked, ConversationBlockedByUser) are about the person.</summary>
    public bool MeansThePersonIsUnreachable(DeliveryResult failure, Turn turn) => failure.Status == DeliveryStatus.Unreachable;

    public static bool IsInvoke(Activity activity) => activity.Type == ActivityTypes.Invoke;

    /// <summary>
    /// The sender to remember, on every activity. The bot's own echoes are nobody to remember, and without a tenant
    /// there is no identity to store (an activity that needs one, a turn, was already refused by the normalizer).
    /// </summary>
    private static ContactSighting? SightingOf(Activity activity, DateTimeOffset now)
    {
        if (string.Equals(activity.From!.Id, activity.Recipient?.Id, StringComparison.Ordinal)
            || string.IsNullOrWhiteSpace(TurnNormalizer.TenantOf(activity)))
        {
            return null;
        }

        var reference = TurnNormalizer.ReferenceOf(activity);
        // Only a personal chat is a conversation we may reuse to reach this person proactively.
        if (TurnNormalizer.ConversationKindOf(activity.Conversation!) != ConversationKind.Personal)
        {
            reference = reference with { ConversationId = null };
        }

        return new ContactSighting(reference, TurnNormalizer.DisplayNameOf(activity), TurnNormalizer.LocaleOf(activity), TurnNormalizer.TimeZoneOf(activity), now);
    }

    private void Log(string what, DeliveryResult delivery)
    {
        if (delivery.Status != DeliveryStatus.Sent)
        {
            logger.LogWarning("Teams {What} not delivered: {Status} {Error}", what, delivery.Status, delivery.Error);
        }
    }
}
