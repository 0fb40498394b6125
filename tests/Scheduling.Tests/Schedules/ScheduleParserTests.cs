using AllianceBot.Scheduling.Schedules;

namespace AllianceBot.Scheduling.Tests.Schedules;

public class ScheduleParserTests
{
    private static readonly DateOnly Today = new(2026, 1, 1); // a Thursday

    [Theory]
    [InlineData("first tuesday 10:00", "first tuesday 10:00 Europe/Amsterdam")]
    [InlineData("eerste dinsdag 10:00", "first tuesday 10:00 Europe/Amsterdam")]
    [InlineData("Eerste dinsdag van de maand om 10.00", "first tuesday 10:00 Europe/Amsterdam")]
    [InlineData("every first Tuesday of the month at 10:00", "first tuesday 10:00 Europe/Amsterdam")]
    [InlineData("elke eerste dinsdag 10:00", "first tuesday 10:00 Europe/Amsterdam")]
    [InlineData("last friday 09:30", "last friday 09:30 Europe/Amsterdam")]
    [InlineData("laatste vrijdag om 9:30", "last friday 09:30 Europe/Amsterdam")]
    [InlineData("2nd wednesday 14:15 America/New_York", "second wednesday 14:15 America/New_York")]
    [InlineData("3e donderdag 8u", "third thursday 08:00 Europe/Amsterdam")]
    [InlineData("vierde ma 7h", "fourth monday 07:00 Europe/Amsterdam")]
    [InlineData("every 2 weeks on monday 08:45", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam")]
    [InlineData("elke 2 weken op maandag 8:45", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam")]
    [InlineData("om de 2 weken maandag 8:45", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam")]
    [InlineData("every other tuesday 10:00", "every 2 weeks on tuesday from 2026-01-06 10:00 Europe/Amsterdam")]
    [InlineData("om de week woensdag 14:00", "every 1 weeks on wednesday from 2026-01-07 14:00 Europe/Amsterdam")]
    [InlineData("elke dinsdag 10:00", "every 1 weeks on tuesday from 2026-01-06 10:00 Europe/Amsterdam")]
    [InlineData("every thursday 10:00", "every 1 weeks on thursday from 2026-01-01 10:00 Europe/Amsterdam")]
    [InlineData("every 3 weeks on friday from 2026-02-06 16:00 Asia/Tokyo", "every 3 weeks on friday from 2026-02-06 16:00 Asia/Tokyo")]
    [InlineData("elke 4 weken op vrijdag vanaf 2026-02-06 16:00", "every 4 weeks on friday from 2026-02-06 16:00 Europe/Amsterdam")]
    public void ReadsEnglishAndDutch(string input, string expected)
    {
        var result = ScheduleParser.Parse(input, "Europe/Amsterdam", Today);

        Assert.True(result.Success, $"{result.Error} {result.Detail}");
        Assert.Equal(expected, result.Schedule!.Format());
    }

    [Theory]
    [InlineData("", ScheduleParseError.Empty, null)]
    [InlineData("   ", ScheduleParseError.Empty, null)]
    [InlineData("fifth tuesday 10:00", ScheduleParseError.UnknownRule, "fifth")]
    [InlineData("first tuesday", ScheduleParseError.MissingTime, null)]
    [InlineData("first tuesday 25:00", ScheduleParseError.InvalidTime, "25:00")]
    [InlineData("first tuesday 10", ScheduleParseError.InvalidTime, "10")]
    [InlineData("first tuesday 10:7", ScheduleParseError.InvalidTime, "10:7")]
    [InlineData("first 10:00", ScheduleParseError.MissingWeekday, "10:00")]
    [InlineData("every 13 weeks on monday 10:00", ScheduleParseError.InvalidInterval, "13")]
    [InlineData("every 2 weeks on monday from 2026-13-01 10:00", ScheduleParseError.InvalidDate, "2026-13-01")]
    [InlineData("first tuesday 10:00 Mars/Olympus", ScheduleParseError.UnknownTimeZone, "Mars/Olympus")]
    [InlineData("first tuesday 10:00 please", ScheduleParseError.UnexpectedWords, "please")]
    public void RefusesWhatItCannotReadAndSaysWhy(string input, ScheduleParseError error, string? detail)
    {
        var result = ScheduleParser.Parse(input, "Europe/Amsterdam", Today);

        Assert.False(result.Success);
        Assert.Null(result.Schedule);
        Assert.Equal(error, result.Error);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public void AnUnknownDefaultZoneIsRefusedToo()
    {
        var result = ScheduleParser.Parse("first tuesday 10:00", "Europe/Atlantis", Today);

        Assert.Equal(ScheduleParseError.UnknownTimeZone, result.Error);
    }

    [Theory]
    [InlineData("first tuesday 10:00 Europe/Amsterdam")]
    [InlineData("last sunday 02:30 America/New_York")]
    [InlineData("every 6 weeks on saturday from 2026-03-07 23:59 Asia/Tokyo")]
    [InlineData("every 1 weeks on monday from 2026-01-05 10:15:30 UTC")]
    public void TheStoredFormReadsBackToTheSameSchedule(string text)
    {
        var first = ScheduleParser.Parse(text, "Europe/Amsterdam", Today).Schedule!;
        var again = ScheduleParser.Parse(first.Format(), "Europe/Amsterdam", DateOnly.MinValue).Schedule!;

        Assert.Equal(text, first.Format());
        Assert.Equal(first.Format(), again.Format());
        Assert.Equal(first.NextAfter(DateTimeOffset.Parse("2026-05-01T00:00:00Z")), again.NextAfter(DateTimeOffset.Parse("2026-05-01T00:00:00Z")));
    }
}
