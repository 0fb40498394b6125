using AllianceBot.Dialogs.Rounds.Schedules;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Dialogs.Tests.Rounds;

public class PulseScheduleTests
{
    private static PulseSchedule Parse(string text, string zone = "Europe/Amsterdam") =>
        ScheduleParser.Parse(text, zone, new DateOnly(2026, 1, 1)).Schedule ?? throw new InvalidOperationException(text);

    [Fact]
    public void DefaultIsTheFirstTuesdayAtTenInAmsterdam()
    {
        var next = PulseSchedule.Default.NextAfter(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-01-06T10:00:00+01:00"), next);
        Assert.Equal(TimeSpan.FromHours(1), next.Offset);
        Assert.Equal("first tuesday 10:00 Europe/Amsterdam", PulseSchedule.Default.Format());
    }

    [Fact]
    public void FirstTuesdaysFollowEachOtherAcrossAYearAndItsDstChanges()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var openings = new List<DateTimeOffset>();
        for (var i = 0; i < 13; i++)
        {
            var next = PulseSchedule.Default.NextAfter(time.GetUtcNow());
            openings.Add(next);
            time.SetUtcNow(next);
        }

        Assert.Equal(
            ["2026-01-06", "2026-02-03", "2026-03-03", "2026-04-07", "2026-05-05", "2026-06-02", "2026-07-07", "2026-08-04", "2026-09-01", "2026-10-06", "2026-11-03", "2026-12-01", "2027-01-05"],
            openings.Select(o => o.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(openings, o => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(o.DateTime)));
        Assert.All(openings, o => Assert.Equal(DayOfWeek.Tuesday, o.DayOfWeek));

        // Winter time (+1) until the last Sunday of March, summer time (+2) until the last Sunday of October.
        Assert.Equal(
            [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1],
            openings.Select(o => (int)o.Offset.TotalHours));
    }

    [Fact]
    public void TheNextOpeningIsStrictlyAfterTheInstant()
    {
        var opening = DateTimeOffset.Parse("2026-02-03T10:00:00+01:00");

        Assert.Equal(opening, PulseSchedule.Default.NextAfter(opening.AddTicks(-1)));
        Assert.Equal(DateTimeOffset.Parse("2026-03-03T10:00:00+01:00"), PulseSchedule.Default.NextAfter(opening));
        Assert.Equal(opening, PulseSchedule.Default.NextAfter(DateTimeOffset.Parse("2026-02-03T08:59:00Z")));
    }

    [Fact]
    public void LastFridayIsTheLastOneOfTheMonth()
    {
        var schedule = Parse("last friday 09:30");

        Assert.Equal(DateTimeOffset.Parse("2026-02-27T09:30:00+01:00"), schedule.NextAfter(DateTimeOffset.Parse("2026-02-01T00:00:00Z")));
        Assert.Equal(DateTimeOffset.Parse("2026-07-31T09:30:00+02:00"), schedule.NextAfter(DateTimeOffset.Parse("2026-07-01T00:00:00Z")));
    }

    [Fact]
    public void EveryTwoWeeksCountsFromTheAnchor()
    {
        var schedule = Parse("every 2 weeks on tuesday from 2026-01-06 10:00");

        Assert.Equal(DateTimeOffset.Parse("2026-01-06T10:00:00+01:00"), schedule.NextAfter(DateTimeOffset.Parse("2025-12-01T00:00:00Z")));
        Assert.Equal(DateTimeOffset.Parse("2026-01-20T10:00:00+01:00"), schedule.NextAfter(DateTimeOffset.Parse("2026-01-07T00:00:00Z")));
        Assert.Equal(DateTimeOffset.Parse("2026-02-03T10:00:00+01:00"), schedule.NextAfter(DateTimeOffset.Parse("2026-01-20T10:00:00+01:00")));
    }

    [Fact]
    public void ATimeSkippedBySpringForwardInEuropeMovesForwardByTheGap()
    {
        // 29 March 2026: Amsterdam clocks jump from 02:00 to 03:00, so 02:30 never happens.
        var next = Parse("last sunday 02:30").NextAfter(DateTimeOffset.Parse("2026-03-01T00:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-03-29T03:30:00+02:00"), next);
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T01:30:00Z"), next.ToUniversalTime());
    }

    [Fact]
    public void ATimeRepeatedByAutumnBackInEuropeMeansTheFirstOne()
    {
        // 25 October 2026: Amsterdam clocks go from 03:00 back to 02:00, so 02:30 happens twice.
        var next = Parse("last sunday 02:30").NextAfter(DateTimeOffset.Parse("2026-10-01T00:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-10-25T02:30:00+02:00"), next);
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T00:30:00Z"), next.ToUniversalTime());
    }

    [Fact]
    public void UsSpringForwardAndFallBackFollowTheSameRules()
    {
        var spring = Parse("second sunday 02:30", "America/New_York").NextAfter(DateTimeOffset.Parse("2026-03-01T00:00:00Z"));
        var autumn = Parse("first sunday 01:30", "America/New_York").NextAfter(DateTimeOffset.Parse("2026-10-15T00:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-03-08T03:30:00-04:00"), spring);
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T01:30:00-04:00"), autumn);
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T05:30:00Z"), autumn.ToUniversalTime());
    }

    [Fact]
    public void AnOpeningAfterTheGapOnTheDstDayIsUntouched()
    {
        var next = Parse("last sunday 10:00").NextAfter(DateTimeOffset.Parse("2026-03-01T00:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-03-29T10:00:00+02:00"), next);
    }

    [Fact]
    public void AnUnknownTimeZoneIsAClearError()
    {
        var error = Assert.Throws<UnknownTimeZoneException>(() => new PulseSchedule(new LastWeekdayOfMonth(DayOfWeek.Friday), new TimeOnly(9, 0), "Mars/Olympus_Mons"));

        Assert.Equal("Mars/Olympus_Mons", error.TimeZoneId);
        Assert.Contains("IANA", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesRefuseImpossibleShapes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NthWeekdayOfMonth(5, DayOfWeek.Monday));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EveryNWeeks(0, new DateOnly(2026, 1, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EveryNWeeks(13, new DateOnly(2026, 1, 5)));
    }
}
