using System.Security.Cryptography;
using System.Text;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Dialogs.Channels;

/// <summary>What the pipeline did with one inbound request; the channel turns it into its own answer (HTTP status, invoke body).</summary>
public abstract record TurnOutcome
{
    /// <summary>Malformed, or refused by storage before anything ran: a retry would be refused the same way (HTTP 400).</summary>
    public sealed record Rejected(string Reason) : TurnOutcome;

    /// <summary>A repeat of a request already processed.</summary>
    public sealed record Duplicate : TurnOutcome;

    /// <summary>Nothing for the dialogs.</summary>
    public sealed record Ignored(string Reason) : TurnOutcome;

    /// <summary>The dialogs answered; <see cref="Answer"/> is what was delivered (a private answer's note among its replies).</summary>
    public sealed record Handled(Turn Turn, TurnResult Answer) : TurnOutcome;
}

/// <summary>
/// The one inbound pipeline every channel runs: first look (malformed?) → de-duplicate → the channel's look-ups →
/// welcome once → remember the sender → the dialogs → a private answer to the personal chat → deliver → mark the
/// person unreachable when the channel says so. The channel only translates (<see cref="ITurnChannel{TInbound}"/>).
/// </summary>
public sealed partial class TurnPipeline(
    ITurnHandler turns,
    IContactStore contacts,
    IInboundDeduplicator deduplicator,
    PrivateDelivery privately,
    Database database,
    TimeProvider time,
    ILogger<TurnPipeline> logger)
{
    public async Task<TurnOutcome> RunAsync<TInbound>(ITurnChannel<TInbound> channel, TInbound inbound, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var receipt = channel.Receive(inbound, now);
        if (receipt.Invalid is { } invalid)
        {
            return new TurnOutcome.Rejected(invalid);
        }

        // De-duplication, sighting and the dialogs' work commit together (one transaction on PostgreSQL), and before
        // anything is delivered: an answer acknowledged is an answer stored.
        var (outcome, handled) = await database.InTurnAsync(() => HandleAsync(channel, inbound, receipt, now, cancellationToken), cancellationToken);
        if (handled is not { } turn)
        {
            return outcome!;
        }

        var result = handled.Value.Result;
        if (result.Private is { } answer)
        {
            // For the asker alone: their personal chat first, then the note where they asked.
            result = result with { Replies = [.. result.Replies, await privately.DeliverAsync(turn.Turn, answer, cancellationToken)], Private = null };
        }

        var failed = await channel.DeliverAsync(inbound, turn.Turn, result, cancellationToken);
        if (failed is { Status: DeliveryStatus.Unreachable } && channel.MeansThePersonIsUnreachable(failed, turn.Turn))
        {
            await contacts.MarkUnreachableAsync(turn.Turn.From, UnreachableReason(channel.Channel, failed.Error), time.GetUtcNow(), cancellationToken);
        }

        return new TurnOutcome.Handled(turn.Turn, result);
    }

    /// <summary>Everything up to the delivery: an outcome to return at once, or the turn and what the dialogs answered.</summary>
    private async Task<(TurnOutcome? Outcome, (Turn Turn, TurnResult Result)? Handled)> HandleAsync<TInbound>(ITurnChannel<TInbound> channel, TInbound inbound,
        Receipt receipt, DateTimeOffset now, CancellationToken cancellationToken)
    {

        Arrival arrival;
        Task? sightingStored = null;
        try
        {
            // When the arrival has no outside effect, the store may send the de-duplication with the sighting (PostgreSQL:
            // one round trip; a repeat found then rolls the turn back and runs it again, answered "duplicate" at once).
            if (receipt.DeduplicationKey is { } key && !await (channel.ArrivesWithoutEffects
                    ? deduplicator.TryBeginDeferredAsync(channel.Channel, key, now, cancellationToken)
                    : deduplicator.TryBeginAsync(channel.Channel, key, now, cancellationToken)))
            {
                LogDuplicate(channel.Channel, key);
                return (new TurnOutcome.Duplicate(), null);
            }

            arrival = await channel.ArriveAsync(inbound, now, cancellationToken);
            if (arrival is Arrival.PersonGone gone)
            {
                await contacts.MarkUnreachableAsync(gone.Person, UnreachableReason(channel.Channel, gone.Error), time.GetUtcNow(), cancellationToken);
                return (new TurnOutcome.Ignored("the person cannot be reached"), null);
            }

            if (arrival is Arrival.ToTurn { Turn.Kind: TurnKind.Installed } install && !await IsFirstWelcomeAsync(channel.Channel, install.Turn, now, cancellationToken))
            {
                arrival = new Arrival.Ignored("already welcomed", install.Sighting);
            }

            var sighting = arrival switch { Arrival.ToTurn t => t.Sighting, Arrival.Ignored i => i.Sighting, _ => null };
            if (sighting is { } seen)
            {
                // Where the store keeps the order of calls (SQLite), the turn runs while the sighting waits for its commit:
                // it is held for the turn's next database call (the answer's) and shares its commit; the request is
                // answered only after both.
                if (contacts.KeepsCallOrder)
                {
                    sightingStored = database.Holding(() => contacts.RecordSightingAsync(seen, cancellationToken));
                }
                else
                {
                    await contacts.RecordSightingAsync(seen, cancellationToken);
                }
            }
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.InvalidInput)
        {
            // What the sender controls did not fit the store; a retry would be refused the same way, so say so instead of failing.
            LogNotStorable(channel.Channel, e.Message);
            return (new TurnOutcome.Rejected(e.Message), null);
        }

        if (arrival is not Arrival.ToTurn { Turn: var turn })
        {
            await StoredAsync(sightingStored);
            return (new TurnOutcome.Ignored(((Arrival.Ignored)arrival).Reason), null);
        }

        // Removing the bot from the personal chat takes away the way to reach the person proactively. The sighting
        // above refreshed the contact as reachable, so say otherwise until they re-install or write again.
        if (turn.Kind == TurnKind.Uninstalled && turn.ConversationKind == ConversationKind.Personal)
        {
            await contacts.MarkUnreachableAsync(turn.From, UnreachableReason(channel.Channel, "removed the bot from the personal chat"), now, cancellationToken);
        }

        var result = await turns.HandleAsync(turn, cancellationToken);
        await StoredAsync(sightingStored);
        return (null, (turn, result));
    }

    /// <summary>The sighting's commit; a sighting still held for a next database call (SQLite) is sent now, as there is none.</summary>
    private Task StoredAsync(Task? sighting)
    {
        database.SendHeld();
        return sighting ?? Task.CompletedTask;
    }

    /// <summary>
    /// One welcome per install, the same rule on every channel. Teams announces one install twice
    /// (installationUpdate and conversationUpdate), Slack every visit to the Messages tab, an app upgrade announces it
    /// again: in a personal chat only a person the bot cannot reach there yet is welcomed (new, or back after removing
    /// the bot); and any room at most once per minute, which also settles two announcements racing each other.
    /// </summary>
    private async Task<bool> IsFirstWelcomeAsync(string channel, Turn turn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (turn.ConversationKind == ConversationKind.Personal
            && await contacts.FindAsync(turn.From, cancellationToken) is { Reachable: true, Reference.ConversationId: { Length: > 0 } })
        {
            return false;
        }

        return await deduplicator.TryBeginAsync(channel, Key("installed", turn.RoomId, $"{turn.Timestamp.UtcDateTime:yyyyMMddHHmm}"), now, cancellationToken);
    }

    /// <summary>
    /// The reason kept with an unreachable contact, the same on every channel: the channel and the start of its error
    /// (status and code say enough to an operator; a whole error body may be longer than the store keeps).
    /// </summary>
    public static string UnreachableReason(string channel, string? error)
    {
        var reason = $"{channel}: {(string.IsNullOrWhiteSpace(error) ? "unreachable" : error.Trim())}";
        return reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
    }

    /// <summary>The longest unreachable reason kept (the store allows more; an operator needs less).</summary>
    public const int MaxReasonLength = 200;

    /// <summary>
    /// A de-duplication key from several parts: their SHA-256 (64 hex characters), because ids such as Teams
    /// conversation ids have no length limit while the key column has one. The parts are joined with a line feed, a
    /// character no id contains.
    /// </summary>
    public static string Key(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} delivery {Key} was already processed; ignoring the repeat")]
    private partial void LogDuplicate(string channel, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Channel} request cannot be stored: {Reason}")]
    private partial void LogNotStorable(string channel, string reason);
}
