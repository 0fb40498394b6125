namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>Drains the work queue one item at a time, each in its own DI scope; one failure never stops the rest.</summary>
public sealed class SlackTurnWorker(SlackWorkQueue queue, IServiceScopeFactory scopes, ILogger<SlackTurnWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var inbound in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SlackTurnProcessor>().ProcessAsync(inbound, stoppingToken);
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
