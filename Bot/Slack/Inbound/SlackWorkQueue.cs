using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>
/// The bounded hand-off between the endpoints (which must answer Slack within 3 s) and the background worker.
/// It also counts work in flight so tests and shutdown can wait until everything accepted has been processed.
/// </summary>
public sealed class SlackWorkQueue(IOptions<SlackOptions> options)
{
    private readonly Channel<SlackInbound> channel = Channel.CreateBounded<SlackInbound>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Lock gate = new();
    private int inFlight;
    private TaskCompletionSource idle = Idle();

    /// <summary>Waits briefly for room; false means the queue is full and Slack should retry later.</summary>
    public async Task<bool> TryEnqueueAsync(SlackInbound inbound, TimeSpan wait, CancellationToken cancellationToken)
    {
        Begin();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            await channel.Writer.WriteAsync(inbound, timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            Complete();
            return false;
        }
    }

    public IAsyncEnumerable<SlackInbound> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Called by the worker when an item is done (processed, refused or failed).</summary>
    public void Complete()
    {
        lock (gate)
        {
            if (--inFlight == 0)
            {
                idle.TrySetResult();
            }
        }
    }

    /// <summary>Completes when nothing accepted is waiting or being processed.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return idle.Task.WaitAsync(cancellationToken);
        }
    }

    private void Begin()
    {
        lock (gate)
        {
            if (inFlight++ == 0)
            {
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private static TaskCompletionSource Idle()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
