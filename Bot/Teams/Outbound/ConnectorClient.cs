using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Activities;
using AllianceBot.Bot.Teams.Auth;
using AllianceBot.Dialogs.Channels;
using Microsoft.Identity.Client;

namespace AllianceBot.Bot.Teams.Outbound;

/// <summary>The answer of one connector call: how it went (as a delivery status) and the JSON body on success.</summary>
public sealed record ConnectorResult(DeliveryStatus Status, JsonObject? Body = null, TimeSpan? RetryAfter = null, string? Error = null)
{
    public string? Id => Body?["id"]?.GetValueKind() == JsonValueKind.String ? (string?)Body["id"] : null;

    public DeliveryResult ToDelivery(string? conversationId = null) =>
        Status == DeliveryStatus.Sent ? DeliveryResult.Sent(Id, conversationId) : new DeliveryResult(Status, null, conversationId, RetryAfter, Error);
}

/// <summary>
/// Bot Connector REST v3 at an activity's serviceUrl. One attempt per call: retries and rate limits belong to the
/// outbox dispatcher, which reads the <see cref="DeliveryStatus"/> this maps every answer to.
/// </summary>
public sealed class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens, ServiceUrlPolicy serviceUrls, TimeProvider time, ILogger<ConnectorClient> logger)
{
    public const string HttpClientName = "teams-connector";

    public Task<ConnectorResult> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, Url(serviceUrl, $"v3/conversations/{E(conversationId)}/activities"), activity, cancellationToken);

    public Task<ConnectorResult> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, Url(serviceUrl, $"v3/conversations/{E(conversationId)}/activities/{E(replyToId)}"), activity, cancellationToken);

    public Task<ConnectorResult> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Put, Url(serviceUrl, $"v3/conversations/{E(conversationId)}/activities/{E(activityId)}"), activity with { Id = activityId }, cancellationToken);

    public Task<ConnectorResult> CreateConversationAsync(string serviceUrl, JsonObject parameters, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, Url(serviceUrl, "v3/conversations"), parameters, cancellationToken);

    public Task<ConnectorResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (pageSize is { } size)
        {
            query.Add($"pageSize={size}");
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add($"continuationToken={Uri.EscapeDataString(continuationToken)}");
        }

        var url = Url(serviceUrl, $"v3/conversations/{E(conversationId)}/pagedmembers") + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        return CallAsync<object>(HttpMethod.Get, url, null, cancellationToken);
    }

    /// <summary>Joins the service URL (which may end in a path and a slash) with a path of escaped ids.</summary>
    internal static string Url(string serviceUrl, string path) => serviceUrl.TrimEnd('/') + "/" + path;

    private static string E(string id) => Uri.EscapeDataString(id);

    private async Task<ConnectorResult> CallAsync<T>(HttpMethod method, string url, T? body, CancellationToken cancellationToken)
    {
        // The bot's connector token goes only to connector hosts. A contact stored with any other serviceUrl cannot be
        // reached until the person writes again from Teams: final (unreachable), never retried.
        if (serviceUrls.Refusal(url) is { } refusal)
        {
            logger.LogWarning("Connector call {Method} refused: {Reason}", method, refusal);
            return new ConnectorResult(DeliveryStatus.Unreachable, Error: refusal);
        }

        try
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: ActivityJson.Options);
            }

            if (await tokens.GetTokenAsync(cancellationToken) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? new ConnectorResult(DeliveryStatus.Sent, ParseObject(text)) : Failure(response, text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException { CancellationToken.IsCancellationRequested: false })
        {
            logger.LogWarning(e, "Connector call {Method} {Url} failed", method, url);
            return new ConnectorResult(DeliveryStatus.Transient, Error: e.Message);
        }
        catch (MsalServiceException e) when (e.StatusCode is 429 or >= 500)
        {
            return new ConnectorResult(DeliveryStatus.Transient, Error: $"token: {e.ErrorCode}");
        }
        catch (MsalException e)
        {
            logger.LogError(e, "Could not get a connector token");
            return new ConnectorResult(DeliveryStatus.Failed, Error: $"token: {e.ErrorCode}");
        }
    }

    private ConnectorResult Failure(HttpResponseMessage response, string text)
    {
        var status = response.StatusCode;
        var error = $"{(int)status} {Truncate(text)}";
        logger.LogWarning("Connector answered {Status}: {Body}", (int)status, Truncate(text));
        return status switch
        {
            HttpStatusCode.TooManyRequests => new ConnectorResult(DeliveryStatus.Throttled, RetryAfter: RetryAfter(response.Headers.RetryAfter), Error: error),
            HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
                or HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout =>
                new ConnectorResult(DeliveryStatus.Transient, RetryAfter: RetryAfter(response.Headers.RetryAfter), Error: error),
            HttpStatusCode.Forbidden when IsBlocked(text) => new ConnectorResult(DeliveryStatus.Unreachable, Error: error),
            _ => new ConnectorResult(DeliveryStatus.Failed, Error: error),
        };
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>A user who blocked or uninstalled the bot: 403 with (sub)code MessageWritesBlocked or ConversationBlockedByUser.</summary>
    internal static bool IsBlocked(string body)
    {
        var root = ParseObject(body);
        var error = root?["error"] as JsonObject;
        string?[] codes = [Str(root?["subCode"]), Str(root?["code"]), Str(error?["code"]), Str(error?["subCode"]), Str((error?["innerHttpError"] as JsonObject)?["subCode"])];
        return codes.Any(c => c is "MessageWritesBlocked" or "ConversationBlockedByUser");
    }

    private static string? Str(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? (string?)node : null;

    private static JsonObject? ParseObject(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
