namespace AllianceBot.Dialogs.Rounds.Schedules;

/// <summary>Thrown when a time zone id is not a known IANA (or Windows) id on this machine.</summary>
public sealed class UnknownTimeZoneException(string timeZoneId)
    : ArgumentException($"Unknown time zone '{timeZoneId}'. Use an IANA id such as 'Europe/Amsterdam' or 'America/New_York'.")
{
    public string TimeZoneId { get; } = timeZoneId;
}

/// <summary>IANA time zone lookup with errors that say what to type instead.</summary>
public static class TimeZones
{
    public const string DefaultAllianceZone = "Europe/Amsterdam";

    public static TimeZoneInfo Find(string timeZoneId) =>
        TryFind(timeZoneId, out var zone) ? zone : throw new UnknownTimeZoneException(timeZoneId);

    public static bool TryFind(string? timeZoneId, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId.Trim());
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
