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

    private static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Reads the body, or returns null as soon as it exceeds the limit (without buffering more than that).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
