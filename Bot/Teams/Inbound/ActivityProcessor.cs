using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Activities;
using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Dialogs.Channels;

namespace AllianceBot.Bot.Teams.Inbound;

/// <summary>What the endpoint answers once an authenticated activity has been processed.</summary>
public abstract record ProcessOutcome
{
    /// <summary>200 with an empty body: handled, ignored, or a retry of something already handled.</summary>
    public sealed record Done(string Note) : ProcessOutcome;

    /// <summary>200 with the invoke response body (Action.Execute).</summary>
    public sealed record InvokeResponse(JsonObject Body) : ProcessOutcome;

    /// <summary>400: the activity lacks what its type needs.</summary>
    public sealed record Rejected(string Reason) : ProcessOutcome;
}

/// <summary>
/// Runs one authenticated activity through the <see cref="TurnPipeline"/> with the Teams adapter and says what the
/// HTTP response is: an invoke (Action.Execute) is answered in the response body, everything else with an empty 200.
/// </summary>
public sealed class ActivityProcessor(TurnPipeline pipeline, TeamsChannel teams, ILogger<ActivityProcessor> logger)
{
    public async Task<ProcessOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken)
    {
        TurnOutcome outcome;
        try
        {
            outcome = await pipeline.RunAsync(teams, activity, cancellationToken);
        }
        catch (Exception e) when (TeamsChannel.IsInvoke(activity) && e is not OperationCanceledException)
        {
            // The invoke contract carries errors in its own body; Teams shows it to the user instead of a spinner.
            logger.LogError(e, "An adaptiveCard/action invoke failed");
            return new ProcessOutcome.InvokeResponse(OutgoingActivities.InvokeError(500, "HandlerFailed", "Something went wrong."));
        }

        return outcome switch
        {
            TurnOutcome.Rejected rejected => new ProcessOutcome.Rejected(rejected.Reason),
            // A retried invoke gets an empty invoke response: the first one carried the card.
            TurnOutcome.Duplicate when TeamsChannel.IsInvoke(activity) => new ProcessOutcome.InvokeResponse(OutgoingActivities.InvokeResponse(null)),
            TurnOutcome.Handled handled when TeamsChannel.IsInvoke(activity) => new ProcessOutcome.InvokeResponse(OutgoingActivities.InvokeResponse(handled.Answer.ReplaceCard)),
            TurnOutcome.Handled handled => new ProcessOutcome.Done(handled.Turn.Kind.ToString()),
            TurnOutcome.Ignored ignored => new ProcessOutcome.Done(ignored.Reason),
            _ => new ProcessOutcome.Done("duplicate"),
        };
    }
}
