using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>
/// One persistent Quartz trigger per alliance that opens its pulse rounds, armed through the round slice's
/// <see cref="IRoundTriggers"/> when an alliance is created or a manager changes the schedule. Registered only when
/// Scheduling:Enabled is true.
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
