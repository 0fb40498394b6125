using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>
/// Fires at an alliance's occurrence (or at once for "pulse now", or after downtime when the occurrence was missed:
/// then exactly once, however many occurrences were missed). Re-arms the alliance's trigger before anything else
/// so a failing round can never stop future rounds, opens the round through <see cref="IRoundLifecycle"/>, and
/// schedules that round's reminders and close. A failed opening is retried with a doubling delay.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class OpenRoundJob(
    IRoundLifecycle lifecycle,
    TimeProvider time,
    IOptions<RoundTimingOptions> timing,
    IOptions<SchedulingOptions> options,
    ILogger<OpenRoundJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var allianceId = JobData.ReadGuid(data, JobData.AllianceId);
        var schedule = ReadSchedule(data, allianceId);
        var now = time.GetUtcNow();
        var attempt = JobData.ReadInt(data, JobData.Attempt);
        var occurrence = JobData.ReadInstant(data, JobData.Occurrence);

        if (attempt == 0)
        {
            // After downtime the next opening is the first one after now, not after the missed one: missed
            // occurrences collapse into this single firing.
            var next = schedule.NextAfter(now > occurrence ? now : occurrence);
            await context.Scheduler.ScheduleTrigger(QuartzRoundScheduler.OpenTrigger(time, allianceId, next), TriggerConflict.Replace, cancellationToken);
        }

        var timeline = RoundTimeline.Plan(now, schedule.Zone, timing.Value);
        try
        {
            var opened = await lifecycle.OpenRoundAsync(new RoundOpening(allianceId, occurrence, now, schedule, timeline, Manual: false), cancellationToken);
            if (opened is not null)
            {
                await RoundFollowUps.ScheduleAsync(context.Scheduler, time, opened.RoundId, timeline, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RetryLaterAsync(context, allianceId, data, attempt, ex, cancellationToken);
        }
    }

    private async Task RetryLaterAsync(IJobExecutionContext context, Guid allianceId, JobDataMap data, int attempt, Exception error, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (attempt >= settings.OpenRetryAttempts)
        {
            logger.LogError(error, "Opening a round for alliance {AllianceId} failed {Attempts} times; giving this occurrence up", allianceId, attempt + 1);
            return;
        }

        var delay = settings.OpenRetryDelay * Math.Pow(2, attempt);
        logger.LogWarning(error, "Opening a round for alliance {AllianceId} failed; retrying in {Delay}", allianceId, delay);
        var retry = new JobDataMap { [JobData.Attempt] = (attempt + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var key in new[] { JobData.Occurrence })
        {
            if (data.TryGetValue(key, out var value))
            {
                retry[key] = value;
            }
        }

        var trigger = JobData.OneShot(time, JobData.RetryTrigger(allianceId), context.JobDetail.Key, time.GetUtcNow() + delay, retry);
        await context.Scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    /// <summary>The trigger's schedule text, read under the one fallback rule of <see cref="ScheduleParser.ReadStored"/>.</summary>
    private PulseSchedule ReadSchedule(JobDataMap data, Guid allianceId)
    {
        var text = JobData.Read(data, JobData.Schedule);
        var stored = ScheduleParser.ReadStored(text, null);
        if (stored.Problem is { } problem)
        {
            logger.LogWarning("Alliance {AllianceId}: its trigger's schedule '{Schedule}' cannot be read ({Problem}); using the default", allianceId, text, problem);
        }

        return stored.Schedule;
    }
}

/// <summary>Sends reminder n of a round (the lifecycle picks the non-respondents).</summary>
[DisallowConcurrentExecution]
internal sealed class RemindJob(IRoundLifecycle lifecycle) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        await lifecycle.SendRemindersAsync(JobData.ReadGuid(data, JobData.RoundId), JobData.ReadInt(data, JobData.ReminderNumber, 1), cancellationToken);
    }
}

/// <summary>Closes a round and evaluates it.</summary>
[DisallowConcurrentExecution]
internal sealed class CloseRoundJob(IRoundLifecycle lifecycle) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await lifecycle.CloseRoundAsync(JobData.ReadGuid(context.MergedJobDataMap, JobData.RoundId), cancellationToken);
}
