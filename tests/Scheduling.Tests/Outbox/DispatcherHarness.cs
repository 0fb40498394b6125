using AllianceBot.ConnectorStandIn;
using AllianceBot.ConnectorStandIn.Client;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AllianceBot.Scheduling.Tests.Outbox;

/// <summary>A real dispatcher, the real stand-in over HTTP on 127.0.0.1, the in-memory outbox.</summary>
internal sealed class DispatcherHarness : IAsyncDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private OutboxDispatcher? dispatcher;

    private DispatcherHarness(ConnectorStandInServer server, OutboxDispatcherOptions options)
    {
        Server = server;
        Options = options;
    }

    public ConnectorStandInServer Server { get; }

    public OutboxDispatcherOptions Options { get; }

    public InMemoryOutboxStore Store { get; } = new();

    public RecordingContactStore Contacts { get; } = new();

    public OutboxDispatcherStats Stats { get; } = new();

    public StandInTeamsMessenger Messenger => new(http);

    public static async Task<DispatcherHarness> StartAsync(StandInOptions standIn, OutboxDispatcherOptions options) =>
        new(await ConnectorStandInServer.StartAsync(standIn), options);

    public ConversationReference Member(string tenant, int number, bool knownConversation = true) =>
        new(MemberIdentity.Teams, tenant, $"29:{tenant}-{number}", Server.BaseUrl.ToString(), knownConversation ? $"a:{tenant}-{number}" : null, "28:alliancebot");

    public Task<int> EnqueueAsync(IEnumerable<ConversationReference> members, string text = "How is the alliance doing?", DateTimeOffset? notBefore = null) =>
        Store.EnqueueAsync(
            members.Select(m => OutboxJson.Compose("pulse", m, new MessageView(text), notBefore ?? DateTimeOffset.UtcNow)).ToList(),
            CancellationToken.None);

    public async Task StartDispatcherAsync(params IChannelMessenger[] others)
    {
        dispatcher = new OutboxDispatcher(Store, Contacts, [Messenger, .. others], TimeProvider.System, Microsoft.Extensions.Options.Options.Create(Options), Stats, NullLogger<OutboxDispatcher>.Instance);
        await dispatcher.StartAsync(CancellationToken.None);
    }

    /// <summary>Waits until no message is pending or claimed (or the timeout), then stops the dispatcher.</summary>
    public async Task RunUntilDrainedAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (Store.Count(OutboxStatus.Pending) + Store.Count(OutboxStatus.Claimed) > 0)
        {
            await Task.Delay(50, cancel.Token);
        }

        await StopDispatcherAsync();
    }

    public async Task StopDispatcherAsync()
    {
        if (dispatcher is not null)
        {
            await dispatcher.StopAsync(CancellationToken.None);
            dispatcher.Dispose();
            dispatcher = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopDispatcherAsync();
        await Server.DisposeAsync();
        http.Dispose();
    }
}
