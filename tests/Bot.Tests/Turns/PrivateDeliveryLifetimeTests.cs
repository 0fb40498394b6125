using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Bot.Tests.Turns;

/// <summary>
/// Issue 16: <see cref="PrivateDelivery"/> is a singleton (the turn pipeline holds it) but took the messengers in its
/// constructor, so the transient TeamsMessenger — and the typed ConnectorClient from the HTTP client factory inside
/// it — was created once and kept for the life of the process: its handler never rotated. Now each delivery resolves
/// the channel's messenger in its own scope. Checked in the real host, built with ValidateOnBuild and ValidateScopes.
/// </summary>
public sealed class PrivateDeliveryLifetimeTests
{
    [Fact]
    public async Task EachPrivateAnswerGetsAFreshMessengerFromTheContainer()
    {
        using var data = new Hosting.TestDataFolder();
        var probe = new ProbeCounter();
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Storage:DataFolder", data.Path);
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton(probe);
                s.AddTransient<IChannelMessenger, ProbeMessenger>();
            });
        });

        var delivery = app.Services.GetRequiredService<PrivateDelivery>();
        Assert.NotNull(app.Services.GetRequiredService<TurnPipeline>()); // the singleton that holds it, resolved under ValidateScopes
        var turn = Turn(new MemberIdentity(ProbeMessenger.Name, "t1", "u1"));
        var answer = new PrivateAnswer([new MessageView("only for you")], new MessageView("sent"), new MessageView("failed"));
        var before = probe.Created; // others (the outbox dispatcher at start-up) may have made some already

        Assert.Equal(answer.SentNote, await delivery.DeliverAsync(turn, answer, default));
        Assert.Equal(answer.SentNote, await delivery.DeliverAsync(turn, answer, default));

        Assert.Equal(before + 2, probe.Created);
        Assert.Equal(2, probe.Sent);
    }

    private static Turn Turn(MemberIdentity from) => new(
        TurnKind.Message, from, "Probe", new ConversationReference(from.Channel, from.TenantId, from.UserId, null, "room-1", "bot"),
        ConversationKind.Group, "en-US", null, "where are we", null, "a1", null, DateTimeOffset.UtcNow);

    private sealed class ProbeCounter
    {
        public int Created;
        public int Sent;
    }

    /// <summary>A messenger of a made-up channel, registered transient like TeamsMessenger, counting its instances.</summary>
    private sealed class ProbeMessenger : IChannelMessenger
    {
        public const string Name = "probe";
        private readonly ProbeCounter counter;

        public ProbeMessenger(ProbeCounter counter)
        {
            this.counter = counter;
            Interlocked.Increment(ref counter.Created);
        }

        public string Channel => Name;

        public Task<DeliveryResult> SendAsync(ConversationReference target, View view, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter.Sent);
            return Task.FromResult(new DeliveryResult(DeliveryStatus.Sent, "m1"));
        }

        public Task<DeliveryResult> UpdateAsync(ConversationReference target, string messageId, View view, CancellationToken cancellationToken) =>
            Task.FromResult(new DeliveryResult(DeliveryStatus.Sent, messageId));
    }
}
