using System.Globalization;

namespace AllianceBot.Dialogs.Rounds.Schedules;

/// <summary>Which dates a pulse round falls on. The time of day and zone live in <see cref="PulseSchedule"/>.</summary>
public abstract record ScheduleRule
{
    /// <summary>Candidate dates in ascending order, on or after <paramref name="start"/> (an endless sequence).</summary>
    public abstract IEnumerable<DateOnly> DatesFrom(DateOnly start);

    /// <summary>Canonical English text, accepted back by <see cref="ScheduleParser"/>.</summary>
    public abstract string Describe();

    internal static string Name(DayOfWeek day) => day.ToString().ToLowerInvariant();
}

/// <summary>The first to fourth given weekday of every month ("first tuesday").</summary>
public sealed record NthWeekdayOfMonth : ScheduleRule
{
    public NthWeekdayOfMonth(int ordinal, DayOfWeek day)
    {
        // A fifth weekday does not exist in every month; "last" covers the end of the month.
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ordinal, 4);
        Ordinal = ordinal;
        Day = day;
    }

    public int Ordinal { get; }

    public DayOfWeek Day { get; }

    public override IEnumerable<DateOnly> DatesFrom(DateOnly start)
    {
        for (var month = new DateOnly(start.Year, start.Month, 1); ; month = month.AddMonths(1))
        {
            var first = month.AddDays(((int)Day - (int)month.DayOfWeek + 7) % 7);
            var date = first.AddDays(7 * (Ordinal - 1));
            if (date >= start)
            {
                yield return date;
            }
        }
    }

    public override string Describe() => $"{Ordinals[Ordinal - 1]} {Name(Day)}";

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth"];
}

/// <summary>The last given weekday of every month ("last friday").</summary>
public sealed record LastWeekdayOfMonth(DayOfWeek Day) : ScheduleRule
{
    public override IEnumerable<DateOnly> DatesFrom(DateOnly start)
    {
        for (var month = new DateOnly(start.Year, start.Month, 1); ; month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1);
            var date = last.AddDays(-(((int)last.DayOfWeek - (int)Day + 7) % 7));
            if (date >= start)
            {
                yield return date;
            }
        }
    }

    public override string Describe() => $"last {Name(Day)}";
}

/// <summary>Every N weeks on a weekday, counted from an anchor date that falls on that weekday.</summary>
public sealed record EveryNWeeks : ScheduleRule
{
    public EveryNWeeks(int weeks, DateOnly anchor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, MaxWeeks);
        Weeks = weeks;
        Anchor = anchor;
    }

    public const int MaxWeeks = 12;

    public int Weeks { get; }

    public DateOnly Anchor { get; }

    public DayOfWeek Day => Anchor.DayOfWeek;

    /// <summary>The first <paramref name="day"/> on or after <paramref name="from"/>: where a new series starts.</summary>
    public static EveryNWeeks Starting(int weeks, DayOfWeek day, DateOnly from) =>
        new(weeks, from.AddDays(((int)day - (int)from.DayOfWeek + 7) % 7));

    public override IEnumerable<DateOnly> DatesFrom(DateOnly start)
    {
        var period = 7 * Weeks;
        var behind = start.DayNumber - Anchor.DayNumber;
        var steps = behind <= 0 ? 0 : (behind + period - 1) / period;
        for (var date = Anchor.AddDays(steps * period); ; date = date.AddDays(period))
        {
            yield return date;
        }
    }

    public override string Describe() =>
        $"every {Weeks.ToString(CultureInfo.InvariantCulture)} weeks on {Name(Day)} from {Anchor.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
