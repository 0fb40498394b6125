using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Slack.BlockKit;
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
/// Writes go as JSON bodies, reads as form fields, both with the bot token as a bearer token.
/// </summary>
public sealed class SlackApiClient(IHttpClientFactory httpClients, IOptions<SlackOptions> options, ILogger<SlackApiClient> logger)
{
    public const string HttpClientName = "AllianceBot.Slack";

    /// <summary>Errors that mean the person or conversation cannot be reached any more (stop sending until seen again).</summary>
    private static readonly HashSet<string> UnreachableErrors = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "account_inactive", "user_not_found", "is_archived",
        "user_disabled", "cannot_dm_bot",
    };

    public Task<SlackApiResult> PostMessageAsync(string channel, SlackMessage message, CancellationToken cancellationToken) =>
        PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = channel, ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() }, cancellationToken);

    public Task<SlackApiResult> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        PostJsonAsync("chat.update", new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() }, cancellationToken);

    /// <summary>Opens (or finds) the direct message with one person; the answer's <c>channel.id</c> is the D... id.</summary>
    public Task<SlackApiResult> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken) =>
        PostJsonAsync("conversations.open", new JsonObject { ["users"] = userId }, cancellationToken);

    public Task<SlackApiResult> UserInfoAsync(string userId, CancellationToken cancellationToken) =>
        PostFormAsync("users.info", [new("user", userId), new("include_locale", "true")], cancellationToken);

    /// <summary>Who the bot token belongs to (<c>user_id</c> is the bot user, <c>team_id</c> its workspace).</summary>
    public Task<SlackApiResult> AuthTestAsync(CancellationToken cancellationToken) =>
        PostFormAsync("auth.test", [], cancellationToken);

    private Task<SlackApiResult> PostJsonAsync(string method, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(method, JsonContent.Create(body, options: JsonSerializerOptions.Web), cancellationToken);

    private Task<SlackApiResult> PostFormAsync(string method, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken) =>
        SendAsync(method, new FormUrlEncodedContent(fields), cancellationToken);

    private async Task<SlackApiResult> SendAsync(string method, HttpContent content, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUrl, method)) { Content = content };
        if (!string.IsNullOrEmpty(settings.BotToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BotToken);
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
