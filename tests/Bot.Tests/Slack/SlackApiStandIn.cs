using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>One Web API call as the stand-in received it.</summary>
internal sealed record SlackApiCall(string Method, string? Authorization, JsonObject? Json, IReadOnlyDictionary<string, string> Form)
{
    public string? Field(string name) => Json?[name] is JsonValue v ? v.ToString() : Form.GetValueOrDefault(name);
}

/// <summary>
/// A local stand-in for https://slack.com/api/ on 127.0.0.1 (real Kestrel) that records every call and answers the
/// way the Web API documents: HTTP 200 with <c>{"ok": true, ...}</c>, or a scripted failure.
/// </summary>
internal sealed class SlackApiStandIn : IAsyncDisposable
{
    public const string BotUserId = "UBOT";
    public const string TeamId = "T0ALLIANCE";

    /// <summary>users.info says en-US for user ids starting with this, nl-NL for everyone else.</summary>
    public const string EnglishUserPrefix = "UEN";

    /// <summary>Users whose id starts with this have a German Slack locale (de-DE); others not English are Dutch.</summary>
    public const string GermanUserPrefix = "UDE";

    /// <summary>The single-workspace token (Slack:BotToken) the test host is configured with, issued for <see cref="TeamId"/>.</summary>
    public const string LegacyToken = "xoxb-test-token";

    public const string ClientId = "1111111111.2222222222";
    public const string ClientSecret = "stand-in-client-secret-0123456789";

    /// <summary>Tokens the stand-in accepts: token → the workspace and bot user it was issued for.</summary>
    private readonly ConcurrentDictionary<string, (string TeamId, string BotUserId)> tokens = new(StringComparer.Ordinal)
    {
        [LegacyToken] = (TeamId, BotUserId),
    };

    /// <summary>Install codes waiting for oauth.v2.access (single use), and live refresh tokens (single use).</summary>
    private readonly ConcurrentDictionary<string, InstallGrant> codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InstallGrant> refreshTokens = new(StringComparer.Ordinal);
    private int nextToken;

    private readonly WebApplication app;
    private readonly ConcurrentQueue<SlackApiCall> calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> scripted = new(StringComparer.Ordinal);
    private int nextTs;

