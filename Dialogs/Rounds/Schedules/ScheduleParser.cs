using System.Collections.Frozen;
using System.Globalization;
using AllianceBot.Dialogs.Intents;

namespace AllianceBot.Dialogs.Rounds.Schedules;

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

/// <summary>A stored schedule as the rounds use it, and why the default stands in for it (null when it was read).</summary>
public sealed record StoredSchedule(PulseSchedule Schedule, string? Problem);

/// <summary>
/// The one schedule parser. Reads schedules as managers type them, in every language of the word catalogs
/// (section <c>schedule</c> of <c>Dialogs/Intents/words.{code}.json</c>; grammar in docs/scheduling.md):
/// "first tuesday 10:00", "eerste dinsdag 10:00", "jeden ersten Montag im Monat um 9 Uhr", "last friday 09:30",
/// "every 2 weeks on monday 08:45", "elke 2 weken op maandag 8:45", "alle zwei Wochen am Montag um 8:45 Uhr",
/// optionally followed by an IANA time zone ("America/New_York"); without one the alliance's current zone is kept.
/// Every-N-weeks series start at the first matching day on or after today unless "from 2026-03-03" / "vanaf" / "ab"
/// says otherwise. Pure: "today" is passed in. Stored schedules (the canonical text of <see cref="PulseSchedule.Format"/>)
/// are read with <see cref="ReadStored"/>, which has the one fallback rule.
/// </summary>
public static class ScheduleParser
{
    /// <summary>
    /// Reads a manager's schedule text. Any failure is an error code with the offending words; nothing is assumed, so a
    /// dialog can refuse it with a clear message and store nothing.
    /// </summary>
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

        var lowered = original.Select(t => t.ToLowerInvariant()).ToList();
        var ofTheMonth = lowered.Any(Words.Month.Contains);
        var words = new Queue<string>(Normalize(lowered));
        var rule = ReadRule(words, today, ofTheMonth, out var ruleError);
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

    /// <summary>
    /// The one fallback rule for a schedule read back from storage (the alliance's row or a trigger's job data, both
    /// written by <see cref="PulseSchedule.Format"/>): read with the same grammar; when it cannot be read (edited by
    /// hand, a zone this server does not know), the product default (<see cref="PulseSchedule.Default"/>: first Tuesday,
    /// 10:00) in the alliance's zone stands in (the default zone when that is unknown too), and
    /// <see cref="StoredSchedule.Problem"/> says why, for the caller to log. An every-n-weeks text without a start date
    /// counts from 0001-01-01, so reading it never depends on the day (<see cref="PulseSchedule.Format"/> always writes one).
    /// </summary>
    public static StoredSchedule ReadStored(string? text, string? allianceZoneId)
    {
        var zone = TimeZones.TryFind(allianceZoneId, out _) ? allianceZoneId!.Trim() : TimeZones.DefaultAllianceZone;
        var parsed = Parse(text, zone, DateOnly.MinValue);
        return parsed.Schedule is { } schedule
            ? new StoredSchedule(schedule, null)
            : new StoredSchedule(new PulseSchedule(PulseSchedule.Default.Rule, PulseSchedule.Default.LocalTime, zone),
                parsed.Detail is { Length: > 0 } detail ? $"{parsed.Error}: {detail}" : parsed.Error.ToString());
    }

    private static ScheduleRule? ReadRule(Queue<string> words, DateOnly today, bool ofTheMonth, out ScheduleParseResult error)
    {
        error = ScheduleParseResult.Fail(ScheduleParseError.UnknownRule, words.Count > 0 ? words.Peek() : null);
        if (words.Count == 0)
        {
            return null;
        }

        var first = words.Peek();
        if (Words.Ordinals.TryGetValue(first, out var ordinal))
        {
            words.Dequeue();
            if (!TryReadWeekday(words, out var day))
            {
                error = ScheduleParseResult.Fail(ScheduleParseError.MissingWeekday, words.Count > 0 ? words.Peek() : null);
                return null;
            }

            return ordinal == Last ? new LastWeekdayOfMonth(day) : new NthWeekdayOfMonth(ordinal, day);
        }

        if (!Words.Every.Contains(first))
        {
            return null;
        }

        words.Dequeue();

        // "every first tuesday (of the month)" / "elke eerste dinsdag" / "jeden ersten Montag": "every" adds nothing
        // there. "every second tuesday" is every other week, unless the month is named ("... of the month").
        if (words.Count > 0 && Words.Ordinals.ContainsKey(words.Peek()) && (ofTheMonth || !Words.Other.Contains(words.Peek())))
        {
            return ReadRule(words, today, ofTheMonth, out error);
        }

        var weeks = 1;
        if (words.Count > 0 && Words.Other.Contains(words.Peek()))
        {
            words.Dequeue();
            weeks = 2;
        }
        else if (words.Count > 0 && TryNumber(words.Peek(), out var n))
        {
            words.Dequeue();
            if (n is < 1 or > EveryNWeeks.MaxWeeks)
            {
                error = ScheduleParseResult.Fail(ScheduleParseError.InvalidInterval, n.ToString(CultureInfo.InvariantCulture));
                return null;
            }

            weeks = n;
        }

        if (words.Count > 0 && Words.Weeks.Contains(words.Peek()))
        {
            words.Dequeue();
        }

        if (!TryReadWeekday(words, out var weekday))
        {
            error = ScheduleParseResult.Fail(ScheduleParseError.MissingWeekday, words.Count > 0 ? words.Peek() : null);
            return null;
        }

        var anchorFrom = today;
        if (words.Count > 0 && Words.From.Contains(words.Peek()))
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

    /// <summary>An interval as digits or as a number word of any language ("2", "two", "twee", "zwei").</summary>
    private static bool TryNumber(string word, out int n) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out n) || IntentCatalog.TryNumber(word, out n);

