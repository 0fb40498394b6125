using AllianceBot.ConnectorStandIn;
using AllianceBot.ConnectorStandIn.Client;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Tests.Support;
using AllianceBot.Bot.Slack.WebApi;
using AllianceBot.Bot.Teams.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AllianceBot.Scheduling.Tests.Outbox;

/// <summary>
/// Real dispatchers over the Data layer's real outbox and contact stores (SQLite, or PostgreSQL where several
/// consumers claim), sending to the real connector stand-in over HTTP on 127.0.0.1.
/// </summary>
internal sealed class DispatcherHarness : IAsyncDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<OutboxDispatcher> dispatchers = [];

    private DispatcherHarness(ConnectorStandInServer server, TestStore store, OutboxDispatcherOptions options)
    {
        Server = server;
        Store = store;
        Options = options;
    }

    public ConnectorStandInServer Server { get; }

    public TestStore Store { get; }

    public OutboxStore Outbox => Store.Outbox;

    public ContactStore Contacts => Store.Contacts;

    public OutboxDispatcherOptions Options { get; }

    public OutboxDispatcherStats Stats { get; } = new();

    /// <summary>The bot's meter for dispatchers started from now on (null: none, as most tests need).</summary>
    public AllianceBot.Data.Telemetry.AllianceTelemetry? Telemetry { get; set; }

    public StandInTeamsMessenger Messenger => new(http);

    public static async Task<DispatcherHarness> StartAsync(StandInOptions standIn, OutboxDispatcherOptions options, string provider = "sqlite")
    {
        var store = await TestStore.CreateAsync(provider);
        return new(await ConnectorStandInServer.StartAsync(standIn), store, options);
    }

    public ConversationReference Member(string tenant, int number, bool knownConversation = true) =>
        new(MemberIdentity.Teams, tenant, $"29:{tenant}-{number}", Server.BaseUrl.ToString(), knownConversation ? $"a:{tenant}-{number}" : null, "28:alliancebot");

    /// <summary>Records the members as contacts (as installing the app does), then enqueues one message each.</summary>
    public async Task<int> EnqueueAsync(IEnumerable<ConversationReference> members, string text = "How is the alliance doing?", DateTimeOffset? notBefore = null)
    {
        var list = members.ToList();
        await Store.SeeAsync(list);
        return await Outbox.EnqueueAsync(
            list.Select(m => OutboxJson.Compose("pulse", m, new MessageView(text), notBefore ?? DateTimeOffset.UtcNow)).ToList(),
            CancellationToken.None);
    }

    public async Task<OutboxDispatcher> StartDispatcherAsync(params IChannelMessenger[] others)
    {
        var dispatcher = Compose(Outbox, Contacts, [Messenger, .. others], TimeProvider.System, Options, Stats, Telemetry);
        dispatchers.Add(dispatcher);
        await dispatcher.StartAsync(CancellationToken.None);
        return dispatcher;
    }

    /// <summary>A dispatcher as the bot composes it: messengers resolved per send from a container, the channels' real rate limits.</summary>
    public static OutboxDispatcher Compose(
        IOutboxStore outbox,
        IContactStore contacts,
        IEnumerable<IChannelMessenger> messengers,
        TimeProvider time,
        OutboxDispatcherOptions options,
        OutboxDispatcherStats stats,
        AllianceBot.Data.Telemetry.AllianceTelemetry? telemetry = null,
        OutboxSignal? signal = null)
    {
        var services = new ServiceCollection();
        foreach (var messenger in messengers)
        {
            services.AddSingleton(messenger);
        }

        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var provider = services.BuildServiceProvider();
        return new OutboxDispatcher(outbox, contacts, provider.GetRequiredService<IServiceScopeFactory>(),
            [new TeamsRateLimits(wrapped), new SlackRateLimits(wrapped)], signal ?? new OutboxSignal(), time, wrapped, stats,
            NullLogger<OutboxDispatcher>.Instance, telemetry);
    }

    /// <summary>Waits until no message is pending or claimed (or fails after the timeout), then stops the dispatchers.</summary>
    public async Task RunUntilDrainedAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (await Store.CountAsync(OutboxStatus.Pending, OutboxStatus.Claimed) > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the outbox did not drain within {timeout}");
            await Task.Delay(100);
        }

        await StopDispatchersAsync();
    }

    public async Task StopDispatchersAsync()
    {
        foreach (var dispatcher in dispatchers)
        {
            await dispatcher.StopAsync(CancellationToken.None);
            dispatcher.Dispose();
        }

        dispatchers.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopDispatchersAsync();
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        http.Dispose();
    }
}
