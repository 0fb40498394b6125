using AllianceBot.Dialogs.Rounds.Schedules;

namespace AllianceBot.Dialogs.Rounds;

/// <summary>
/// The one thing the round slice asks of Scheduling: arm the triggers that will call it later. Declared here and
/// implemented by Scheduling (Quartz), so "pulse now" and a changed schedule run forward — the slice opens the round
/// and stores the schedule itself, then hands Scheduling only the times to fire at; Scheduling never calls back on
/// this path. With Scheduling:Enabled=false the implementation arms nothing.
/// </summary>
public interface IRoundTriggers
{
    /// <summary>Arms the round's reminders and close (the times of <paramref name="timeline"/>); a second call adds nothing.</summary>
    Task ArmFollowUpsAsync(Guid roundId, RoundTimeline timeline, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces the alliance's opening trigger for <paramref name="schedule"/>; returns the next opening, or
    /// null when no trigger was armed (scheduling switched off).
    /// </summary>
    Task<DateTimeOffset?> ScheduleAllianceAsync(Guid allianceId, PulseSchedule schedule, CancellationToken cancellationToken);

    /// <summary>Stops future openings (reminders and closes of a round already open still happen).</summary>
    Task UnscheduleAsync(Guid allianceId, CancellationToken cancellationToken);
}
