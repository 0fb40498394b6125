using Microsoft.AspNetCore.Http;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
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
    private const string AllowedCaller = "aaaaaaaa-0000-0000-0000-00000000ca11";
    private const string OtherApp = "bbbbbbbb-0000-0000-0000-0000000bad00";
    private readonly TokenIssuer _issuer = new();
    private readonly TokenIssuer _entra = new();
    private readonly Mock<ITurnHandler> _handler = new();
    private LocalServer _keys = null!;
    private bool _keysBroken;
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _keys = await LocalServer.StartAsync();
        _keys.Respond = (context, request) => context.Response.WriteAsync(_keysBroken ? "<html>maintenance</html>" : request.PathAndQuery switch
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
            ["Teams:AllowedCallers:0"] = AllowedCaller,
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
    [InlineData("https://sts.windows.net/tenant-entra/", "appid")]
    [InlineData("https://login.microsoftonline.com/tenant-entra/v2.0", "azp")]
    public async Task AnEntraTokenOfAnAllowedCallerOfTheBotsOwnTenantIsAccepted(string issuer, string callerClaim)
    {
        var token = _entra.Token(AppId, ServiceUrl, issuer: issuer, claims: new Dictionary<string, object> { [callerClaim] = AllowedCaller, ["tid"] = Tenant });

        var response = await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help"), "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AKeyRollOverIsPickedUpByTheFirstTokenSignedWithTheNewKey()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help", id: "before"), "Bearer " + _issuer.Token(AppId, ServiceUrl))).StatusCode);
        _issuer.PublishNextKey = true;

        var response = await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help", id: "after"), "Bearer " + _issuer.Token(AppId, ServiceUrl, signWith: _issuer.NextKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, KeyFetches());
    }

    [Fact]
    public async Task UnknownKeyIdsCannotMakeTheBotRefetchItsKeysOnEveryRequest()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help", id: "valid"), "Bearer " + _issuer.Token(AppId, ServiceUrl))).StatusCode);

        for (var i = 0; i < 10; i++)
        {
            var response = await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help", id: $"forged-{i}"), "Bearer " + _issuer.Token(AppId, ServiceUrl, signWith: _issuer.Unpublished));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // The first load, plus at most one refresh granted to an unknown key id within the refresh interval.
        Assert.InRange(KeyFetches(), 1, 2);
    }

    [Fact]
    public async Task UnreadableKeysAre503ForNowAndTheNextRequestFetchesThemAgain()
    {
        _keysBroken = true;
        var during = await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help", id: "during"), "Bearer " + _issuer.Token(AppId, ServiceUrl));
        _keysBroken = false;
        var after = await _host.PostActivityAsync(Activities.Message(ServiceUrl, "help", id: "after"), "Bearer " + _issuer.Token(AppId, ServiceUrl));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (during.StatusCode, after.StatusCode));
    }

    private int KeyFetches() => _keys.Requests.Count(r => r.PathAndQuery == "/botframework/keys");

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
        { "alg none", HttpStatusCode.Unauthorized },
        { "HS256 with the published key id", HttpStatusCode.Unauthorized },
        { "no exp", HttpStatusCode.Unauthorized },
        { "expired beyond the skew", HttpStatusCode.Unauthorized },
        { "Bot Framework token without serviceurl", HttpStatusCode.Unauthorized },
        { "Entra v1 token of another app", HttpStatusCode.Unauthorized },
        { "Entra v2 token of another app", HttpStatusCode.Unauthorized },
        { "Entra token without a caller", HttpStatusCode.Unauthorized },
        { "Entra token of the bot itself (not listed)", HttpStatusCode.Unauthorized },
        { "Entra token of an allowed caller naming another tenant", HttpStatusCode.Unauthorized },
        { "Entra token of an allowed caller with a serviceurl mismatch", HttpStatusCode.Unauthorized },
        { "three parts that are no JSON (a.b.c)", HttpStatusCode.Unauthorized },
        { "iss is a number", HttpStatusCode.Unauthorized },
        { "iss is an array", HttpStatusCode.Unauthorized },
        { "a five-part JWE", HttpStatusCode.Unauthorized },
    };

    private static readonly JsonObject RsHeader = new() { ["alg"] = "RS256", ["kid"] = "bf-key-1", ["typ"] = "JWT" };

    private static JsonObject Payload(JsonNode issuer) => new()
    {
        ["iss"] = issuer,
        ["aud"] = AppId,
        ["serviceurl"] = ServiceUrl,
        ["nbf"] = TokenIssuer.UnixTime(DateTime.UtcNow.AddMinutes(-1)),
        ["exp"] = TokenIssuer.UnixTime(DateTime.UtcNow.AddMinutes(30)),
    };

    private string EntraToken(string issuer, string callerClaim, string caller, string serviceUrl = ServiceUrl, string tenant = Tenant) =>
        _entra.Token(AppId, serviceUrl, issuer: issuer, claims: new Dictionary<string, object> { [callerClaim] = caller, ["tid"] = tenant });

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
            "alg none" => "Bearer " + TokenIssuer.Raw(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }, Payload(TokenIssuer.BotFrameworkIssuer), signature: ""),
            "HS256 with the published key id" => "Bearer " + _issuer.Token(AppId, ServiceUrl, signWith: _issuer.PublicKeyAsHmacSecret(), algorithm: SecurityAlgorithms.HmacSha256),
            "no exp" => "Bearer " + _issuer.Token(AppId, ServiceUrl, withExpiry: false),
            "expired beyond the skew" => "Bearer " + _issuer.Token(AppId, ServiceUrl, expires: DateTime.UtcNow.AddHours(-2), notBefore: DateTime.UtcNow.AddHours(-3)),
            "Bot Framework token without serviceurl" => "Bearer " + _issuer.Token(AppId, serviceUrl: null),
            "Entra v1 token of another app" => "Bearer " + EntraToken($"https://sts.windows.net/{Tenant}/", "appid", OtherApp),
            "Entra v2 token of another app" => "Bearer " + EntraToken($"https://login.microsoftonline.com/{Tenant}/v2.0", "azp", OtherApp),
            "Entra token without a caller" => "Bearer " + _entra.Token(AppId, ServiceUrl, issuer: $"https://login.microsoftonline.com/{Tenant}/v2.0"),
            "Entra token of the bot itself (not listed)" => "Bearer " + EntraToken($"https://sts.windows.net/{Tenant}/", "appid", AppId),
            "Entra token of an allowed caller naming another tenant" => "Bearer " + EntraToken($"https://sts.windows.net/{Tenant}/", "appid", AllowedCaller, tenant: "other-tenant"),
            "Entra token of an allowed caller with a serviceurl mismatch" => "Bearer " + EntraToken($"https://sts.windows.net/{Tenant}/", "appid", AllowedCaller, serviceUrl: "https://attacker.example/"),
            "three parts that are no JSON (a.b.c)" => "Bearer a.b.c",
            "iss is a number" => "Bearer " + TokenIssuer.Raw(RsHeader, Payload(42)),
            "iss is an array" => "Bearer " + TokenIssuer.Raw(RsHeader, Payload(new JsonArray(TokenIssuer.BotFrameworkIssuer, "x"))),
            "a five-part JWE" => "Bearer " + string.Join('.', Base64UrlEncoder.Encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"bf-key-1\"}"), "a2V5", "aXY", "Y2lwaGVy", "dGFn"),
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        };

        var response = await _host.PostActivityAsync(activity, header);

        Assert.Equal(expected, response.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(0, await _host.CountContactsAsync());
    }
}
