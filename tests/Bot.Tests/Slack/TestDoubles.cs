using System.Collections.Concurrent;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// TEST-ONLY turn handler used where a specific view must flow through before the real dialogs exist (a pulse card
/// with inputs, a replaced card). It records every turn it sees.
/// </summary>
internal sealed class ScriptedTurnHandler(Func<Turn, TurnResult> answer) : ITurnHandler
{
    public ConcurrentQueue<Turn> Turns { get; } = new();

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        Turns.Enqueue(turn);
        return Task.FromResult(answer(turn));
    }
}
