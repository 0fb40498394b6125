using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Localization;
using AllianceBot.Bot.Slack.WebApi;
using AllianceBot.Data.Slack;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Localization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Slack.Install;

/// <summary>
/// OAuth v2 distribution: <c>GET /api/slack/install</c> sends the browser to Slack's authorize page with our scopes and a
/// signed, expiring state bound to a cookie; <c>GET /api/slack/oauth_redirect</c> checks both, exchanges the code with
/// oauth.v2.access and stores the installation with its tokens encrypted. A bad, expired or forged state, or a refused
/// code, gets a 400 page; nothing a browser sends here is a 5xx.
/// </summary>
public static class SlackInstallEndpoints
{
    public const string InstallPath = "/api/slack/install";
    public const string RedirectPath = "/api/slack/oauth_redirect";

    public static IEndpointRouteBuilder MapSlackInstall(this IEndpointRouteBuilder app)
    {
        app.MapGet(InstallPath, Install);
        app.MapGet(RedirectPath, RedirectAsync);
        return app;
    }

    private static IResult Install(HttpContext context, IOptions<SlackOptions> options, TimeProvider clock)
    {
        var settings = options.Value;
        var (state, nonce) = SlackInstallState.Create(settings.ClientSecret!, clock.GetUtcNow() + settings.InstallStateLifetime);
        context.Response.Cookies.Append(SlackInstallState.CookieName, nonce, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // Lax: the cookie comes back on Slack's top-level redirect to us, never on cross-site sub-requests.
            SameSite = SameSiteMode.Lax,
            Path = "/api/slack",
            MaxAge = settings.InstallStateLifetime,
        });
        var url = QueryHelpers.AddQueryString(settings.AuthorizeUrl.ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = settings.ClientId,
            ["scope"] = string.Join(',', SlackOptions.BotScopes),
            ["state"] = state,
            ["redirect_uri"] = RedirectUri(context.Request, settings),
        });
        return Results.Redirect(url);
    }

    private static async Task<IResult> RedirectAsync(
        HttpContext context,
        IOptions<SlackOptions> options,
        SlackApiClient api,
        SlackTokenCipher cipher,
        Database database,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SlackInstallEndpoints));
        var settings = options.Value;
        var texts = BotTexts.For(BotTexts.FromRequest(context.Request, allowQuery: false));
        var query = context.Request.Query;
        context.Response.Cookies.Delete(SlackInstallState.CookieName, new CookieOptions { Path = "/api/slack" });

        if (!string.IsNullOrEmpty(query["error"]))
        {
            return Page.Failure(texts, HttpStatusCode.BadRequest, texts["slack.install.cancelled"]);
        }

        var problem = SlackInstallState.Problem(settings.ClientSecret!, query["state"], context.Request.Cookies[SlackInstallState.CookieName], clock.GetUtcNow());
        if (problem is not null || string.IsNullOrEmpty(query["code"]))
        {
            logger.LogWarning("Slack install refused: {Problem}", problem ?? "no code");
            return Page.Failure(texts, HttpStatusCode.BadRequest, texts["slack.install.badlink"]);
        }

        if (!cipher.IsConfigured)
        {
            logger.LogError("Slack install refused: Slack:TokenEncryptionKeys is not configured");
            return Page.Failure(texts, HttpStatusCode.ServiceUnavailable, texts["slack.install.notready"]);
        }

        var answer = await api.OAuthAccessAsync(
        [
            new("client_id", settings.ClientId!), new("client_secret", settings.ClientSecret!),
            new("code", query["code"].ToString()), new("redirect_uri", RedirectUri(context.Request, settings)),
        ], cancellationToken);
        if (!answer.Ok || answer.Body is not { } body || body["access_token"]?.GetValue<string>() is not { } token)
        {
            logger.LogWarning("Slack oauth.v2.access refused the install: {Status} {Error}", answer.Status, answer.Error);
            return answer.Status is DeliveryStatus.Transient or DeliveryStatus.Throttled
                ? Page.Failure(texts, HttpStatusCode.BadGateway, texts["slack.install.unreachable"])
                : Page.Failure(texts, HttpStatusCode.BadRequest, texts["slack.install.refused"]);
        }

        var installation = Installation(body, token, cipher, clock.GetUtcNow());
        if (installation is null)
        {
            return Page.Failure(texts, HttpStatusCode.BadRequest, texts["slack.install.noworkspace"]);
        }

        await database.SaveSlackInstallationAsync(installation, cancellationToken);
        SlackMetrics.Installed.Add(1);
        logger.LogInformation("Slack app installed in {Installation} (org-wide: {OrgWide}, token rotation: {Rotation})",
            installation.Key, installation.IsEnterpriseInstall, installation.ExpiresAt is not null);
        var where = Text(body, "team", "name") ?? Text(body, "enterprise", "name") ?? installation.TeamId ?? installation.EnterpriseId;
        return Page.Success(texts, where!);
    }

    /// <summary>The stored installation from oauth.v2.access's answer, tokens encrypted; null without team or org.</summary>
    internal static SlackInstallation? Installation(JsonObject body, string token, SlackTokenCipher cipher, DateTimeOffset now)
    {
        var teamId = Text(body, "team", "id");
        var enterpriseId = Text(body, "enterprise", "id");
        var orgWide = body["is_enterprise_install"] is JsonValue flag && flag.TryGetValue<bool>(out var isOrg) && isOrg;
        if ((orgWide && enterpriseId is null) || (!orgWide && teamId is null))
        {
            return null;
        }

        var key = SlackInstallation.KeyOf(orgWide ? null : teamId, enterpriseId, orgWide);
        var refresh = Text(body, "refresh_token");
        var expiresIn = body["expires_in"] is JsonValue seconds && seconds.TryGetValue<long>(out var s) ? s : (long?)null;
        return new SlackInstallation(
            orgWide ? null : teamId, enterpriseId, orgWide, Text(body, "app_id"), Text(body, "bot_user_id"),
            cipher.Encrypt(token, key), refresh is null ? null : cipher.Encrypt(refresh, key),
            expiresIn is { } ttl ? now.AddSeconds(ttl) : null, now);
    }

    private static string? Text(JsonObject body, params string[] path)
    {
        JsonNode? node = body;
        foreach (var key in path)
        {
            node = node is JsonObject obj ? obj[key] : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
    }

    private static string RedirectUri(HttpRequest request, SlackOptions settings) =>
        settings.RedirectUrl?.ToString() ?? $"{request.Scheme}://{request.Host}{RedirectPath}";

    /// <summary>The small page a person sees after installing, in the first language of their browser that the bot speaks.</summary>
    private static class Page
    {
        public static IResult Success(Texts texts, string workspace) => Html(texts, HttpStatusCode.OK,
            texts["slack.install.success.title"], texts.Format("slack.install.success.body", WebUtility.HtmlEncode(workspace)));

        public static IResult Failure(Texts texts, HttpStatusCode status, string message) =>
            Html(texts, status, texts["slack.install.failure.title"], message);

        // The titles and messages are our own catalog texts (no markup); only the workspace name, which Slack sends, is encoded.
        private static IResult Html(Texts texts, HttpStatusCode status, string title, string body) => Results.Content(
            string.Create(CultureInfo.InvariantCulture, $"""
                <!doctype html><html lang="{texts.Language.Code}"><head><meta charset="utf-8"><title>{title}</title></head>
                <body><h1>{title}</h1><p>{body}</p></body></html>
                """),
            "text/html; charset=utf-8", statusCode: (int)status);
    }
}
