using System.Globalization;

namespace AllianceBot.Dialogs.Rounds.Schedules;

/// <summary>
/// When an alliance's pulse rounds open: a date rule, a wall-clock time and the alliance's IANA time zone.
/// Store it as <see cref="Format"/> text; <see cref="ScheduleParser.Parse"/> reads it back.
/// </summary>
public sealed record PulseSchedule
{
    public PulseSchedule(ScheduleRule rule, TimeOnly localTime, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(rule);
        localTime = new TimeOnly(localTime.Hour, localTime.Minute, localTime.Second);
        Zone = TimeZones.Find(timeZoneId);
        Rule = rule;
        LocalTime = localTime;
        TimeZoneId = timeZoneId.Trim();
    }

    /// <summary>The product default: first Tuesday of the month at 10:00, Europe/Amsterdam.</summary>
    public static PulseSchedule Default { get; } =
        new(new NthWeekdayOfMonth(1, DayOfWeek.Tuesday), new TimeOnly(10, 0), TimeZones.DefaultAllianceZone);

    public ScheduleRule Rule { get; }

    public TimeOnly LocalTime { get; }

    public string TimeZoneId { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The first opening strictly after <paramref name="instant"/>, in the alliance's offset.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        // Start a day early: a gap-shifted or earlier-offset occurrence of "today" may still lie ahead.
        var start = DateOnly.FromDateTime(LocalClock.InZone(instant, Zone).DateTime).AddDays(-1);
        foreach (var date in Rule.DatesFrom(start).Take(MaxCandidates))
        {
            var at = At(date);
            if (at > instant)
            {
                return at;
            }
        }

        throw new InvalidOperationException($"No occurrence of '{Format()}' found after {instant:O}.");
    }

    /// <summary>The opening instant on a given local date (DST rules of <see cref="LocalClock"/>).</summary>
    public DateTimeOffset At(DateOnly date) => LocalClock.Resolve(date, LocalTime, Zone);

    /// <summary>The alliance-local date an opening instant belongs to.</summary>
    public DateOnly LocalDateOf(DateTimeOffset occurrence) => DateOnly.FromDateTime(LocalClock.InZone(occurrence, Zone).DateTime);

    public string Format() =>
        $"{Rule.Describe()} {LocalTime.ToString(LocalTime.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture)} {TimeZoneId}";

    public override string ToString() => Format();

    private const int MaxCandidates = 1000;
}
