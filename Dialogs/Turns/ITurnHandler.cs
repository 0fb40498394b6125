using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Turns;

/// <summary>
/// The answer to a turn: messages to post in the conversation, and optionally a view that replaces the card the
/// action came from (Teams: the invoke response or a PUT of the activity; Slack: chat.update).
/// </summary>
public sealed record TurnResult(IReadOnlyList<View> Replies, View? ReplaceCard = null)
{
    public static TurnResult None { get; } = new([]);

    public static TurnResult Reply(params View[] views) => new(views);
}

/// <summary>The channel-neutral entry point every channel calls.</summary>
public interface ITurnHandler
{
    Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken);
}
