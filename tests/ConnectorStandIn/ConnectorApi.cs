using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AllianceBot.ConnectorStandIn;

/// <summary>
/// The Teams connector REST v3 subset a proactive bot uses (PROTOCOLS.md): create a 1:1 conversation, send, update.
/// Enforces the documented limits and answers 429 with Retry-After (whole seconds, as HTTP defines it).
/// </summary>
public static class ConnectorApi
{
    public static void MapConnector(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v3/conversations", CreateConversationAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", SendAsync);
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", UpdateAsync);
        app.MapGet("/_stats", (ConnectorState state, bool? members) => Results.Ok(state.Snapshot(members ?? false)));
        app.MapPost("/_reset", (ConnectorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> CreateConversationAsync(HttpRequest request, ConnectorState state)
    {
        var body = await ReadAsync(request);
        var tenant = Text(body?["channelData"]?["tenant"]?["id"]) ?? Text(body?["tenantId"]);
        var user = body?["members"] is JsonArray members && members.Count > 0 ? Text(members[0]?["id"]) : null;
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(user) || Text(body?["bot"]?["id"]) is null)
        {
            return Error(400, "BadArgument", "bot.id, members[0].id and channelData.tenant.id are required");
        }

        await DelayAsync(state);
        if (state.Admit(tenant, conversation: null) is { } wait)
        {
            return Throttled(state, wait);
        }

        if (state.Options.BlockedUsers.Contains(user))
        {
            state.CountRefusal(tenant, 403);
            return Blocked();
        }

        return Results.Json(new { id = state.CreateConversation(tenant, user) }, statusCode: 201);
    }

    private static Task<IResult> SendAsync(string conversationId, HttpRequest request, ConnectorState state) =>
        ActivityAsync(conversationId, request, state, update: false);

    private static Task<IResult> UpdateAsync(string conversationId, string activityId, HttpRequest request, ConnectorState state) =>
        ActivityAsync(conversationId, request, state, update: true);

    private static async Task<IResult> ActivityAsync(string conversationId, HttpRequest request, ConnectorState state, bool update)
    {
        var body = await ReadAsync(request);
        if (body is null || Text(body["type"]) is not { Length: > 0 })
        {
            return Error(400, "BadArgument", "activity.type is required");
        }

        var known = state.Conversation(conversationId);
        var tenant = known?.Tenant
            ?? Text(body["channelData"]?["tenant"]?["id"])
            ?? Text(body["conversation"]?["tenantId"]);
        var user = known?.User ?? Text(body["recipient"]?["id"]);
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(user))
        {
            return Error(400, "BadArgument", "unknown conversation: give channelData.tenant.id and recipient.id");
        }

        await DelayAsync(state);
        if (state.Admit(tenant, conversationId) is { } wait)
        {
            return Throttled(state, wait);
        }

        if (state.Options.BlockedUsers.Contains(user))
        {
            state.CountRefusal(tenant, 403);
            return Blocked();
        }

        if (state.Options.RejectedUsers.Contains(user))
        {
            state.CountRefusal(tenant, 400);
            return Error(400, "BadSyntax", "the activity was rejected");
        }

        if (!update && state.ServeFailure(user) is { } failure)
        {
            state.CountRefusal(tenant, failure);
            return Error(failure, failure == 412 ? "PreconditionFailed" : "ServiceError", "try again later");
        }

        var id = state.Accept(tenant, user, update, Text(body["text"]) ?? Text(body["summary"]));
        if (!update && state.Options.AnswerDelayMs > 0)
        {
            using var answering = state.HoldAnswer();
            await Task.Delay(state.Options.AnswerDelayMs);
        }

        return Results.Json(new { id }, statusCode: update ? 200 : 201);
    }

    private static IResult Throttled(ConnectorState state, TimeSpan wait) =>
        new ThrottledResult(state.Options.OmitRetryAfter ? null : (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds)));

    // Teams documents a 403 with subCode MessageWritesBlocked for a user who blocked or removed the bot; observed
    // bodies vary (some carry only code/message), so clients should also accept the code alone.
    private static IResult Blocked() =>
        Results.Json(new { error = new { code = "ConversationBlockedByUser", message = "User blocked the conversation with the bot.", subCode = "MessageWritesBlocked" } }, statusCode: 403);

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    /// <summary>The string at a node, or null when it is missing or not a string (bad input is a 400, never a 500).</summary>
    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static async Task<JsonObject?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static Task DelayAsync(ConnectorState state) =>
        state.Options.LatencyMs > 0 ? Task.Delay(state.Options.LatencyMs) : Task.CompletedTask;

    private sealed class ThrottledResult(int? retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = 429;
            if (retryAfterSeconds is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            return httpContext.Response.WriteAsJsonAsync(new { error = new { code = "TooManyRequests", message = "Too many requests" } });
        }
    }
}
