using AllianceBot.Dialogs.Rounds;
using System.Collections.Concurrent;
using AllianceBot.Scheduling.Rounds;

namespace AllianceBot.Scheduling.Tests.Rounds;

/// <summary>Stands in for the round use cases (Data + Trust + Dialogs, not merged yet): records what the jobs ask.</summary>
internal sealed class RecordingLifecycle : IRoundLifecycle
{
    private int failuresLeft;

    public RecordingLifecycle(int failFirst = 0) => failuresLeft = failFirst;

    public ConcurrentQueue<RoundOpening> Calls { get; } = new();

    public ConcurrentQueue<(RoundOpening Opening, Guid RoundId)> Opened { get; } = new();

    public ConcurrentQueue<(Guid RoundId, int Number)> Reminders { get; } = new();

    public ConcurrentQueue<Guid> Closes { get; } = new();

    public Task<OpenedRound?> OpenRoundAsync(RoundOpening opening, CancellationToken cancellationToken)
    {
        Calls.Enqueue(opening);
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            throw new InvalidOperationException("database briefly unavailable");
        }

        var round = Guid.NewGuid();
        Opened.Enqueue((opening, round));
        return Task.FromResult<OpenedRound?>(new OpenedRound(round));
    }

    public Task SendRemindersAsync(Guid roundId, int reminderNumber, CancellationToken cancellationToken)
    {
        Reminders.Enqueue((roundId, reminderNumber));
        return Task.CompletedTask;
    }

    public Task CloseRoundAsync(Guid roundId, CancellationToken cancellationToken)
    {
        Closes.Enqueue(roundId);
        return Task.CompletedTask;
    }
}
