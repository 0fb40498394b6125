namespace AllianceBot.Dialogs.Rounds.Schedules;

/// <summary>
/// Turns a wall-clock time in a zone into an instant, deciding the two DST edge cases the same way everywhere:
/// a time that does not exist (spring forward, 02:30 in Amsterdam on the last Sunday of March) moves forward by
/// the length of the gap (03:30); a time that occurs twice (autumn back) means the first of the two (the
/// daylight-saving one). Nobody is then messaged twice or at a time their clock never showed.
/// </summary>
public static class LocalClock
{
    public static DateTimeOffset Resolve(DateOnly date, TimeOnly time, TimeZoneInfo zone) =>
        Resolve(date.ToDateTime(time, DateTimeKind.Unspecified), zone);

    public static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Read the wall time with the offset in force before the gap; shown in the offset after it, that is
            // the same wall time plus the gap.
            var before = zone.GetUtcOffset(local.AddDays(-1));
            var after = zone.GetUtcOffset(local.AddDays(1));
            return new DateTimeOffset(local, before).ToOffset(after);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var earliest = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, earliest);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The same instant as a wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTimeOffset InZone(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>
    /// Adds a span on the wall clock rather than on the timeline: 10:00 plus three days is 10:00 three days later
    /// even when the clocks changed in between.
    /// </summary>
    public static DateTimeOffset AddLocal(DateTimeOffset instant, TimeSpan span, TimeZoneInfo zone) =>
        Resolve(InZone(instant, zone).DateTime + span, zone);
}
