using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Dialogs.Channels;

/// <summary>
/// One channel's part of the <see cref="TurnPipeline"/>: it translates, the pipeline decides. The adapter reads its
/// own inbound type (a Teams activity, a parsed Slack request), turns it into a <see cref="Turn"/> and delivers the
/// answer the channel's way; de-duplication, remembering the sender, the dialogs, private answers and marking a person
/// unreachable happen once, in the pipeline. Adding a channel means one folder with one of these and an
/// <see cref="IChannelMessenger"/> (docs/architecture.md, "Add a channel").
/// </summary>
/// <typeparam name="TInbound">What the channel's endpoint hands over after authenticating the request.</typeparam>
public interface ITurnChannel<in TInbound>
{
    /// <summary>The channel name stored with every identity ("msteams", "slack"); also the de-duplication namespace.</summary>
    string Channel { get; }

    /// <summary>
    /// First look, without I/O: why the request is malformed, or the key under which a repeat of it is recognised
    /// (null: this kind of request is never repeated by the channel).
    /// </summary>
    Receipt Receive(TInbound inbound, DateTimeOffset now);

    /// <summary>
    /// After de-duplication: the channel's own look-ups (a profile, the direct message) and the turn, or why there is
    /// nothing for the dialogs.
    /// </summary>
    Task<Arrival> ArriveAsync(TInbound inbound, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// True when <see cref="ArriveAsync"/> has no effect outside the process (no call to the channel, no database): the
    /// pipeline then lets the store settle the de-duplication together with the sighting that follows
    /// (<see cref="AllianceBot.Data.Inbound.IInboundDeduplicator.TryBeginDeferredAsync"/>), one round trip instead of two.
    /// </summary>
    bool ArrivesWithoutEffects => false;

    /// <summary>
    /// Delivers the answer where the turn came from (a private answer was already sent and its note is among the
    /// replies). Stops at the first <see cref="DeliveryStatus.Unreachable"/> (the rest would fail the same way) and
    /// returns it; null when nothing was unreachable.
    /// </summary>
    Task<DeliveryResult?> DeliverAsync(TInbound inbound, Turn turn, TurnResult answer, CancellationToken cancellationToken);

    /// <summary>Whether an unreachable delivery means the person can no longer be reached at all (not just this room).</summary>
    bool MeansThePersonIsUnreachable(DeliveryResult failure, Turn turn);
}

/// <summary>The pure first look at an inbound request.</summary>
public sealed record Receipt(string? DeduplicationKey, string? Invalid = null)
{
    public static Receipt Malformed(string reason) => new(null, reason);
}

/// <summary>What an adapter made of a request once it could look things up.</summary>
public abstract record Arrival
{
    /// <summary>A turn for the dialogs, and the sender to remember (null: nobody to remember).</summary>
    public sealed record ToTurn(Turn Turn, ContactSighting? Sighting) : Arrival;

    /// <summary>Nothing for the dialogs (typing, the bot's own echo, a workspace without the app); the sender may still be remembered.</summary>
    public sealed record Ignored(string Reason, ContactSighting? Sighting = null) : Arrival;

    /// <summary>The channel said the person cannot be reached (Slack conversations.open: account_inactive...).</summary>
    public sealed record PersonGone(MemberIdentity Person, string? Error) : Arrival;
}
