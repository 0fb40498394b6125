using AllianceBot.Dialogs.Rounds;
using System.Globalization;
using AllianceBot.Dialogs.Rounds.Schedules;
using Quartz;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>A round's reminder and close triggers; shared by the scheduled opening and "pulse now".</summary>
internal static class RoundFollowUps
{
    /// <summary>Two shared durable jobs; each round gets its own triggers (Keep: a re-run adds nothing).</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, TimeProvider time, Guid roundId, RoundTimeline timeline, CancellationToken cancellationToken)
    {
        await scheduler.AddJob(JobBuilder.Create<RemindJob>().WithIdentity(JobData.RemindJob).StoreDurably().RequestRecovery().Build(), AddJobOptions.Replacing, cancellationToken);
        await scheduler.AddJob(JobBuilder.Create<CloseRoundJob>().WithIdentity(JobData.CloseJob).StoreDurably().RequestRecovery().Build(), AddJobOptions.Replacing, cancellationToken);
        for (var i = 0; i < timeline.Reminders.Count; i++)
        {
            var data = new JobDataMap { [JobData.RoundId] = roundId.ToString(), [JobData.ReminderNumber] = (i + 1).ToString(CultureInfo.InvariantCulture) };
            var trigger = JobData.OneShot(time, JobData.RemindTrigger(roundId, i + 1), JobData.RemindJob, timeline.Reminders[i], data);
            await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
        }

        var close = JobData.OneShot(time, JobData.CloseTrigger(roundId), JobData.CloseJob, timeline.ClosesAt, new JobDataMap { [JobData.RoundId] = roundId.ToString() });
        await scheduler.ScheduleTrigger(close, TriggerConflict.Keep, cancellationToken);
    }
}
