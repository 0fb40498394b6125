using System.Text;
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
        slack.MapPost("/events", (HttpRequest request, SlackRequestVerifier verifier, SlackWorkQueue queue, TimeProvider clock, CancellationToken ct) =>
            HandleAsync(request, verifier, queue, ct, body => SlackEventParser.Parse(body, clock.GetUtcNow())));
        slack.MapPost("/interactive", (HttpRequest request, SlackRequestVerifier verifier, SlackWorkQueue queue, TimeProvider clock, CancellationToken ct) =>
            HandleAsync(request, verifier, queue, ct, body => SlackInteractionParser.Parse(Form(body).GetValueOrDefault("payload").ToString(), clock.GetUtcNow())));
        slack.MapPost("/commands", (HttpRequest request, SlackRequestVerifier verifier, SlackWorkQueue queue, TimeProvider clock, CancellationToken ct) =>
            HandleAsync(request, verifier, queue, ct, body => SlackCommandParser.Parse(Form(body), clock.GetUtcNow())));
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request, SlackRequestVerifier verifier, SlackWorkQueue queue, CancellationToken cancellationToken, Func<byte[], SlackParse> parse)
    {
        var verified = await verifier.ReadAsync(request, cancellationToken);
        if (verified.Refusal is not null)
        {
            return verified.Refusal;
        }

        return parse(verified.Body!) switch
        {
            SlackParse.Challenge challenge => Results.Json(new { challenge = challenge.Value }),
            SlackParse.Malformed malformed => Results.Problem(malformed.Reason, statusCode: StatusCodes.Status400BadRequest, title: "Malformed Slack request"),
            SlackParse.Work work => await queue.TryEnqueueAsync(work.Inbound, EnqueueWait, cancellationToken)
                ? Results.Ok()
                : Busy(),
            _ => Results.Ok(),
        };
    }

    /// <summary>Slack retries events that are not acknowledged; a retry carries the same event_id.</summary>
    private static IResult Busy() => Results.Problem(
        "The Slack work queue is full; retry shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Form(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
}
