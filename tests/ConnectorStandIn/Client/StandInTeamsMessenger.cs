using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.ConnectorStandIn.Client;

/// <summary>
/// TEST-ONLY Teams messenger: speaks the connector wire format (PROTOCOLS.md) to the stand-in, one attempt per call,
/// and maps status codes the way the real messenger must: 2xx Sent, 429 Throttled (+Retry-After), 403 with
/// MessageWritesBlocked / ConversationBlockedByUser Unreachable, 412/5xx/network Transient, other 4xx Failed.
/// No authentication and a bare-bones card: the real TeamsMessenger lives in Bot/Teams.
/// </summary>
public sealed class StandInTeamsMessenger(HttpClient http) : IChannelMessenger
{
    public string Channel => MemberIdentity.Teams;

    public async Task<DeliveryResult> SendAsync(ConversationReference target, View view, CancellationToken cancellationToken)
    {
        var conversationId = target.ConversationId;
        string? created = null;
        if (conversationId is null)
        {
            var create = new JsonObject
            {
                ["bot"] = new JsonObject { ["id"] = target.BotId ?? "28:bot" },
                ["members"] = new JsonArray(new JsonObject { ["id"] = target.UserId }),
                ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = target.TenantId } },
                ["isGroup"] = false,
            };
            var (result, id) = await PostAsync(Url(target, "v3/conversations"), create, cancellationToken);
            if (result is not null)
            {
                return result;
            }

            conversationId = created = id;
        }

        var (sendResult, messageId) = await PostAsync(Url(target, $"v3/conversations/{Uri.EscapeDataString(conversationId!)}/activities"), Activity(target, conversationId!, view), cancellationToken);
        return sendResult ?? DeliveryResult.Sent(messageId, created);
    }

    public async Task<DeliveryResult> UpdateAsync(ConversationReference target, string messageId, View view, CancellationToken cancellationToken)
    {
        if (target.ConversationId is null)
        {
            return new DeliveryResult(DeliveryStatus.Failed, Error: "no conversation to update");
        }

        try
        {
            using var response = await http.PutAsJsonAsync(
                Url(target, $"v3/conversations/{Uri.EscapeDataString(target.ConversationId)}/activities/{Uri.EscapeDataString(messageId)}"),
                Activity(target, target.ConversationId, view),
                cancellationToken);
            return await MapAsync(response, cancellationToken) ?? DeliveryResult.Sent(messageId);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryStatus.Transient, Error: ex.Message);
        }
    }

    private async Task<(DeliveryResult? Failure, string? Id)> PostAsync(Uri url, JsonObject body, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(url, body, cancellationToken);
            var failure = await MapAsync(response, cancellationToken);
            if (failure is not null)
            {
                return (failure, null);
            }

            var reply = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            return (null, reply?["id"]?.GetValue<string>());
        }
        catch (HttpRequestException ex)
        {
            return (new DeliveryResult(DeliveryStatus.Transient, Error: ex.Message), null);
        }
    }

    /// <summary>Null for success; otherwise the classified failure.</summary>
    public static async Task<DeliveryResult?> MapAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var error = $"{(int)response.StatusCode}: {body}";
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => new DeliveryResult(DeliveryStatus.Throttled, RetryAfter: RetryAfter(response), Error: error),
            HttpStatusCode.Forbidden when body.Contains("MessageWritesBlocked", StringComparison.Ordinal)
                || body.Contains("ConversationBlockedByUser", StringComparison.Ordinal) => new DeliveryResult(DeliveryStatus.Unreachable, Error: error),
            HttpStatusCode.PreconditionFailed or HttpStatusCode.RequestTimeout => new DeliveryResult(DeliveryStatus.Transient, Error: error),
            >= HttpStatusCode.InternalServerError => new DeliveryResult(DeliveryStatus.Transient, Error: error),
            _ => new DeliveryResult(DeliveryStatus.Failed, Error: error),
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    private static Uri Url(ConversationReference target, string path) =>
        new(new Uri((target.ServiceUrl ?? throw new InvalidOperationException("A Teams reference needs a serviceUrl")).TrimEnd('/') + "/"), path);

    private static JsonObject Activity(ConversationReference target, string conversationId, View view)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = target.BotId ?? "28:bot" },
            ["recipient"] = new JsonObject { ["id"] = target.UserId },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["tenantId"] = target.TenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = target.TenantId } },
        };
        switch (view)
        {
            case MessageView message:
                activity["text"] = message.Text;
                break;
            case CardView card:
                activity["summary"] = card.Summary;
                activity["attachments"] = new JsonArray(new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["content"] = new JsonObject
                    {
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.5",
                        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = card.Title, ["wrap"] = true }),
                    },
                });
                break;
        }

        return activity;
    }
}
