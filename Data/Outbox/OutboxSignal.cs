using System.Threading.Channels;

namespace AllianceBot.Data.Outbox;

/// <summary>
/// "Something was enqueued": <see cref="OutboxStore"/> raises it after an enqueue commits, the dispatcher of the same
/// process waits on it, so a message due now goes out at once instead of at the next poll. Messages enqueued by
/// another instance are still found by polling. Several signals before the dispatcher looks count as one.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> raised = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Raise() => raised.Writer.TryWrite(true);

    /// <summary>True once when the signal was raised since the last call.</summary>
    public bool TryTake() => raised.Reader.TryRead(out _);

    /// <summary>Completes when the signal is raised (or was raised and not yet taken).</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => raised.Reader.WaitToReadAsync(cancellationToken).AsTask();
}
