using AllianceBot.ConnectorStandIn;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AllianceBot.Scheduling.Tests.Outbox;

/// <summary>
/// The dispatcher's I/O loop on the real clock (its decisions are <see cref="OutboxQueueTests"/>): real SQLite
/// stores and the connector stand-in. Each test waits for an event with a generous deadline that only a stall
/// would reach; none measures how fast anything is.
/// </summary>
public sealed class DispatcherLoopTests
{
    /// <summary>Far beyond any honest delivery here, far below the 25 s of the stall.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The "pulse now" stall: the wall clock stepped back 25 s after the dispatcher's first claim (NTP correcting a
    /// freshly started machine). The dispatcher had set its next claim for a wall-clock instant that was now 25 s
    /// away, so a message enqueued at once (stamped with the corrected clock, due now) stayed pending with 0
    /// attempts for 25 s. Enqueued here by another store instance (no in-process signal), so only the poll can find it.
    /// </summary>
    [Fact]
    public async Task AMessageIsFoundByThePollEvenAfterTheWallClockSteppedBack()
    {
        await using var harness = await DispatcherHarness.StartAsync(new StandInOptions(), new OutboxDispatcherOptions { PollInterval = TimeSpan.FromMilliseconds(100) });
        var clock = new SteppedClock(TimeProvider.System);
        var member = harness.Member("t1", 1);
        var dispatcher = DispatcherHarness.Compose(harness.Outbox, harness.Contacts, [harness.Messenger], clock, harness.Options, harness.Stats);
        await dispatcher.StartAsync(CancellationToken.None);
        await harness.EnqueueAsync([member], "before the step");
        await WaitForAsync(async () => await harness.Store.CountAsync(OutboxStatus.Sent) == 1); // the loop is polling

        clock.StepBack(TimeSpan.FromSeconds(25));
        var otherInstance = new OutboxStore(harness.Store.Database);
        await otherInstance.EnqueueAsync([OutboxJson.Compose("pulse", member, new MessageView("pulse now"), clock.GetUtcNow())], CancellationToken.None);

        await WaitForAsync(async () => await harness.Store.CountAsync(OutboxStatus.Sent) == 2);
        await dispatcher.StopAsync(CancellationToken.None);
        dispatcher.Dispose();
    }

    /// <summary>An enqueue in this process wakes the dispatcher: with a one-minute poll the message still goes at once.</summary>
    [Fact]
    public async Task AnEnqueueWakesTheDispatcherWithoutWaitingForThePoll()
    {
        await using var harness = await DispatcherHarness.StartAsync(new StandInOptions(), new OutboxDispatcherOptions { PollInterval = TimeSpan.FromMinutes(1), Lease = TimeSpan.FromMinutes(5) });
        var signal = new OutboxSignal();
        var outbox = new OutboxStore(harness.Store.Database, signal);
        var member = harness.Member("t1", 1);
        await harness.Store.SeeAsync([member]);
        var dispatcher = DispatcherHarness.Compose(outbox, harness.Contacts, [harness.Messenger], TimeProvider.System, harness.Options, harness.Stats, signal: signal);
        await dispatcher.StartAsync(CancellationToken.None);
        await outbox.EnqueueAsync([OutboxJson.Compose("pulse", member, new MessageView("first"), DateTimeOffset.UtcNow)], CancellationToken.None);
        await WaitForAsync(async () => await harness.Store.CountAsync(OutboxStatus.Sent) == 1); // the loop now sleeps for a minute

        await outbox.EnqueueAsync([OutboxJson.Compose("pulse", member, new MessageView("pulse now"), DateTimeOffset.UtcNow)], CancellationToken.None);

        await WaitForAsync(async () => await harness.Store.CountAsync(OutboxStatus.Sent) == 2);
        await dispatcher.StopAsync(CancellationToken.None);
        dispatcher.Dispose();
    }

    /// <summary>
    /// Every send resolves its messenger in a scope of its own, so a messenger's typed HttpClient (Teams:
    /// ConnectorClient) comes from IHttpClientFactory each time and its handler rotates. Before, the singleton
    /// dispatcher held one transient messenger, and its client, for the life of the process.
    /// </summary>
    [Fact]
    public async Task EachSendResolvesItsMessengerAnew()
    {
        await using var harness = await DispatcherHarness.StartAsync(new StandInOptions(), new OutboxDispatcherOptions { PollInterval = TimeSpan.FromMilliseconds(100) });
        var created = 0;
        using var http = new HttpClient();
        var services = new ServiceCollection()
            .AddTransient<IChannelMessenger>(_ =>
            {
                Interlocked.Increment(ref created);
                return new AllianceBot.ConnectorStandIn.Client.StandInTeamsMessenger(http);
            })
            .BuildServiceProvider();
        var options = Microsoft.Extensions.Options.Options.Create(harness.Options);
        using var dispatcher = new OutboxDispatcher(harness.Outbox, harness.Contacts, services.GetRequiredService<IServiceScopeFactory>(),
            [new AllianceBot.Bot.Teams.Outbound.TeamsRateLimits(options)], new OutboxSignal(), TimeProvider.System, options, harness.Stats,
            NullLogger<OutboxDispatcher>.Instance);
        await harness.EnqueueAsync(Enumerable.Range(1, 3).Select(i => harness.Member("t1", i)));
        var atStart = created;

        await dispatcher.StartAsync(CancellationToken.None);
        await WaitForAsync(async () => await harness.Store.CountAsync(OutboxStatus.Sent) == 3);
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Equal(atStart + 3, created);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the dispatcher did not get there within the deadline");
            await Task.Delay(20);
        }
    }
}
