using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Alliances;

/// <summary>When rounds open (a schedule text the scheduler interprets), in which time zone, when reminders go, when rounds close.</summary>
public sealed record AllianceSchedule(string Schedule, string TimeZone, IReadOnlyList<TimeSpan> ReminderOffsets, int CloseAfterDays);

public static class SetScheduleUseCase
{
    public static Task<Alliance> SetScheduleAsync(this Database database, Guid allianceId, AllianceSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var closeAfterDays = Guard.Range(schedule.CloseAfterDays, "Close after days", 1, 60);
        var offsets = CheckOffsets(schedule.ReminderOffsets ?? []);
        if (offsets.Any(o => o >= TimeSpan.FromDays(closeAfterDays)))
        {
            throw StorageException.Invalid("Reminders must go out before the round closes.");
        }

        var parameters = new
        {
            allianceId,
            Schedule = Guard.Text(schedule.Schedule, "Schedule", Guard.NameLength),
            TimeZone = Guard.TimeZone(schedule.TimeZone, AllianceDefaults.TimeZone),
            ReminderOffsets = AllianceRow.FormatOffsets(offsets),
            CloseAfterDays = closeAfterDays,
        };
        return GetAllianceUseCase.UpdateAsync(database, allianceId, """
            UPDATE alliances SET schedule = @Schedule, time_zone = @TimeZone, reminder_offsets = @ReminderOffsets,
                                 close_after_days = @CloseAfterDays
            WHERE id = @allianceId
            """, parameters, cancellationToken);
    }

    internal static IReadOnlyList<TimeSpan> CheckOffsets(IReadOnlyList<TimeSpan> offsets) =>
        offsets.Count <= 5 && offsets.All(o => o > TimeSpan.Zero && o <= TimeSpan.FromDays(60))
            ? offsets.Order().ToList()
            : throw StorageException.Invalid("Reminder offsets must be at most 5 positive durations of at most 60 days.");
}
