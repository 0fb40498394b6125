using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Slack.BlockKit;
using AllianceBot.Bot.Slack.Install;
using AllianceBot.Dialogs.Channels;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Slack.WebApi;

/// <summary>One Web API call's outcome, already classified the way the outbox dispatcher needs it.</summary>
public sealed record SlackApiResult(DeliveryStatus Status, JsonObject? Body, string? Error = null, TimeSpan? RetryAfter = null)
{
    public bool Ok => Status == DeliveryStatus.Sent;

    public string? Get(params string[] path)
    {
        JsonNode? node = Body;
        foreach (var key in path)
        {
            node = node is JsonObject obj ? obj[key] : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}

/// <summary>
/// The Slack Web API methods the bot uses, one attempt per call (retries belong to the dispatcher).
/// Writes go as JSON bodies, reads as form fields, both with the token of the workspace's own installation as a bearer
/// token (<see cref="ISlackTokenSource"/>); a workspace without one is not called at all.
/// </summary>
public sealed class SlackApiClient(IHttpClientFactory httpClients, IOptions<SlackOptions> options, ISlackTokenSource tokens, ILogger<SlackApiClient> logger)
{
    public const string HttpClientName = "AllianceBot.Slack";

    /// <summary>Errors that mean the person or conversation cannot be reached any more (stop sending until seen again).</summary>
    private static readonly HashSet<string> UnreachableErrors = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "account_inactive", "user_not_found", "is_archived",
        "user_disabled", "cannot_dm_bot",
    };

    public Task<SlackApiResult> PostMessageAsync(string teamId, string channel, SlackMessage message, CancellationToken cancellationToken) =>
        PostJsonAsync(teamId, "chat.postMessage", new JsonObject { ["channel"] = channel, ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() }, cancellationToken);

    public Task<SlackApiResult> UpdateMessageAsync(string teamId, string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        PostJsonAsync(teamId, "chat.update", new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() }, cancellationToken);

    /// <summary>Opens (or finds) the direct message with one person; the answer's <c>channel.id</c> is the D... id.</summary>
    public Task<SlackApiResult> OpenDirectMessageAsync(string teamId, string userId, CancellationToken cancellationToken) =>
        PostJsonAsync(teamId, "conversations.open", new JsonObject { ["users"] = userId }, cancellationToken);

    public Task<SlackApiResult> UserInfoAsync(string teamId, string userId, CancellationToken cancellationToken) =>
        PostFormAsync(teamId, "users.info", [new("user", userId), new("include_locale", "true")], cancellationToken);

    /// <summary>Who a token belongs to (<c>user_id</c> is the bot user, <c>team_id</c> its workspace).</summary>
    public Task<SlackApiResult> AuthTestWithAsync(string token, CancellationToken cancellationToken) =>
        SendAsync("auth.test", new FormUrlEncodedContent([]), token, cancellationToken);

    /// <summary>
    /// oauth.v2.access: exchanges an install's code, or (grant_type=refresh_token) a refresh token, for tokens. The app
    /// authenticates with its client id and secret in the form; no bearer token.
    /// </summary>
    public Task<SlackApiResult> OAuthAccessAsync(IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken) =>
        SendAsync("oauth.v2.access", new FormUrlEncodedContent(fields), null, cancellationToken);

    private Task<SlackApiResult> PostJsonAsync(string teamId, string method, JsonObject body, CancellationToken cancellationToken) =>
        WithTokenAsync(teamId, method, () => JsonContent.Create(body, options: JsonSerializerOptions.Web), cancellationToken);

    private Task<SlackApiResult> PostFormAsync(string teamId, string method, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken) =>
        WithTokenAsync(teamId, method, () => new FormUrlEncodedContent(fields), cancellationToken);

    private async Task<SlackApiResult> WithTokenAsync(string teamId, string method, Func<HttpContent> content, CancellationToken cancellationToken)
    {
        var lookup = await tokens.GetAsync(teamId, cancellationToken);
        if (lookup.Access is { } access)
        {
            return await SendAsync(method, content(), access.Token, cancellationToken);
        }

        if (lookup.Transient)
        {
            return new SlackApiResult(DeliveryStatus.Transient, null, "installation lookup failed");
        }

        logger.LogWarning("Slack {Method} for workspace {TeamId} not sent: the app is not installed there", method, teamId);
        return new SlackApiResult(DeliveryStatus.Unreachable, null, NotInstalled);
    }

    /// <summary>The error of a call for a workspace that has no installation (and is not the Slack:BotToken's own).</summary>
    public const string NotInstalled = "not_installed";

    private async Task<SlackApiResult> SendAsync(string method, HttpContent content, string? token, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUrl, method)) { Content = content };
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ApiTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var result = await ClassifyAsync(response, timeout.Token);
            if (!result.Ok)
            {
                logger.LogWarning("Slack {Method} answered {Status}: {Error}", method, result.Status, result.Error);
            }

            return result;
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Slack {Method} could not be reached", method);
            return new SlackApiResult(DeliveryStatus.Transient, null, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SlackApiResult(DeliveryStatus.Transient, null, $"timed out after {settings.ApiTimeout}");
        }
    }

    private static async Task<SlackApiResult> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = RetryAfter(response);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new SlackApiResult(DeliveryStatus.Throttled, null, "ratelimited", retryAfter);
        }

        if ((int)response.StatusCode >= 500)
        {
            return new SlackApiResult(DeliveryStatus.Transient, null, $"HTTP {(int)response.StatusCode}");
        }

        JsonObject? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (!response.IsSuccessStatusCode || body is null)
        {
            return new SlackApiResult(DeliveryStatus.Failed, body, $"HTTP {(int)response.StatusCode} without a Web API answer");
        }

        if (body["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var isOk) && isOk)
        {
            return new SlackApiResult(DeliveryStatus.Sent, body);
        }

        var error = body["error"] is JsonValue e && e.TryGetValue<string>(out var text) ? text : "unknown_error";
        var status = error switch
        {
            "ratelimited" => DeliveryStatus.Throttled,
            _ when UnreachableErrors.Contains(error) => DeliveryStatus.Unreachable,
            _ => DeliveryStatus.Failed,
        };
        return new SlackApiResult(status, body, error, retryAfter);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        // Slack sends Retry-After in seconds; the HTTP-date form is not used by Slack.
        response.Headers.RetryAfter?.Delta;
}
