using AllianceBot.Dialogs.Channels;

namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>
/// Drains the work queue one item at a time, each through the <see cref="TurnPipeline"/> with the Slack adapter in its
/// own DI scope; one failure never stops the rest.
/// </summary>
public sealed class SlackTurnWorker(SlackWorkQueue queue, IServiceScopeFactory scopes, ILogger<SlackTurnWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var inbound in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                var outcome = await services.GetRequiredService<TurnPipeline>().RunAsync(services.GetRequiredService<SlackChannel>(), inbound, stoppingToken);
                if (outcome is TurnOutcome.Rejected rejected)
                {
                    logger.LogWarning("Slack {Kind} turn from {UserId} refused: {Reason}", inbound.Kind, inbound.UserId, rejected.Reason);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Slack {Kind} turn from {UserId} failed", inbound.Kind, inbound.UserId);
            }
            finally
            {
                queue.Complete();
            }
        }
    }
}