    private SlackApiStandIn(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<SlackApiCall> Calls => [.. calls];

    public IEnumerable<SlackApiCall> CallsTo(string method) => calls.Where(c => c.Method == method);

    public static async Task<SlackApiStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new SlackApiStandIn(app);
        app.MapPost("/api/{method}", standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.BaseUrl = new Uri(address.TrimEnd('/') + "/api/");
        return standIn;
    }

    /// <summary>The next call to <paramref name="method"/> is answered by <paramref name="answer"/> instead of ok.</summary>
    public void Script(string method, Func<HttpContext, Task> answer) =>
        scripted.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(answer);

    /// <summary>Slack's authorize page gave the browser <paramref name="code"/> for this installation.</summary>
    public void AddInstallCode(string code, InstallGrant grant) => codes[code] = grant;

    /// <summary>Revokes a token the way uninstalling does: every later call with it answers invalid_auth / token_revoked.</summary>
    public void RevokeToken(string token) => tokens.TryRemove(token, out _);

    public void ScriptError(string method, string error) =>
        Script(method, ctx => ctx.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = error }));

    private async Task HandleAsync(HttpContext context, string method)
    {
        JsonObject? json = null;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasJsonContentType())
        {
            json = await context.Request.ReadFromJsonAsync<JsonObject>();
        }
        else if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync())
            {
                form[key] = value.ToString();
            }
        }

        var call = new SlackApiCall(method, context.Request.Headers.Authorization.ToString(), json, form);
        calls.Enqueue(call);
        if (scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }

        if (method == "oauth.v2.access")
        {
            await context.Response.WriteAsJsonAsync(OAuthAccess(call));
            return;
        }

        // Every other method needs a bearer token Slack issued and has not revoked (HTTP 200, ok:false as documented).
        var bearer = call.Authorization is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        if (bearer is null)
        {
            await context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = "not_authed" });
            return;
        }

        if (!tokens.TryGetValue(bearer, out var owner))
        {
            await context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = "invalid_auth" });
            return;
        }

        await context.Response.WriteAsJsonAsync(Ok(call, owner));
    }

    /// <summary>
    /// oauth.v2.access as documented: client_id and client_secret in the form; either a single-use <c>code</c> from the
    /// authorize page, or <c>grant_type=refresh_token</c> with a single-use refresh token (token rotation).
    /// </summary>
    private JsonObject OAuthAccess(SlackApiCall call)
    {
        if (call.Field("client_id") != ClientId)
        {
            return Error("invalid_client_id");
        }

        if (call.Field("client_secret") != ClientSecret)
        {
            return Error("bad_client_secret");
        }

        InstallGrant? grant;
        if (call.Field("grant_type") == "refresh_token")
        {
            if (call.Field("refresh_token") is not { } refresh || !refreshTokens.TryRemove(refresh, out grant))
            {
                return Error("invalid_refresh_token");
            }
        }
        else if (call.Field("code") is not { } code || !codes.TryRemove(code, out grant))
        {
            return Error("invalid_code");
        }

        var n = Interlocked.Increment(ref nextToken).ToString(CultureInfo.InvariantCulture);
        var access = grant.Rotates ? $"xoxe.xoxb-{grant.TeamId ?? grant.EnterpriseId}-{n}" : $"xoxb-{grant.TeamId ?? grant.EnterpriseId}-{n}";
        tokens[access] = (grant.TeamId ?? grant.EnterpriseId!, grant.BotUserId);
        var answer = new JsonObject
        {
            ["ok"] = true, ["access_token"] = access, ["token_type"] = "bot", ["scope"] = "chat:write,im:write,im:history,commands,app_mentions:read,users:read",
            ["bot_user_id"] = grant.BotUserId, ["app_id"] = "A0STANDIN",
            ["team"] = grant.TeamId is null ? null : new JsonObject { ["id"] = grant.TeamId, ["name"] = "Workspace " + grant.TeamId },
            ["enterprise"] = grant.EnterpriseId is null ? null : new JsonObject { ["id"] = grant.EnterpriseId, ["name"] = "Org " + grant.EnterpriseId },
            ["is_enterprise_install"] = grant.TeamId is null,
            ["authed_user"] = new JsonObject { ["id"] = "UINSTALLER" },
        };
        if (grant.Rotates)
        {
            var refresh = $"xoxe-1-{n}";
            refreshTokens[refresh] = grant;
            answer["refresh_token"] = refresh;
            answer["expires_in"] = 43200;
        }

        return answer;
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };

    private JsonObject Ok(SlackApiCall call, (string TeamId, string BotUserId) owner) => call.Method switch
    {
        "auth.test" => new JsonObject { ["ok"] = true, ["user_id"] = owner.BotUserId, ["team_id"] = owner.TeamId, ["bot_id"] = "BBOT" },
        "users.info" => new JsonObject
        {
            ["ok"] = true,
            ["user"] = new JsonObject
            {
                ["id"] = call.Field("user"), ["name"] = "anna", ["real_name"] = "Anna de Vries", ["is_bot"] = false,
                ["tz"] = "Europe/Amsterdam", ["locale"] = call.Field("include_locale") != "true" ? null : call.Field("user")!.StartsWith(EnglishUserPrefix, StringComparison.Ordinal) ? "en-US"
                    : call.Field("user")!.StartsWith(GermanUserPrefix, StringComparison.Ordinal) ? "de-DE" : "nl-NL",
                ["profile"] = new JsonObject { ["display_name"] = "Anna" },
            },
        },
        "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + call.Field("users") } },
        "chat.postMessage" => new JsonObject
        {
            ["ok"] = true, ["channel"] = call.Field("channel"),
            ["ts"] = "1750000000." + Interlocked.Increment(ref nextTs).ToString("D6", CultureInfo.InvariantCulture),
        },
        "chat.update" => new JsonObject { ["ok"] = true, ["channel"] = call.Field("channel"), ["ts"] = call.Field("ts") },
        _ => new JsonObject { ["ok"] = false, ["error"] = "unknown_method" },
    };

    /// <summary>The bearer token of a call, or null.</summary>
    public static string? TokenOf(SlackApiCall call) => call.Authorization is { Length: > 7 } header ? header[7..] : null;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>
/// What an install grants: a workspace (<paramref name="TeamId"/>), or with a null team an org-wide install of
/// <paramref name="EnterpriseId"/>; <paramref name="Rotates"/> for apps with token rotation on (12 h tokens + refresh).
/// </summary>
internal sealed record InstallGrant(string? TeamId, string? EnterpriseId, string BotUserId, bool Rotates = false);
