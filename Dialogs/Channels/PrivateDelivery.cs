using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Dialogs.Channels;

/// <summary>
/// Sends an answer meant for the asker alone (asked in a group chat or channel) to their personal chat with the bot,
/// and says which note to post where they asked. The personal chat is the one stored for the person, or a new one:
/// Teams creates it (<c>POST /v3/conversations</c> with the person as the only member), Slack opens the direct message
/// (<c>conversations.open</c>); a new id is stored so the pulse reaches them there too.
/// A singleton (the turn pipeline holds it), so it never keeps a messenger: each delivery resolves the channel's
/// messenger in a scope of its own, as the outbox dispatcher does. A messenger holds a typed HTTP client from the
/// factory, whose handler must be allowed to rotate; one captured at start-up would be kept for the life of the process.
/// </summary>
public sealed partial class PrivateDelivery(IServiceScopeFactory scopes, IContactStore contacts, ILogger<PrivateDelivery> logger)
{
    /// <summary>Delivers the views in order; returns the note for the room (sent, or could not reach you).</summary>
    public async Task<View> DeliverAsync(Turn turn, PrivateAnswer answer, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var messenger = scope.ServiceProvider.GetServices<IChannelMessenger>().FirstOrDefault(m => string.Equals(m.Channel, turn.From.Channel, StringComparison.Ordinal));
        if (messenger is null)
        {
            return answer.FailedNote;
        }

        var stored = await contacts.FindAsync(turn.From, cancellationToken);

        // Never the room itself: without a stored personal chat the reference has no conversation id, so one is made.
        var target = stored?.Reference is { ConversationId: { Length: > 0 } } personal && stored.Reachable
            ? personal
            : turn.Conversation with { ConversationId = null };
        foreach (var view in answer.Views)
        {
            var sent = await messenger.SendAsync(target, view, cancellationToken);
            if (sent.Status != DeliveryStatus.Sent)
            {
                LogNotDelivered(turn.From.Channel, sent.Status, sent.Error);
                return answer.FailedNote;
            }

            if (target.ConversationId is null && sent.ConversationId is { Length: > 0 } created)
            {
                await contacts.SetPersonalConversationAsync(turn.From, created, cancellationToken);
                target = target with { ConversationId = created };
            }
        }

        return answer.SentNote;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A private answer on {Channel} was not delivered: {Status} {Error}")]
    private partial void LogNotDelivered(string channel, DeliveryStatus status, string? error);
}
