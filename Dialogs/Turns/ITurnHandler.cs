using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Turns;

/// <summary>
/// The answer to a turn: messages to post in the conversation, and optionally a view that replaces the card the
/// action came from (Teams: the invoke response or a PUT of the activity; Slack: chat.update). <see cref="Private"/>
/// is an answer for the asker's eyes only, asked in a group chat or channel: the channel sends it to their personal
/// chat (<see cref="Channels.PrivateDelivery"/>) and posts the short note in the conversation.
/// </summary>
public sealed record TurnResult(IReadOnlyList<View> Replies, View? ReplaceCard = null)
{
    public PrivateAnswer? Private { get; init; }

    public static TurnResult None { get; } = new([]);

    public static TurnResult Reply(params View[] views) => new(views);
}

/// <summary>
/// Views for the asker only, with the note for the conversation they asked in: <see cref="SentNote"/> once they were
/// delivered, <see cref="FailedNote"/> when the personal chat could not be reached.
/// </summary>
public sealed record PrivateAnswer(IReadOnlyList<View> Views, View SentNote, View FailedNote);

/// <summary>The channel-neutral entry point every channel calls.</summary>
public interface ITurnHandler
{
    Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken);
}
