using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>
/// Says at start-up when the scheduler runs but nothing implements the round use cases: every opening would then
/// fail (and be retried) instead of failing silently later.
/// </summary>
internal sealed class LifecycleCheck(IServiceProviderIsService services, ILogger<LifecycleCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!services.IsService(typeof(IRoundLifecycle)))
        {
            logger.LogWarning("Scheduling is enabled but no IRoundLifecycle is registered: scheduled rounds cannot open until the round use cases are added");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