    private static bool TryReadWeekday(Queue<string> words, out DayOfWeek day)
    {
        day = default;
        if (words.Count == 0 || !Words.Weekdays.TryGetValue(words.Peek(), out day))
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

    private static IEnumerable<string> Normalize(List<string> lowered)
    {
        // A two-word "every" ("om de 2 weken"); "om" elsewhere means "at".
        if (lowered.Count >= 2 && Words.Every.Contains(lowered[0] + " " + lowered[1]))
        {
            lowered[0] = lowered[0] + " " + lowered[1];
            lowered.RemoveAt(1);
        }

        // "9 Uhr", "9.30 uur", "9 o'clock": the hour and its word make one time, written as "9h".
        for (var i = lowered.Count - 2; i >= 0; i--)
        {
            if (Words.TimeSuffixes.Contains(lowered[i + 1]) && lowered[i].Length > 0 && char.IsAsciiDigit(lowered[i][^1]))
            {
                lowered[i] = lowered[i].Contains(':', StringComparison.Ordinal) || lowered[i].Contains('.', StringComparison.Ordinal) ? lowered[i] : lowered[i] + "h";
                lowered.RemoveAt(i + 1);
            }
        }

        return lowered.Where(t => !Words.Filler.Contains(t) && !Words.Month.Contains(t));
    }

    private const int Last = -1;

    private static ScheduleWords Words => Merged.Value;

    private static readonly Lazy<ScheduleWords> Merged = new(() => Merge(IntentCatalog.Languages.Select(l => IntentCatalog.Words(l).Schedule)));

    /// <summary>
    /// Every language's schedule words at once (a manager may type any of them, whatever the chat's language). A word
    /// that would mean two things (a weekday in one language and a filler word in another) stops start-up: the catalogs
    /// must not contradict each other. The only overlap allowed is an ordinal that also means "other" ("second").
    /// </summary>
    internal static ScheduleWords Merge(IEnumerable<ScheduleWords> languages)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        var weekdays = new Dictionary<string, DayOfWeek>(StringComparer.Ordinal);
        var meaning = new Dictionary<string, string>(StringComparer.Ordinal);
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var words in languages)
        {
            foreach (var (word, value) in words.Ordinals)
            {
                Claim(word, "ordinal " + value.ToString(CultureInfo.InvariantCulture));
                ordinals[word] = value;
            }

            foreach (var (word, day) in words.Weekdays)
            {
                Claim(word, "weekday " + day);
                weekdays[word] = day;
            }

            foreach (var (name, set) in new[] { ("every", words.Every), ("weeks", words.Weeks), ("month", words.Month), ("from", words.From),
                         ("time", words.TimeSuffixes), ("filler", words.Filler) })
            {
                foreach (var word in set)
                {
                    Claim(word, name);
                    (sets.TryGetValue(name, out var s) ? s : sets[name] = new HashSet<string>(StringComparer.Ordinal)).Add(word);
                }
            }

            foreach (var word in words.Other)
            {
                (sets.TryGetValue("other", out var s) ? s : sets["other"] = new HashSet<string>(StringComparer.Ordinal)).Add(word);
            }
        }

        return new ScheduleWords(ordinals.ToFrozenDictionary(StringComparer.Ordinal), weekdays.ToFrozenDictionary(StringComparer.Ordinal),
            Set("every"), Set("other"), Set("weeks"), Set("month"), Set("from"), Set("time"), Set("filler"));

        void Claim(string word, string what)
        {
            if (meaning.TryGetValue(word, out var had) && !string.Equals(had, what, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The schedule word '{word}' means both {had} and {what} in the word catalogs.");
            }

            meaning[word] = what;
        }

        FrozenSet<string> Set(string name) => (sets.TryGetValue(name, out var s) ? s : []).ToFrozenSet(StringComparer.Ordinal);
    }
}
