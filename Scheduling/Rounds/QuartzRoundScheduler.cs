using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;
using Quartz;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>
/// Keeps, per alliance, a durable job (holding the schedule text) and one one-shot trigger at the next
/// occurrence computed by <see cref="PulseSchedule.NextAfter"/>; <see cref="OpenRoundJob"/> re-arms it each time.
/// Our own date maths, not Quartz cron, decides every fire time, so DST and "last friday" behave as documented.
/// </summary>
internal sealed class QuartzRoundScheduler(ISchedulerFactory schedulers, TimeProvider time) : IRoundScheduler
{
    public async Task<DateTimeOffset> ScheduleAllianceAsync(Guid allianceId, PulseSchedule schedule, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<OpenRoundJob>()
            .WithIdentity(JobData.OpenJob(allianceId))
            .WithDescription("Opens the alliance's pulse rounds")
            .StoreDurably()
            .RequestRecovery()
            .UsingJobData(JobData.AllianceId, allianceId.ToString())
            .UsingJobData(JobData.Schedule, schedule.Format())
            .Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);

        var next = schedule.NextAfter(time.GetUtcNow());
        await scheduler.ScheduleTrigger(OpenTrigger(time, allianceId, next), TriggerConflict.Replace, cancellationToken);
        return next;
    }

    public async Task<bool> UnscheduleAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(JobData.RetryTrigger(allianceId), cancellationToken);
        return await scheduler.DeleteJob(JobData.OpenJob(allianceId), cancellationToken);
    }

    public async Task<DateTimeOffset?> GetNextOpeningAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = await scheduler.GetTrigger(JobData.OpenTrigger(allianceId), cancellationToken);
        return trigger?.NextFireTimeUtc;
    }

    internal static ITrigger OpenTrigger(TimeProvider time, Guid allianceId, DateTimeOffset occurrence) =>
        JobData.OneShot(
            time,
            JobData.OpenTrigger(allianceId),
            JobData.OpenJob(allianceId),
            occurrence,
            new JobDataMap { [JobData.Occurrence] = JobData.Instant(occurrence) });
}
