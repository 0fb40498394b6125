using System.Net;
using AllianceBot.Bot.Slack;
using AllianceBot.Bot.Slack.Install;
using AllianceBot.Bot.Slack.WebApi;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>The outbound port against the Web API stand-in: one attempt, answers mapped for the dispatcher.</summary>
public sealed class SlackMessengerTests : IAsyncLifetime
{
    private static readonly View Card = new CardView(CardKind.Info, "Hello", [new Paragraph("Hi")], [], "Hello");
    private SlackApiStandIn api = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        api = await SlackApiStandIn.StartAsync();
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task WithoutAConversationTheDirectMessageIsOpenedAndItsIdReturned()
    {
        var result = await Messenger().SendAsync(Reference(conversationId: null), Card, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal("DU1", result.ConversationId);
        Assert.NotNull(result.MessageId);
        Assert.Equal(["conversations.open", "chat.postMessage"], api.Calls.Select(c => c.Method));
        Assert.Equal("DU1", api.CallsTo("chat.postMessage").Single().Field("channel"));
    }

    [Fact]
    public async Task UpdateUsesChannelAndTimestamp()
    {
        var result = await Messenger().UpdateAsync(Reference("D9"), "123.456", Card, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        var update = Assert.Single(api.CallsTo("chat.update"));
        Assert.Equal(("D9", "123.456", "Hello"), (update.Field("channel"), update.Field("ts"), update.Field("text")));
    }

    [Fact]
    public async Task Http429WithRetryAfterIsThrottledForThatLong()
    {
        api.Script("chat.postMessage", ctx =>
        {
            ctx.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ctx.Response.Headers.RetryAfter = "30";
            return Task.CompletedTask;
        });

        var result = await Messenger().SendAsync(Reference("D9"), Card, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Throttled, TimeSpan.FromSeconds(30)), (result.Status, result.RetryAfter));
        Assert.Single(api.CallsTo("chat.postMessage"));
    }

    [Theory]
    [InlineData("ratelimited", DeliveryStatus.Throttled)]
    [InlineData("channel_not_found", DeliveryStatus.Unreachable)]
    [InlineData("not_in_channel", DeliveryStatus.Unreachable)]
    [InlineData("account_inactive", DeliveryStatus.Unreachable)]
    [InlineData("user_not_found", DeliveryStatus.Unreachable)]
    [InlineData("is_archived", DeliveryStatus.Unreachable)]
    [InlineData("invalid_blocks", DeliveryStatus.Failed)]
    [InlineData("invalid_auth", DeliveryStatus.Failed)]
    public async Task WebApiErrorsMapToWhatTheDispatcherShouldDo(string error, DeliveryStatus expected)
    {
        api.ScriptError("chat.postMessage", error);

        var result = await Messenger().SendAsync(Reference("D9"), Card, CancellationToken.None);

        Assert.Equal((expected, error), (result.Status, result.Error));
    }

    [Fact]
    public async Task AFailedConversationOpenIsReportedWithoutPosting()
    {
        api.ScriptError("conversations.open", "user_not_found");

        var result = await Messenger().SendAsync(Reference(null), Card, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
        Assert.Empty(api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task ServerErrorsAndUnreachableHostsAreTransient()
    {
        api.Script("chat.postMessage", ctx =>
        {
            ctx.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            return Task.CompletedTask;
        });
        Assert.Equal(DeliveryStatus.Transient, (await Messenger().SendAsync(Reference("D9"), Card, CancellationToken.None)).Status);

        // A port nothing listens on: connection refused.
        var nowhere = Messenger(new Uri("http://127.0.0.1:9/api/"));
        Assert.Equal(DeliveryStatus.Transient, (await nowhere.SendAsync(Reference("D9"), Card, CancellationToken.None)).Status);
    }

    private SlackMessenger Messenger(Uri? baseUrl = null) => new(new SlackApiClient(
        services.GetRequiredService<IHttpClientFactory>(),
        Options.Create(new SlackOptions { ApiBaseUrl = baseUrl ?? api.BaseUrl }),
        new OneToken(SlackApiStandIn.LegacyToken),
        NullLogger<SlackApiClient>.Instance));

    /// <summary>Every workspace gets the same token: routing is tested in SlackRoutingTests, this class tests one call.</summary>
    private sealed class OneToken(string token) : ISlackTokenSource
    {
        public Task<SlackAccessLookup> GetAsync(string teamId, CancellationToken cancellationToken) =>
            Task.FromResult(new SlackAccessLookup(new SlackAccess(token, SlackApiStandIn.BotUserId)));
    }

    private static ConversationReference Reference(string? conversationId) =>
        new(MemberIdentity.Slack, "T1", "U1", ServiceUrl: null, conversationId, BotId: "UBOT");
}
