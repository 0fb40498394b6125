using System.Globalization;

namespace AllianceBot.Scheduling.Schedules;

public enum ScheduleParseError
{
    None,
    Empty,
    UnknownRule,
    MissingWeekday,
    MissingTime,
    InvalidTime,
    InvalidInterval,
    InvalidDate,
    UnknownTimeZone,
    UnexpectedWords,
}

/// <summary>The outcome of reading a manager's schedule text: a schedule, or an error code plus the offending words.</summary>
public sealed record ScheduleParseResult(PulseSchedule? Schedule, ScheduleParseError Error, string? Detail)
{
    public bool Success => Schedule is not null;

    internal static ScheduleParseResult Fail(ScheduleParseError error, string? detail = null) => new(null, error, detail);
}

/// <summary>
/// Reads schedules as managers type them, in English or Dutch (grammar in docs/scheduling.md):
/// "first tuesday 10:00", "eerste dinsdag 10:00", "last friday 09:30", "laatste vrijdag om 9.30",
/// "every 2 weeks on monday 08:45", "elke 2 weken op maandag 8:45", "om de week woensdag 14:00",
/// "every other tuesday 10:00", optionally followed by an IANA time zone ("America/New_York"); without one the
/// alliance's current zone is kept. Every-N-weeks series start at the first matching day on or after today unless
/// "from 2026-03-03" / "vanaf 2026-03-03" says otherwise. Pure: "today" is passed in.
/// </summary>
public static class ScheduleParser
{
    public static ScheduleParseResult Parse(string? input, string timeZoneId, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return ScheduleParseResult.Fail(ScheduleParseError.Empty);
        }

