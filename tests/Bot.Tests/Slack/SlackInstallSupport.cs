using System.Net;
using System.Net.Http.Headers;
using AllianceBot.Bot.Slack.Install;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>A bot host distributed through OAuth v2 (client id, secret, encryption key) and the browser side of installing.</summary>
internal static class SlackInstallSupport
{
    public const string KeyV1 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string KeyV2 = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    public const string AuthorizeUrl = "https://slack.example/oauth/v2/authorize";

    public static Dictionary<string, string> Settings(params (string Id, string Key)[] keys)
    {
        var settings = new Dictionary<string, string>
        {
            ["Slack:ClientId"] = SlackApiStandIn.ClientId,
            ["Slack:ClientSecret"] = SlackApiStandIn.ClientSecret,
            ["Slack:AuthorizeUrl"] = AuthorizeUrl,
        };
        foreach (var (id, key) in keys.Length == 0 ? [("v1", KeyV1)] : keys)
        {
            settings[$"Slack:TokenEncryptionKeys:{id}"] = key;
        }

        return settings;
    }

    public static HttpClient Browser(SlackHost host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>GET /api/slack/install: the redirect's query and the cookie value the bot set.</summary>
    public static async Task<(HttpResponseMessage Response, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query, string Cookie)> StartAsync(HttpClient browser)
    {
        var response = await browser.GetAsync("/api/slack/install");
        var location = response.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SlackInstallState.CookieName + "=", StringComparison.Ordinal));
        return (response, query, cookie.Split(';')[0][(SlackInstallState.CookieName.Length + 1)..]);
    }

    /// <summary>Slack's redirect back to the bot, as the browser follows it.</summary>
    public static Task<HttpResponseMessage> ReturnAsync(HttpClient browser, string? code, string? state, string? cookie, string language = "en")
    {
        var url = QueryHelpers.AddQueryString("/api/slack/oauth_redirect", new Dictionary<string, string?> { ["code"] = code, ["state"] = state }.Where(p => p.Value is not null));
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{SlackInstallState.CookieName}={cookie}");
        }

        return browser.SendAsync(request);
    }

    /// <summary>The whole install of <paramref name="grant"/>; asserts it succeeded.</summary>
    public static async Task InstallAsync(SlackHost host, SlackApiStandIn api, string code, InstallGrant grant)
    {
        api.AddInstallCode(code, grant);
        var browser = Browser(host);
        var (_, query, cookie) = await StartAsync(browser);
        var done = await ReturnAsync(browser, code, query["state"], cookie);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }
}
