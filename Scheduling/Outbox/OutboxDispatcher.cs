using AllianceBot.Dialogs.Rounds;
using System.Threading.Channels;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Telemetry;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox.RateLimits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AllianceBot.Scheduling.Outbox;

/// <summary>
/// Delivers the outbox: the I/O around <see cref="OutboxQueue"/>, which makes every decision. One loop claims due
/// messages with a lease, starts the sends the queue allows, records each result, and sleeps until the queue's next
/// moment, a send's answer, or an enqueue in this process (<see cref="OutboxSignal"/>).
/// <para>
/// Each send resolves its channel's messenger in a DI scope of its own, so a messenger's typed HttpClient comes fresh
/// from IHttpClientFactory and its handler rotates (a singleton holding one messenger would keep its handler, and
/// its DNS answers, for the life of the process).
/// </para>
/// <para>
/// Crash semantics: a message is marked sent only after the channel confirmed it. A process killed between the
/// two leaves the message claimed; after the lease it is claimed again and sent again. The slot of a send is freed
/// only after its result is stored, so at most <see cref="OutboxDispatcherOptions.MaxInFlight"/> messages per
/// killed process can be delivered twice. Claimed messages that were not yet sent are simply sent later.
/// </para>
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly IOutboxStore store;
    private readonly IContactStore contacts;
    private readonly IServiceScopeFactory scopes;
    private readonly OutboxSignal signal;
    private readonly TimeProvider time;
    private readonly OutboxDispatcherOptions options;
    private readonly OutboxDispatcherStats stats;
    private readonly ILogger<OutboxDispatcher> logger;
    private readonly AllianceTelemetry? telemetry;
    private readonly OutboxQueue queue;
    private readonly HashSet<string> channels;
    private readonly Channel<Completion> completions = Channel.CreateUnbounded<Completion>();
    private readonly CancellationTokenSource sendCancellation = new();

    public OutboxDispatcher(
        IOutboxStore store,
        IContactStore contacts,
        IServiceScopeFactory scopes,
        IEnumerable<IChannelRateLimits> rateLimits,
        OutboxSignal signal,
        TimeProvider time,
        IOptions<OutboxDispatcherOptions> options,
        OutboxDispatcherStats stats,
        ILogger<OutboxDispatcher> logger,
        AllianceTelemetry? telemetry = null)
    {
        this.store = store;
        this.contacts = contacts;
        this.scopes = scopes;
        this.signal = signal;
        this.time = time;
        this.options = options.Value;
        this.stats = stats;
        this.logger = logger;
        this.telemetry = telemetry;
        queue = new OutboxQueue(this.options, rateLimits, time);
        using (var scope = scopes.CreateScope())
        {
            channels = scope.ServiceProvider.GetServices<IChannelMessenger>().Select(m => m.Channel).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        InstanceId = this.options.InstanceId
            ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    public string InstanceId { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Outbox dispatcher {InstanceId} started", InstanceId);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A store outage must not stop the host: claims stay leased and are picked up again.
                    logger.LogError(ex, "Outbox dispatcher loop failed; continuing in {Interval}", options.PollInterval);
                    await Task.Delay(options.PollInterval, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await StopGracefullyAsync();
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        await DrainCompletionsAsync();
        if (signal.TryTake())
        {
            queue.Wake();
        }

        var now = time.GetUtcNow();
        foreach (var entry in queue.TakeExpiring(now))
        {
            await ReturnToStoreAsync(entry, entry.NotBefore > now ? entry.NotBefore : now, "lease ran out before the send could start");
        }

        if (queue.ClaimRoom() is > 0 and var room)
        {
            await ClaimAsync(room, now, stoppingToken);
        }

        telemetry?.OutboxBacklogAge(queue.BacklogAge(now));
        var (start, sleep) = queue.Next(now);
        foreach (var entry in start)
        {
            _ = SendAsync(entry);
        }

        await WaitAsync(sleep, stoppingToken);
    }

    private async Task ClaimAsync(int room, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxMessage> claimed;
        try
        {
            claimed = await store.ClaimAsync(InstanceId, room, now, options.Lease, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Claiming outbox messages failed; trying again in {Interval}", options.PollInterval);
            queue.ClaimFailed();
            return;
        }

        queue.Claimed(claimed.Count);
        foreach (var message in claimed)
        {
            await AddAsync(message, now);
        }
    }

    private async Task AddAsync(OutboxMessage message, DateTimeOffset now)
    {
        ConversationReference target;
        View view;
        try
        {
            target = OutboxJson.ReadTarget(message.Target);
            view = OutboxJson.ReadView(message.Payload);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or ArgumentException)
        {
            await FinalAsync(message, target: null, OutboxStatus.Failed, $"unreadable outbox row: {ex.Message}", now);
            return;
        }

        if (!channels.Contains(target.Channel))
        {
            await FinalAsync(message, target: null, OutboxStatus.Failed, $"no messenger registered for channel '{target.Channel}'", now);
            return;
        }

        queue.Add(message, target, view, now);
    }

    private async Task SendAsync(OutboxEntry entry)
    {
        using var span = AllianceTelemetry.Source.StartActivity("alliancebot.outbox.send");
        span?.SetTag("alliancebot.channel", entry.Message.Channel);
        span?.SetTag("alliancebot.message.kind", entry.Message.Kind);
        DeliveryResult result;
        try
        {
            // Off the loop's thread: a messenger that does work before its first await cannot hold up the loop.
            await Task.Yield();
            await using var scope = scopes.CreateAsyncScope();
            var messenger = scope.ServiceProvider.GetServices<IChannelMessenger>()
                .First(m => string.Equals(m.Channel, entry.Target.Channel, StringComparison.OrdinalIgnoreCase));
            result = await messenger.SendAsync(entry.Target, entry.View, sendCancellation.Token);
        }
        catch (OperationCanceledException) when (sendCancellation.IsCancellationRequested)
        {
            result = new DeliveryResult(DeliveryStatus.Transient, Error: "cancelled at shutdown");
            entry.Abandoned = true;
        }
        catch (Exception ex)
        {
            result = new DeliveryResult(DeliveryStatus.Transient, Error: $"{ex.GetType().Name}: {ex.Message}");
        }

        completions.Writer.TryWrite(new Completion(entry, result));
    }

    private async Task DrainCompletionsAsync()
    {
        while (completions.Reader.TryRead(out var completion))
        {
            try
            {
                await RecordAsync(completion.Entry, queue.Complete(completion.Entry, completion.Result, Random.Shared.NextDouble()));
            }
            catch (Exception ex)
            {
                // The claim stays; after the lease the message is sent again (at-least-once).
                logger.LogError(ex, "Recording the result of outbox message {MessageId} failed", completion.Entry.Message.Id);
            }
        }
    }

    private async Task RecordAsync(OutboxEntry entry, OutboxOutcome outcome)
    {
        switch (outcome)
        {
            case OutboxOutcome.Sent sent:
                await store.MarkSentAsync(entry.Message.Id, sent.MessageId, sent.At, CancellationToken.None);
                stats.CountSent();
                telemetry?.OutboxSent(entry.Message.Channel, entry.Message.Kind);
                if (sent.NewConversationId is { } conversationId)
                {
                    await contacts.SetPersonalConversationAsync(entry.Target.Identity, conversationId, CancellationToken.None);
                }

                break;

            case OutboxOutcome.RetryLater retry:
                if (retry.Throttled)
                {
                    stats.CountThrottled();
                    telemetry?.OutboxThrottled(entry.Message.Channel);
                    logger.LogInformation("Throttled on {Bucket}; pausing until {Until}", retry.Bucket, retry.At);
                }
                else
                {
                    stats.CountTransient();
                }

                foreach (var handBack in retry.HandedBack)
                {
                    await ReturnToStoreAsync(handBack.Entry, handBack.At, handBack.Reason);
                }

                break;

            case OutboxOutcome.Final final:
                await FinalAsync(entry.Message, entry.Target, final.Status, final.Error, final.At);
                break;
        }
    }

    private async Task StopGracefullyAsync()
    {
        // Let sends already on the wire finish so their results are stored; a cut-off send is the one case that
        // can be delivered twice.
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (queue.InFlight > 0 && time.GetUtcNow() < deadline)
        {
            try
            {
                await completions.Reader.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(1), time);
            }
            catch (TimeoutException)
            {
                // Checked against the deadline above.
            }

            await DrainCompletionsAsync();
        }

        await sendCancellation.CancelAsync();
        var now = time.GetUtcNow();
        foreach (var entry in queue.TakeAll())
        {
            await ReturnToStoreAsync(entry, entry.NotBefore > now ? entry.NotBefore : now, "released at shutdown");
        }

        logger.LogInformation("Outbox dispatcher {InstanceId} stopped", InstanceId);
    }

    private async Task ReturnToStoreAsync(OutboxEntry entry, DateTimeOffset at, string reason)
    {
        try
        {
            // Only sends that failed count against the retry budget; a throttled or never-started send does not.
            await store.RescheduleAsync(entry.Message.Id, at, entry.LocalAttempts, reason, CancellationToken.None);
            stats.CountReturned();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Returning outbox message {MessageId} to the store failed; its lease will release it", entry.Message.Id);
        }
    }

    private async Task FinalAsync(OutboxMessage message, ConversationReference? target, string status, string error, DateTimeOffset now)
    {
        await store.MarkFinalAsync(message.Id, status, error, now, CancellationToken.None);
        if (string.Equals(status, OutboxStatus.Unreachable, StringComparison.Ordinal))
        {
            stats.CountUnreachable();
            telemetry?.OutboxUnreachable(message.Channel, message.Kind);
            if (target is not null)
            {
                await contacts.MarkUnreachableAsync(target.Identity, error, now, CancellationToken.None);
            }
        }
        else
        {
            stats.CountFailed();
            telemetry?.OutboxFailed(message.Channel, message.Kind);
            logger.LogWarning("Outbox message {MessageId} failed: {Error}", message.Id, error);
        }
    }

    /// <summary>Sleeps for <paramref name="delay"/> unless a send comes back or something is enqueued first.</summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            await Task.Yield();
            return;
        }

        using var wakeUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completed = completions.Reader.WaitToReadAsync(wakeUp.Token).AsTask();
        var enqueued = signal.WaitAsync(wakeUp.Token);
        var timer = Task.Delay(delay, time, wakeUp.Token);
        await Task.WhenAny(completed, enqueued, timer);
        await wakeUp.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public override void Dispose()
    {
        sendCancellation.Dispose();
        base.Dispose();
    }

    private sealed record Completion(OutboxEntry Entry, DeliveryResult Result);
}