        var original = input.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries).ToList();
        var zoneId = timeZoneId;
        var zoneToken = original.FirstOrDefault(LooksLikeZone);
        if (zoneToken is not null)
        {
            zoneId = zoneToken;
            original.Remove(zoneToken);
        }

        if (!TimeZones.TryFind(zoneId, out _))
        {
            return ScheduleParseResult.Fail(ScheduleParseError.UnknownTimeZone, zoneId);
        }

        var words = new Queue<string>(Normalize(original));
        var rule = ReadRule(words, today, out var ruleError);
        if (rule is null)
        {
            return ruleError;
        }

        if (words.Count == 0)
        {
            return ScheduleParseResult.Fail(ScheduleParseError.MissingTime);
        }

        var timeText = words.Dequeue();
        if (!TryReadTime(timeText, out var time))
        {
            return ScheduleParseResult.Fail(ScheduleParseError.InvalidTime, timeText);
        }

        if (words.Count > 0)
        {
            return ScheduleParseResult.Fail(ScheduleParseError.UnexpectedWords, string.Join(' ', words));
        }

        return new ScheduleParseResult(new PulseSchedule(rule, time, zoneId), ScheduleParseError.None, null);
    }

    private static ScheduleRule? ReadRule(Queue<string> words, DateOnly today, out ScheduleParseResult error)
    {
        error = ScheduleParseResult.Fail(ScheduleParseError.UnknownRule, words.Count > 0 ? words.Peek() : null);
        if (words.Count == 0)
        {
            return null;
        }

        var first = words.Peek();
        if (Ordinals.TryGetValue(first, out var ordinal))
        {
            words.Dequeue();
            if (!TryReadWeekday(words, out var day))
            {
                error = ScheduleParseResult.Fail(ScheduleParseError.MissingWeekday, words.Count > 0 ? words.Peek() : null);
                return null;
            }

            return ordinal == Last ? new LastWeekdayOfMonth(day) : new NthWeekdayOfMonth(ordinal, day);
        }

        if (!Every.Contains(first))
        {
            return null;
        }

        words.Dequeue();

        // "every first tuesday (of the month)" / "elke eerste dinsdag": "every" adds nothing there.
        if (words.Count > 0 && Ordinals.ContainsKey(words.Peek()) && !Other.Contains(words.Peek()))
        {
            return ReadRule(words, today, out error);
        }

        var weeks = 1;
        if (words.Count > 0 && Other.Contains(words.Peek()))
        {
            words.Dequeue();
            weeks = 2;
        }
        else if (words.Count > 0 && int.TryParse(words.Peek(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            words.Dequeue();
            if (n is < 1 or > EveryNWeeks.MaxWeeks)
            {
                error = ScheduleParseResult.Fail(ScheduleParseError.InvalidInterval, n.ToString(CultureInfo.InvariantCulture));
                return null;
            }

            weeks = n;
        }

        if (words.Count > 0 && WeekWords.Contains(words.Peek()))
        {
            words.Dequeue();
        }

        if (!TryReadWeekday(words, out var weekday))
        {
            error = ScheduleParseResult.Fail(ScheduleParseError.MissingWeekday, words.Count > 0 ? words.Peek() : null);
            return null;
        }

        var anchorFrom = today;
        if (words.Count > 0 && From.Contains(words.Peek()))
        {
            words.Dequeue();
            var dateText = words.Count > 0 ? words.Dequeue() : string.Empty;
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out anchorFrom))
            {
                error = ScheduleParseResult.Fail(ScheduleParseError.InvalidDate, dateText);
                return null;
            }
        }

        return EveryNWeeks.Starting(weeks, weekday, anchorFrom);
    }

    private static bool TryReadWeekday(Queue<string> words, out DayOfWeek day)
    {
        day = default;
        if (words.Count == 0 || !Weekdays.TryGetValue(words.Peek(), out day))
        {
            return false;
        }

        words.Dequeue();
        return true;
    }

    internal static bool TryReadTime(string text, out TimeOnly time)
    {
        time = default;
        var parts = text.TrimEnd('u', 'h').Split(':', '.');
        if (parts.Length is < 1 or > 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || parts[0].Length > 2)
        {
            return false;
        }

        var minute = 0;
        if (parts.Length >= 2 && (parts[1].Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute)))
        {
            return false;
        }

        // Seconds are only written by Format for schedules made in code (tests); managers type minutes.
        var second = 0;
        if (parts.Length == 3 && (parts[2].Length != 2 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out second)))
        {
            return false;
        }

        // A bare number is only a time when written as one ("10u", "10h"); "10" alone is ambiguous.
        if (parts.Length == 1 && !(text.EndsWith('u') || text.EndsWith('h')))
        {
            return false;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute, second);
        return true;
    }

    private static bool LooksLikeZone(string token) =>
        token.Contains('/', StringComparison.Ordinal) || string.Equals(token, "UTC", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Normalize(IEnumerable<string> tokens)
    {
        var lowered = tokens.Select(t => t.ToLowerInvariant()).ToList();

        // "om de 2 weken" / "om de week": the Dutch "every"; "om" elsewhere means "at".
        if (lowered.Count >= 2 && lowered[0] == "om" && lowered[1] == "de")
        {
            lowered[0] = "every";
            lowered.RemoveAt(1);
        }

        return lowered.Where(t => !Filler.Contains(t));
    }

    private const int Last = -1;

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["first"] = 1, ["1st"] = 1, ["eerste"] = 1, ["1e"] = 1, ["1ste"] = 1,
        ["second"] = 2, ["2nd"] = 2, ["tweede"] = 2, ["2e"] = 2, ["2de"] = 2,
        ["third"] = 3, ["3rd"] = 3, ["derde"] = 3, ["3e"] = 3, ["3de"] = 3,
        ["fourth"] = 4, ["4th"] = 4, ["vierde"] = 4, ["4e"] = 4, ["4de"] = 4,
        ["last"] = Last, ["laatste"] = Last,
    };

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday, ["maandag"] = DayOfWeek.Monday, ["ma"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["dinsdag"] = DayOfWeek.Tuesday, ["di"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday, ["woensdag"] = DayOfWeek.Wednesday, ["wo"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["donderdag"] = DayOfWeek.Thursday, ["do"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday, ["vrijdag"] = DayOfWeek.Friday, ["vr"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday, ["zaterdag"] = DayOfWeek.Saturday, ["za"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday, ["zondag"] = DayOfWeek.Sunday, ["zo"] = DayOfWeek.Sunday,
    };

    private static readonly HashSet<string> Every = new(["every", "each", "elke", "iedere", "weekly", "wekelijks"], StringComparer.Ordinal);
    private static readonly HashSet<string> Other = new(["other", "second"], StringComparer.Ordinal);
    private static readonly HashSet<string> WeekWords = new(["week", "weeks", "weken"], StringComparer.Ordinal);
    private static readonly HashSet<string> From = new(["from", "starting", "vanaf"], StringComparer.Ordinal);

    private static readonly HashSet<string> Filler = new(
        ["of", "the", "month", "at", "on", "in", "van", "de", "het", "maand", "om", "op", "per"],
        StringComparer.Ordinal);
}
