using System.Security.Cryptography;
using System.Text;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Slack;
using AllianceBot.Bot.Slack.Signing;
using Microsoft.AspNetCore.WebUtilities;

namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>
/// The three Slack request URLs. Each verifies the signature over the raw body, parses, queues the work and answers
/// at once (Slack wants an answer within 3 s); the turn runs afterwards in <see cref="SlackTurnWorker"/>.
/// </summary>
public static class SlackEndpoints
{
    /// <summary>How long a request may wait for room in a full queue before Slack is told to retry.</summary>
    private static readonly TimeSpan EnqueueWait = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/api/slack");
        // Events carry an event_id that the turn processor de-duplicates (a replay is ignored, as Slack's own retries
        // are); slash commands and interactions carry no such id, so the signed request itself is remembered.
        slack.MapPost("/events", (HttpRequest request, SlackRequestVerifier verifier, SlackWorkQueue queue, TimeProvider clock, CancellationToken ct) =>
            HandleAsync(request, verifier, queue, null, clock, ct, body => SlackEventParser.Parse(body, clock.GetUtcNow())));
        slack.MapPost("/interactive", (HttpRequest request, SlackRequestVerifier verifier, SlackWorkQueue queue, IInboundDeduplicator replays, TimeProvider clock, CancellationToken ct) =>
            HandleAsync(request, verifier, queue, replays, clock, ct, body => SlackInteractionParser.Parse(Form(body).GetValueOrDefault("payload").ToString(), clock.GetUtcNow())));
        slack.MapPost("/commands", (HttpRequest request, SlackRequestVerifier verifier, SlackWorkQueue queue, IInboundDeduplicator replays, TimeProvider clock, CancellationToken ct) =>
            HandleAsync(request, verifier, queue, replays, clock, ct, body => SlackCommandParser.Parse(Form(body), clock.GetUtcNow())));
        return app;
    }

    /// <summary>The inbound_deliveries channel under which signed command and interaction requests are remembered.</summary>
    public const string SignedRequestChannel = "slack-request";

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        SlackRequestVerifier verifier,
        SlackWorkQueue queue,
        IInboundDeduplicator? replays,
        TimeProvider clock,
        CancellationToken cancellationToken,
        Func<byte[], SlackParse> parse)
    {
        var verified = await verifier.ReadAsync(request, cancellationToken);
        if (verified.Refusal is not null)
        {
            return verified.Refusal;
        }

        // A signature is valid for 5 minutes; within them the same signed request (timestamp and body) runs only once.
        // Slack never sends a command or an interaction twice (it does not retry them), so a second copy is a replay.
        if (replays is not null && verified.SignedAt is { } signedAt
            && !await replays.TryBeginAsync(SignedRequestChannel, ReplayKey(signedAt, verified.Body!), clock.GetUtcNow(), cancellationToken))
        {
            return Results.Problem("This signed request was already received.", statusCode: StatusCodes.Status409Conflict, title: "Replay");
        }

        return parse(verified.Body!) switch
        {
            SlackParse.Challenge challenge => Results.Json(new { challenge = challenge.Value }),
            SlackParse.Uninstalled ended => await EndInstallationAsync(request.HttpContext.RequestServices, ended, clock, cancellationToken),
            SlackParse.Malformed malformed => Results.Problem(malformed.Reason, statusCode: StatusCodes.Status400BadRequest, title: "Malformed Slack request"),
            SlackParse.Work work => await queue.TryEnqueueAsync(work.Inbound, EnqueueWait, cancellationToken)
                ? Results.Ok()
                : Busy(),
            _ => Results.Ok(),
        };
    }

    /// <summary>
    /// app_uninstalled / tokens_revoked: the installation's tokens are deleted, its people marked unreachable and its
    /// waiting sends made final, before the acknowledgement (one short transaction). Slack's retry of the same event
    /// finds nothing left to revoke.
    /// </summary>
    private static async Task<IResult> EndInstallationAsync(IServiceProvider services, SlackParse.Uninstalled ended, TimeProvider clock, CancellationToken cancellationToken)
    {
        var revoked = await services.GetRequiredService<AllianceBot.Data.Storage.Database>().RevokeSlackInstallationAsync(
            ended.IsEnterpriseInstall ? null : ended.TeamId, ended.EnterpriseId, ended.IsEnterpriseInstall, ended.Reason, clock.GetUtcNow(), cancellationToken);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackEndpoints)).LogInformation(
            "Slack {Reason} for {Installation}: {Outcome}", ended.Reason, ended.IsEnterpriseInstall ? ended.EnterpriseId : ended.TeamId,
            revoked ? "installation revoked" : "no live installation");
        if (revoked)
        {
            SlackMetrics.Uninstalled.Add(1);
        }

        return Results.Ok();
    }

    /// <summary>SHA-256 of exactly what the signature covers, so the key is short and the body is not stored.</summary>
    internal static string ReplayKey(string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        return Convert.ToHexStringLower(SHA256.HashData([.. prefix, .. body]));
    }

    /// <summary>Slack retries events that are not acknowledged; a retry carries the same event_id.</summary>
    private static IResult Busy() => Results.Problem(
        "The Slack work queue is full; retry shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Form(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
}
