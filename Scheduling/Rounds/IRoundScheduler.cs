using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>Thrown by the round scheduler when Scheduling:Enabled is false.</summary>
public sealed class SchedulingDisabledException()
    : InvalidOperationException("Scheduling is switched off (Scheduling:Enabled=false): rounds cannot be scheduled or opened.");

/// <summary>
/// One persistent Quartz trigger per alliance that opens its pulse rounds. Called when an alliance is created,
/// when a manager changes the schedule, and by "pulse now".
/// </summary>
public interface IRoundScheduler
{
    /// <summary>Creates or replaces the alliance's trigger; returns the next opening.</summary>
    Task<DateTimeOffset> ScheduleAllianceAsync(Guid allianceId, PulseSchedule schedule, CancellationToken cancellationToken);

    /// <summary>Stops future openings (reminders and closes of a round already open still happen). False when none was scheduled.</summary>
    Task<bool> UnscheduleAsync(Guid allianceId, CancellationToken cancellationToken);

    /// <summary>The next scheduled opening, or null when the alliance is not scheduled.</summary>
    Task<DateTimeOffset?> GetNextOpeningAsync(Guid allianceId, CancellationToken cancellationToken);
}
