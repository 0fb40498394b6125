using AllianceBot.Data.Telemetry;
using System.Text.Json;
using AllianceBot.Bot.Teams.Activities;
using AllianceBot.Bot.Teams.Auth;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Teams.Inbound;

/// <summary>
/// <c>POST /api/messages</c>: size limit, parse, shape check, authenticate, process. Bad input gets a 4xx with a
/// short reason, unknown activity types a 200 no-op; nothing a caller sends produces a 5xx.
/// </summary>
internal static class MessagesEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request,
        InboundAuthenticator authenticator,
        ActivityProcessor processor,
        ServiceUrlPolicy serviceUrls,
        IOptions<TeamsOptions> options,
        ILoggerFactory loggers,
        AllianceTelemetry telemetry,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(MessagesEndpoint));
        var limit = options.Value.MaxActivityBytes;
        var body = await ReadLimitedAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return Results.Problem($"The activity is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (body.Length == 0)
        {
            return BadRequest("The body is empty; an activity (JSON object) is expected.");
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, ActivityJson.Options);
        }
        catch (JsonException e)
        {
            return BadRequest($"The body is not an activity: {e.Message}");
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type) || string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            return BadRequest("An activity needs a type and a serviceUrl.");
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUri) || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp))
        {
            return BadRequest("serviceUrl must be an absolute http(s) URL.");
        }

        var auth = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString(), activity, cancellationToken);
        if (auth.Status != InboundAuthStatus.Authenticated)
        {
            telemetry.AuthRejected(AllianceBot.Data.Members.MemberIdentity.Teams, RejectionReason(auth));
        }

        switch (auth.Status)
        {
            case InboundAuthStatus.Unauthorized:
                logger.LogWarning("Rejected activity {Id}: {Reason}", activity.Id, auth.Reason);
                return Results.Problem("The request is not authenticated.", statusCode: StatusCodes.Status401Unauthorized);
            case InboundAuthStatus.Forbidden:
                logger.LogWarning("Rejected activity {Id}: {Reason}", activity.Id, auth.Reason);
                return Results.Problem("The token is not endorsed for this channel.", statusCode: StatusCodes.Status403Forbidden);
            case InboundAuthStatus.KeysUnavailable:
                return Results.Problem("Signing keys are unavailable; try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // After authentication (an unauthenticated caller learns nothing but 401) and before anything is stored: the
        // serviceUrl becomes the person's contact and the place the bot's connector token goes.
        if (serviceUrls.Refusal(activity.ServiceUrl) is { } refusal)
        {
            logger.LogWarning("Refused activity {Id}: {Reason}", activity.Id, refusal);
            return Results.Problem("The serviceUrl is not an allowed connector host.", statusCode: StatusCodes.Status403Forbidden);
        }

        var outcome = await processor.ProcessAsync(activity, cancellationToken);
        return outcome switch
        {
            ProcessOutcome.InvokeResponse invoke => Results.Json(invoke.Body, statusCode: StatusCodes.Status200OK),
            ProcessOutcome.Rejected rejected => BadRequest(rejected.Reason),
            _ => Results.Ok(),
        };
    }

    /// <summary>
    /// A low-cardinality word for the metric: the reason texts carry caller-chosen values (an issuer), which must not
    /// become tag values; IdentityModel's exception type names (SecurityTokenExpiredException, ...) are a fixed set.
    /// </summary>
    internal static string RejectionReason(InboundAuthResult auth) => auth.Status switch
    {
        InboundAuthStatus.Forbidden => "key_not_endorsed",
        InboundAuthStatus.KeysUnavailable => "keys_unavailable",
        _ when auth.Reason.StartsWith("missing", StringComparison.Ordinal) => "missing_token",
        _ when auth.Reason.Contains("not Bearer", StringComparison.Ordinal) => "not_bearer",
        _ when auth.Reason.Contains("not a JWT", StringComparison.Ordinal) => "not_jwt",
        _ when auth.Reason.StartsWith("issuer", StringComparison.Ordinal) => "untrusted_issuer",
        _ when auth.Reason.StartsWith("serviceurl", StringComparison.Ordinal) => "serviceurl_mismatch",
        _ when auth.Reason.StartsWith("SecurityToken", StringComparison.Ordinal) && auth.Reason.EndsWith("Exception", StringComparison.Ordinal)
                && auth.Reason.All(char.IsAsciiLetter) => auth.Reason,
        _ => "invalid_token",
    };

    private static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>
    /// Reads the body, or returns null as soon as it exceeds the limit (without buffering more than that). With a
    /// Content-Length (what Teams sends) the body is read into one array of that size; without one, through a pooled
    /// chunk (issue 18: a fresh 16 KB chunk and a growing stream per request were most of the bytes a request allocated).
    /// </summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.ContentLength is { } length)
        {
            var body = new byte[length];
            var filled = 0;
            int got;
            while (filled < body.Length && (got = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += got;
            }

            // The server does not let a body run past its Content-Length; a shorter one is what arrived.
            return filled == body.Length ? body : body[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
