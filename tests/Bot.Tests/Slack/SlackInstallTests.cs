using System.Net;
using AllianceBot.Bot.Slack.Install;
using AllianceBot.Data.Slack;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using static AllianceBot.Bot.Tests.Slack.SlackInstallSupport;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>The OAuth v2 install flow against the Web API stand-in: what is accepted, and every way it is refused.</summary>
public sealed class SlackInstallTests : IAsyncLifetime
{
    private SlackApiStandIn api = null!;

    public async Task InitializeAsync() => api = await SlackApiStandIn.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    private SlackHost Host() => new(api, settings: Settings());

    [Fact]
    public async Task InstallRedirectsToSlackWithOurScopesAndASignedStateBoundToACookie()
    {
        await using var host = Host();

        var (response, query, cookie) = await StartAsync(Browser(host));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(AuthorizeUrl + "?", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(SlackApiStandIn.ClientId, query["client_id"]);
        Assert.Equal("chat:write,im:write,im:history,commands,app_mentions:read,users:read", query["scope"]);
        Assert.Equal("http://localhost/api/slack/oauth_redirect", query["redirect_uri"]);
        Assert.StartsWith(cookie + ".", query["state"].ToString(), StringComparison.Ordinal);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheCodeIsExchangedAndTheInstallationStoredWithItsTokensEncrypted()
    {
        await using var host = Host();
        api.AddInstallCode("code-b", new InstallGrant("T0B", null, "UBOTB", Rotates: true));
        var browser = Browser(host);
        var (_, query, cookie) = await StartAsync(browser);

        var done = await ReturnAsync(browser, "code-b", query["state"], cookie, "nl-NL");

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("AllianceBot is geïnstalleerd in Workspace T0B", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var exchange = Assert.Single(api.CallsTo("oauth.v2.access"));
        Assert.Equal(("code-b", "http://localhost/api/slack/oauth_redirect", ""), (exchange.Field("code"), exchange.Field("redirect_uri"), exchange.Authorization));
        var stored = await host.Services.GetRequiredService<Database>().FindSlackInstallationAsync("T0B", null, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(("UBOTB", "A0STANDIN", false), (stored.BotUserId, stored.AppId, stored.IsEnterpriseInstall));
        var cipher = host.Services.GetRequiredService<SlackTokenCipher>();
        Assert.StartsWith("xoxe.xoxb-T0B-", cipher.Decrypt(stored.BotTokenEncrypted, stored.Key), StringComparison.Ordinal);
        Assert.StartsWith("xoxe-1-", cipher.Decrypt(stored.RefreshTokenEncrypted, stored.Key), StringComparison.Ordinal);
        Assert.InRange(stored.ExpiresAt!.Value - stored.InstalledAt, TimeSpan.FromHours(12), TimeSpan.FromHours(12));
    }

    [Fact]
    public async Task AnOrgWideInstallIsStoredForTheWholeOrg()
    {
        await using var host = Host();

        await InstallAsync(host, api, "code-org", new InstallGrant(null, "E0ORG", "UBOTORG"));

        var stored = Assert.Single(await host.Services.GetRequiredService<Database>().ListSlackInstallationsAsync(CancellationToken.None));
        Assert.Equal((null, "E0ORG", true), (stored.TeamId, stored.EnterpriseId, stored.IsEnterpriseInstall));
    }

    [Fact]
    public async Task AForgedStateIsRefusedWith400AndNoCodeIsExchanged()
    {
        await using var host = Host();
        api.AddInstallCode("code-x", new InstallGrant("T0X", null, "UBOTX"));
        var browser = Browser(host);
        var (_, query, cookie) = await StartAsync(browser);
        var (forged, nonce) = SlackInstallState.Create("not-our-client-secret", DateTimeOffset.UtcNow.AddMinutes(5));
        var tampered = query["state"].ToString()[..^2] + (query["state"].ToString().EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");

        var responses = new[]
        {
            await ReturnAsync(browser, "code-x", forged, nonce),
            await ReturnAsync(browser, "code-x", tampered, cookie),
            await ReturnAsync(browser, "code-x", "garbage", cookie),
            await ReturnAsync(browser, "code-x", null, cookie),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Empty(api.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task AnExpiredStateIsRefused()
    {
        await using var host = Host();
        var (expired, nonce) = SlackInstallState.Create(SlackApiStandIn.ClientSecret, DateTimeOffset.UtcNow.AddSeconds(-1));

        var response = await ReturnAsync(Browser(host), "code-x", expired, nonce);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid or has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(api.CallsTo("oauth.v2.access"));
    }

    /// <summary>Issue 16: the install pages speak German to a German browser, as they speak Dutch to a Dutch one.</summary>
    [Fact]
    public async Task AGermanBrowserGetsTheInstallPagesInGerman()
    {
        await using var host = Host();
        api.AddInstallCode("code-de", new InstallGrant("T0DE", null, "UBOTDE", Rotates: false));
        var browser = Browser(host);
        var (_, query, cookie) = await StartAsync(browser);
        var (expired, nonce) = SlackInstallState.Create(SlackApiStandIn.ClientSecret, DateTimeOffset.UtcNow.AddSeconds(-1));

        var done = await ReturnAsync(browser, "code-de", query["state"], cookie, "de-DE");
        var refused = await ReturnAsync(Browser(host), "code-x", expired, nonce, "de-AT");

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var page = await done.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"de\">", page, StringComparison.Ordinal);
        Assert.Contains("<h1>AllianceBot ist installiert</h1>", page, StringComparison.Ordinal);
        Assert.Contains("AllianceBot ist in Workspace T0DE installiert.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Installation fehlgeschlagen</h1>", refusal, StringComparison.Ordinal);
        Assert.Contains("Dieser Installationslink ist ungültig oder abgelaufen.", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStateFromAnotherBrowserIsRefused()
    {
        await using var host = Host();
        var browser = Browser(host);
        var (_, mine, _) = await StartAsync(browser);
        var (_, _, theirs) = await StartAsync(browser);

        var otherCookie = await ReturnAsync(browser, "code-x", mine["state"], theirs);
        var noCookie = await ReturnAsync(browser, "code-x", mine["state"], null);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (otherCookie.StatusCode, noCookie.StatusCode));
        Assert.Empty(api.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task ACodeSlackRefusesOrACancelledInstallIsA400AndStoresNothing()
    {
        await using var host = Host();
        var browser = Browser(host);
        var (_, query, cookie) = await StartAsync(browser);

        var unknownCode = await ReturnAsync(browser, "never-issued", query["state"], cookie);
        var cancelled = await browser.GetAsync("/api/slack/oauth_redirect?error=access_denied&state=x");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unknownCode.StatusCode, cancelled.StatusCode));
        Assert.Equal("never-issued", Assert.Single(api.CallsTo("oauth.v2.access")).Field("code"));
        Assert.Empty(await host.Services.GetRequiredService<Database>().ListSlackInstallationsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WithoutAClientIdThereIsNoInstallUrl()
    {
        await using var host = new SlackHost(api);

        var response = await Browser(host).GetAsync("/api/slack/install");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ProductionWithAClientIdNeedsTheSecretAndEncryptionKeys()
    {
        await using var host = new SlackHost(api, environment: "Production", settings: new Dictionary<string, string> { ["Slack:ClientId"] = SlackApiStandIn.ClientId, ["Slack:BotToken"] = "" });

        var error = Record.Exception(() => host.CreateClient());

        var messages = error?.ToString() ?? "";
        Assert.Contains("Slack:ClientSecret", messages, StringComparison.Ordinal);
        Assert.Contains("Slack:TokenEncryptionKeys", messages, StringComparison.Ordinal);
    }
}
