using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Auth;
using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// serviceUrl is the caller's word until a Bot Framework token binds it: inbound, an activity naming a host off the
/// allow-list is refused before anything is stored; outbound, the bot's connector token never goes to such a host.
/// </summary>
public sealed class ServiceUrlAllowListTests : IAsyncLifetime
{
    private const string AppId = "00000000-1111-2222-3333-444444444444";
    private const string ConnectorToken = "the-bots-connector-token";
    private readonly TokenIssuer _issuer = new();
    private readonly Mock<ITurnHandler> _handler = new();
    private LocalServer _keys = null!;
    private LocalServer _recorder = null!;

    public async Task InitializeAsync()
    {
        _keys = await LocalServer.StartAsync();
        _keys.Respond = (context, request) => context.Response.WriteAsync(request.PathAndQuery == "/keys" ? _issuer.Jwks() : _issuer.Metadata(_keys.BaseUrl));
        _recorder = await LocalServer.StartAsync();
        _recorder.Respond = (context, _) =>
        {
            context.Response.StatusCode = 201;
            return context.Response.WriteAsync("{\"id\":\"sent-1\"}");
        };
        _handler.Setup(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>())).ReturnsAsync(TurnResult.None);
    }

    public async Task DisposeAsync()
    {
        await _keys.DisposeAsync();
        await _recorder.DisposeAsync();
    }

    /// <summary>Production with real settings; the recorder's 127.0.0.1 listed explicitly, as a deployment never would.</summary>
    private TeamsHost ProductionHost(params string[] allowedHosts)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "not-used-here",
            ["Teams:OpenIdMetadataUrl"] = _keys.BaseUrl + "metadata",
        };
        for (var i = 0; i < allowedHosts.Length; i++)
        {
            settings[$"Teams:AllowedServiceUrlHosts:{i}"] = allowedHosts[i];
        }

        return new TeamsHost("Production", settings, _handler.Object, s =>
        {
            s.RemoveAll<IConnectorTokenProvider>();
            s.AddSingleton<IConnectorTokenProvider>(new FixedToken());
        });
    }

    [Fact]
    public async Task AProperlySignedActivityNamingAHostOffTheListIsRefusedAndNothingIsStored()
    {
        await using var host = ProductionHost();
        const string attacker = "https://attacker.example/";

        var response = await host.PostActivityAsync(Activities.Message(attacker, "help"), "Bearer " + _issuer.Token(AppId, attacker));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(0, await host.CountContactsAsync());
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("https://smba.trafficmanager.net.attacker.example/")]
    [InlineData("https://smba.trafficmanager.net@attacker.example/")]
    public async Task EvenInDevelopmentAnActivityNamingAForeignHostIsRefused(string serviceUrl)
    {
        await using var host = new TeamsHost(handler: _handler.Object);

        var response = await host.PostActivityAsync(Activities.Message(serviceUrl, "help"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await host.CountContactsAsync());
    }

    [Fact]
    public async Task InProductionLoopbackIsRefusedUnlessListed()
    {
        await using var host = ProductionHost();
        var serviceUrl = _recorder.BaseUrl;

        var response = await host.PostActivityAsync(Activities.Message(serviceUrl, "help"), "Bearer " + _issuer.Token(AppId, serviceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await host.CountContactsAsync());
    }

    [Fact]
    public async Task TheConnectorTokenGoesToAnAllowedHostAndNeverToAnother()
    {
        await using var host = ProductionHost("127.0.0.1");
        var connector = host.Services.GetRequiredService<ConnectorClient>();
        var port = new Uri(_recorder.BaseUrl).Port;
        var message = new Bot.Teams.Activities.Activity { Type = "message", Text = "hi" };

        var allowed = await connector.SendAsync($"http://127.0.0.1:{port}/", "a:1", message, CancellationToken.None);
        var refused = await connector.SendAsync($"http://localhost:{port}/", "a:1", message, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, allowed.Status);
        Assert.Equal(DeliveryStatus.Unreachable, refused.Status);
        var request = Assert.Single(_recorder.Requests);
        Assert.Equal("Bearer " + ConnectorToken, request.Authorization);
    }

    [Fact]
    public async Task AStoredContactWithAForeignServiceUrlIsUnreachableAndNeverCalled()
    {
        await using var host = ProductionHost("127.0.0.1");
        var messenger = host.Services.GetRequiredService<IChannelMessenger>();
        var target = new ConversationReference(MemberIdentity.Teams, Activities.TenantId, Activities.UserId, "https://attacker.example/", null, Activities.BotId, "AllianceBot");

        var result = await messenger.SendAsync(target, new MessageView("pulse"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
        Assert.Empty(_recorder.Requests);
    }

    public static TheoryData<string, bool> Urls => new()
    {
        { "https://smba.trafficmanager.net/emea/", true },
        { "https://SMBA.TrafficManager.NET/amer/", true },
        { "https://smba.infra.gcc.teams.microsoft.com/teams", true },
        { "https://smba.infra.gov.teams.microsoft.us/teams", true },
        { "https://smba.infra.dod.teams.microsoft.us/teams", true },
        { "https://directline.botframework.com/", true },
        { "http://smba.trafficmanager.net/emea/", false },
        { "https://a.b.botframework.com/", false },
        { "https://botframework.com/", false },
        { "https://evilbotframework.com/", false },
        { "https://smba.trafficmanager.net.evil.example/", false },
        { "https://user:pw@smba.trafficmanager.net/", false },
        { "https://evil.example/?smba.trafficmanager.net", false },
        { "http://127.0.0.1:3978/", false },
        { "http://[::1]:3978/", false },
        { "http://localhost:3978/", false },
        { "ftp://smba.trafficmanager.net/", false },
        { "not a url", false },
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public void TheDefaultListHoldsMicrosoftsConnectorHostsOnly(string serviceUrl, bool allowed) =>
        Assert.Equal(allowed, new ServiceUrlPolicy(ServiceUrlPolicy.MicrosoftConnectorHosts, allowLoopback: false).IsAllowed(serviceUrl));

    [Theory]
    [InlineData("http://127.0.0.1:3978/", true)]
    [InlineData("http://[::1]:3978/", true)]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("http://10.0.0.5/", false)]
    public void InDevelopmentLoopbackIsAllowedToo(string serviceUrl, bool allowed) =>
        Assert.Equal(allowed, new ServiceUrlPolicy(ServiceUrlPolicy.MicrosoftConnectorHosts, allowLoopback: true).IsAllowed(serviceUrl));

    private sealed class FixedToken : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(ConnectorToken);
    }
}
