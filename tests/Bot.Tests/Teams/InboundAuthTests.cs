using Microsoft.AspNetCore.Http;
using System.Net;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Dialogs.Turns;
using Moq;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// Inbound JWT validation through the real host, against OpenID metadata and a JWKS served on 127.0.0.1.
/// A rejected activity must never reach the dialogs nor the contact store.
/// </summary>
public sealed class InboundAuthTests : IAsyncLifetime
{
    private const string AppId = "00000000-1111-2222-3333-444444444444";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private const string Tenant = "tenant-entra";
    private readonly TokenIssuer _issuer = new();
    private readonly TokenIssuer _entra = new();
    private readonly Mock<ITurnHandler> _handler = new();
    private LocalServer _keys = null!;
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _keys = await LocalServer.StartAsync();
        _keys.Respond = (context, request) => context.Response.WriteAsync(request.PathAndQuery switch
        {
            "/botframework/metadata" => _issuer.Metadata(_keys.BaseUrl + "botframework/"),
            "/botframework/keys" => _issuer.Jwks(),
            "/entra/metadata" => _entra.Metadata(_keys.BaseUrl + "entra/", $"https://login.microsoftonline.com/{Tenant}/v2.0"),
            "/entra/keys" => _entra.Jwks(withEndorsements: false),
            _ => "{}",
        });
        _handler.Setup(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>())).ReturnsAsync(TurnResult.None);
        _host = new TeamsHost("Production", new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "not-used-here",
            ["Teams:TenantId"] = Tenant,
            ["Teams:OpenIdMetadataUrl"] = _keys.BaseUrl + "botframework/metadata",
            ["Teams:EntraOpenIdMetadataUrl"] = _keys.BaseUrl + "entra/metadata",
        }, _handler.Object);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _keys.DisposeAsync();
    }

    [Fact]
    public async Task AValidBotFrameworkTokenIsAcceptedAndTheTurnIsHandled()
    {
        var response = await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help"), "Bearer " + _issuer.Token(AppId, ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Text == "help"), It.IsAny<CancellationToken>()), Times.Once);
        var contact = await _host.FindContactAsync();
        Assert.Equal((ServiceUrl, Activities.PersonalConversation, "aad-ada"), (contact?.Reference.ServiceUrl, contact?.Reference.ConversationId, contact?.Reference.AadObjectId));
        Assert.Equal(1, await _host.CountContactsAsync());
    }

    [Fact]
    public async Task TheServiceUrlClaimIsComparedCaseInsensitively()
    {
        var response = await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help"), "Bearer " + _issuer.Token(AppId, ServiceUrl.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ATokenExpiredLessThanFiveMinutesAgoIsStillAccepted()
    {
        var token = _issuer.Token(AppId, ServiceUrl, expires: DateTime.UtcNow.AddMinutes(-4), notBefore: DateTime.UtcNow.AddMinutes(-30));

        var response = await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help"), "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ASubChannelIsCheckedAgainstItsChannelsEndorsement()
    {
        var response = await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help", channelId: "msteams:COPILOT"), "Bearer " + _issuer.Token(AppId, ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("https://sts.windows.net/tenant-entra/")]
    [InlineData("https://login.microsoftonline.com/tenant-entra/v2.0")]
    public async Task AnEntraTokenOfTheBotsOwnTenantIsAccepted(string issuer)
    {
        var token = _entra.Token(AppId, ServiceUrl, issuer: issuer);

        var response = await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help"), "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    public static TheoryData<string, HttpStatusCode> Rejections => new()
    {
        { "wrong issuer", HttpStatusCode.Unauthorized },
        { "entra issuer of another tenant", HttpStatusCode.Unauthorized },
        { "wrong audience", HttpStatusCode.Unauthorized },
        { "expired", HttpStatusCode.Unauthorized },
        { "not yet valid", HttpStatusCode.Unauthorized },
        { "bad signature", HttpStatusCode.Unauthorized },
        { "key not in JWKS", HttpStatusCode.Unauthorized },
        { "serviceurl mismatch", HttpStatusCode.Unauthorized },
        { "missing endorsement", HttpStatusCode.Forbidden },
        { "missing header", HttpStatusCode.Unauthorized },
        { "non-Bearer scheme", HttpStatusCode.Unauthorized },
        { "not a JWT", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task AnUntrustworthyRequestIsRejectedAndNothingIsProcessed(string flaw, HttpStatusCode expected)
    {
        var activity = Activities.Message(ServiceUrl, "help", channelId: flaw == "missing endorsement" ? "slack" : "msteams");
        string? header = flaw switch
        {
            "wrong issuer" => "Bearer " + _issuer.Token(AppId, ServiceUrl, issuer: "https://evil.example"),
            "entra issuer of another tenant" => "Bearer " + _entra.Token(AppId, ServiceUrl, issuer: "https://sts.windows.net/other-tenant/"),
            "wrong audience" => "Bearer " + _issuer.Token("another-app", ServiceUrl),
            "expired" => "Bearer " + _issuer.Token(AppId, ServiceUrl, expires: DateTime.UtcNow.AddMinutes(-6), notBefore: DateTime.UtcNow.AddMinutes(-30)),
            "not yet valid" => "Bearer " + _issuer.Token(AppId, ServiceUrl, notBefore: DateTime.UtcNow.AddMinutes(6), expires: DateTime.UtcNow.AddMinutes(30)),
            "bad signature" => "Bearer " + _issuer.Token(AppId, ServiceUrl, signWith: _issuer.Impostor),
            "key not in JWKS" => "Bearer " + _issuer.Token(AppId, ServiceUrl, signWith: _issuer.Unpublished),
            "serviceurl mismatch" => "Bearer " + _issuer.Token(AppId, "https://attacker.example/"),
            "missing endorsement" => "Bearer " + _issuer.Token(AppId, ServiceUrl),
            "missing header" => null,
            "non-Bearer scheme" => "Basic " + _issuer.Token(AppId, ServiceUrl),
            "not a JWT" => "Bearer not-a-token",
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        };

        var response = await _host.PostActivityAsync(activity, header);

        Assert.Equal(expected, response.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(0, await _host.CountContactsAsync());
    }
}
