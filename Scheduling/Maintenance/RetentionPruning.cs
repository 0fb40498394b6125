using AllianceBot.Data.Privacy;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AllianceBot.Scheduling.Maintenance;

/// <summary>
/// Prunes what the retention policy says may go (Data's <c>PruneAsync</c>: rounds older than Storage:RetentionMonths
/// with their answers, comments, alerts and outbox rows; old inbound ids, finished outbox rows, join failures,
/// expired dialog states): first after <see cref="RetentionPruningOptions.FirstRunDelay"/>, then every
/// <see cref="RetentionPruningOptions.Interval"/>. A hosted timer rather than a Quartz job so it also runs when
/// Scheduling:Enabled is false; several instances may each prune, which is harmless (the deletes are idempotent).
/// </summary>
public sealed class RetentionPruning(
    Database database,
    IOptions<StorageOptions> storage,
    IOptions<RetentionPruningOptions> options,
    TimeProvider time,
    ILogger<RetentionPruning> logger) : BackgroundService
{
    /// <summary>One run with the configured policy at the current time.</summary>
    public async Task<PruneReport> PruneOnceAsync(CancellationToken cancellationToken)
    {
        var policy = storage.Value.RetentionPolicy();
        var report = await database.PruneAsync(policy, time.GetUtcNow(), cancellationToken);
        logger.LogInformation(
            "Retention ({Months} months): pruned {Rounds} round(s), {Inbound} inbound id(s), {Outbox} outbox message(s), {Failures} join failure(s), {States} dialog state(s)",
            policy.RoundMonths, report.Rounds, report.InboundDeliveries, report.OutboxMessages, report.JoinFailures, report.DialogStates);
        return report;
    }

    private DateTimeOffset firstRunAt;

    /// <summary>When the first pruning after start-up runs (start + FirstRunDelay); then every Interval.</summary>
    public DateTimeOffset FirstRunAt => firstRunAt;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Fixed when the host starts: ExecuteAsync runs on a pool thread and may begin later than that.
        firstRunAt = time.GetUtcNow() + options.Value.FirstRunDelay;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var wait = firstRunAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            // Started before the first run, so the runs keep a fixed daily rhythm however long each one takes.
            using var timer = new PeriodicTimer(options.Value.Interval, time);
            do
            {
                try
                {
                    await PruneOnceAsync(stoppingToken);
                }
                catch (StorageException e)
                {
                    // The next run tries again; nothing is lost by pruning a day late.
                    logger.LogError(e, "Retention pruning failed; trying again in {Interval}", options.Value.Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
