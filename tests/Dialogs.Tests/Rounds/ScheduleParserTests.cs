using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Rounds.Schedules;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Rounds;

public class ScheduleParserTests
{
    private static readonly DateOnly Today = new(2026, 1, 1); // a Thursday

    public static TheoryData<string> SupportedCodes => [.. Languages.Supported.Select(l => l.Code)];

    /// <summary>
    /// Every schedule word of every language (words.{code}.json, "schedule") reads as what it means: each ordinal with
    /// each weekday, each "every" word with each weekday and with an interval in each "weeks" word, each "month" and
    /// "from" word, and each hour word — so a new language's schedule phrases are checked without touching this file.
    /// </summary>
    [Theory]
    [MemberData(nameof(SupportedCodes))]
    public void EveryLanguagesScheduleWordsRead(string code)
    {
        var words = IntentCatalog.Words(Language.Of(code)).Schedule;
        Assert.NotEmpty(words.Ordinals);
        Assert.Equal(7, words.Weekdays.Values.Distinct().Count());
        Assert.NotEmpty(words.Every);
        Assert.NotEmpty(words.Weeks);
        Assert.NotEmpty(words.TimeSuffixes);
        string[] ordinals = ["first", "second", "third", "fourth"];
        var failures = new List<string>();
        void Expect(string input, string expected)
        {
            var result = ScheduleParser.Parse(input, "Europe/Amsterdam", Today);
            var read = result.Schedule?.Format() ?? $"{result.Error} {result.Detail}";
            if (read != expected)
            {
                failures.Add($"\"{input}\" → {read}; expected {expected}");
            }
        }

        static string Day(DayOfWeek day) => day.ToString().ToLowerInvariant();
        static string From(DayOfWeek day) => Today.AddDays(((int)day - (int)Today.DayOfWeek + 7) % 7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        foreach (var (ordinal, n) in words.Ordinals)
        {
            foreach (var (weekday, day) in words.Weekdays)
            {
                Expect($"{ordinal} {weekday} 10:00", $"{(n < 0 ? "last" : ordinals[n - 1])} {Day(day)} 10:00 Europe/Amsterdam");
            }
        }

        foreach (var every in words.Every)
        {
            foreach (var (weekday, day) in words.Weekdays)
            {
                Expect($"{every} {weekday} 10:00", $"every 1 weeks on {Day(day)} from {From(day)} 10:00 Europe/Amsterdam");
            }
        }

        var (monday, _) = words.Weekdays.First(w => w.Value == DayOfWeek.Monday);
        var (first, _) = words.Ordinals.First(o => o.Value == 1);
        var often = words.Every.First();
        foreach (var week in words.Weeks)
        {
            Expect($"{often} 3 {week} {monday} 8:45", "every 3 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam");
            foreach (var from in words.From)
            {
                Expect($"{often} 3 {week} {monday} {from} 2026-02-02 8:45", "every 3 weeks on monday from 2026-02-02 08:45 Europe/Amsterdam");
            }
        }

        foreach (var month in words.Month)
        {
            Expect($"{first} {monday} {month} 10:00", "first monday 10:00 Europe/Amsterdam");
        }

        foreach (var hour in words.TimeSuffixes)
        {
            Expect($"{first} {monday} 9 {hour}", "first monday 09:00 Europe/Amsterdam");
        }

        Assert.True(failures.Count == 0, $"{code}: " + string.Join(Environment.NewLine, failures));
    }

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

    /// <summary>German reads as English and Dutch do: the words come from Dialogs/Intents/words.de.json.</summary>
    [Theory]
    [InlineData("jeden ersten Montag im Monat um 9 Uhr", "first monday 09:00 Europe/Amsterdam")]
    [InlineData("erster Dienstag 10:00", "first tuesday 10:00 Europe/Amsterdam")]
    [InlineData("am 1. Dienstag im Monat um 10.00 Uhr", "first tuesday 10:00 Europe/Amsterdam")]
    [InlineData("jeden dritten Donnerstag um 8 Uhr America/New_York", "third thursday 08:00 America/New_York")]
    [InlineData("am letzten Freitag im Monat um 9:30 Uhr", "last friday 09:30 Europe/Amsterdam")]
    [InlineData("jeden zweiten Dienstag im Monat um 10 Uhr", "second tuesday 10:00 Europe/Amsterdam")]
    [InlineData("jeden zweiten Dienstag um 10 Uhr", "every 2 weeks on tuesday from 2026-01-06 10:00 Europe/Amsterdam")]
    [InlineData("alle 2 Wochen am Montag um 8:45", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam")]
    [InlineData("alle zwei Wochen am Montag um 8:45 Uhr", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam")]
    [InlineData("jeden Mittwoch um 14 Uhr", "every 1 weeks on wednesday from 2026-01-07 14:00 Europe/Amsterdam")]
    [InlineData("wöchentlich am So um 18:00", "every 1 weeks on sunday from 2026-01-04 18:00 Europe/Amsterdam")]
    [InlineData("alle 4 Wochen am Freitag ab 2026-02-06 16:00", "every 4 weeks on friday from 2026-02-06 16:00 Europe/Amsterdam")]
    public void ReadsGerman(string input, string expected)
    {
        var result = ScheduleParser.Parse(input, "Europe/Amsterdam", Today);

        Assert.True(result.Success, $"{result.Error} {result.Detail}");
        Assert.Equal(expected, result.Schedule!.Format());
    }

    /// <summary>The hour words of every language, and number words for the interval ("two", "twee", "zwei").</summary>
    [Theory]
    [InlineData("first tuesday 9 o'clock", "first tuesday 09:00 Europe/Amsterdam")]
    [InlineData("eerste dinsdag om 9 uur", "first tuesday 09:00 Europe/Amsterdam")]
    [InlineData("every two weeks on monday 08:45", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam")]
    [InlineData("elke twee weken op maandag 8:45", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam")]
    [InlineData("every second tuesday of the month 10:00", "second tuesday 10:00 Europe/Amsterdam")]
    [InlineData("erster Dienstag 9 Uhr", "first tuesday 09:00 Europe/Amsterdam")]
    [InlineData("alle zwei Wochen am Montag 8:45", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam")]
    public void ReadsHourWordsAndNumberWordsInEveryLanguage(string input, string expected)
    {
        var result = ScheduleParser.Parse(input, "Europe/Amsterdam", Today);

        Assert.True(result.Success, $"{result.Error} {result.Detail}");
        Assert.Equal(expected, result.Schedule!.Format());
    }

    [Theory]
    [InlineData("fünfter Montag 10:00", ScheduleParseError.UnknownRule, "fünfter")]
    [InlineData("jeden ersten 10:00", ScheduleParseError.MissingWeekday, "10:00")]
    [InlineData("jeden ersten Montag im Monat", ScheduleParseError.MissingTime, null)]
    [InlineData("jeden ersten Montag um 25 Uhr", ScheduleParseError.InvalidTime, "25h")]
    [InlineData("alle 13 Wochen am Montag um 9 Uhr", ScheduleParseError.InvalidInterval, "13")]
    [InlineData("alle 2 Wochen am Montag ab morgen 9:00", ScheduleParseError.InvalidDate, "morgen")]
    [InlineData("jeden ersten Montag um 9 Uhr bitte", ScheduleParseError.UnexpectedWords, "bitte")]
    [InlineData("vijfde dinsdag 10:00", ScheduleParseError.UnknownRule, "vijfde")]
    [InlineData("elke eerste 10:00", ScheduleParseError.MissingWeekday, "10:00")]
    [InlineData("eerste dinsdag van de maand", ScheduleParseError.MissingTime, null)]
    [InlineData("eerste dinsdag om 25 uur", ScheduleParseError.InvalidTime, "25h")]
    [InlineData("elke 13 weken op maandag 9:00", ScheduleParseError.InvalidInterval, "13")]
    [InlineData("elke 2 weken op maandag vanaf morgen 9:00", ScheduleParseError.InvalidDate, "morgen")]
    [InlineData("eerste dinsdag om 10:00 graag", ScheduleParseError.UnexpectedWords, "graag")]
    public void RefusesGermanAndDutchItCannotReadAndSaysWhy(string input, ScheduleParseError error, string? detail)
    {
        var result = ScheduleParser.Parse(input, "Europe/Amsterdam", Today);

        Assert.Null(result.Schedule);
        Assert.Equal(error, result.Error);
        Assert.Equal(detail, result.Detail);
    }

    /// <summary>
    /// The one fallback rule for stored schedules: what reads, reads; what does not becomes the default (first Tuesday
    /// 10:00) in the alliance's zone, or the default zone when that is unknown too, with the reason for the log.
    /// </summary>
    [Theory]
    [InlineData("last friday 09:30 Asia/Tokyo", "Europe/Berlin", "last friday 09:30 Asia/Tokyo", false)]
    [InlineData("every 2 weeks on monday from 2026-01-05 08:45", "America/New_York", "every 2 weeks on monday from 2026-01-05 08:45 America/New_York", false)]
    [InlineData("whenever", "America/New_York", "first tuesday 10:00 America/New_York", true)]
    [InlineData(null, "Asia/Kolkata", "first tuesday 10:00 Asia/Kolkata", true)]
    [InlineData("whenever", "Europe/Atlantis", "first tuesday 10:00 Europe/Amsterdam", true)]
    [InlineData("first tuesday 10:00 Mars/Olympus", "Asia/Tokyo", "first tuesday 10:00 Asia/Tokyo", true)]
    public void AStoredScheduleReadsOrFallsBackToTheDefaultInTheAlliancesZone(string? text, string zone, string expected, bool fellBack)
    {
        var stored = ScheduleParser.ReadStored(text, zone);

        Assert.Equal(expected, stored.Schedule.Format());
        Assert.Equal(fellBack, stored.Problem is not null);
    }

    /// <summary>The catalogs may not contradict each other: a word that is a weekday in one language and filler in another stops start-up.</summary>
    [Fact]
    public void AWordWithTwoMeaningsAcrossTheCatalogsIsRefused()
    {
        var english = IntentCatalog.Words(Trust.Language.Fallback).Schedule;
        var clashing = english with { Filler = new HashSet<string>(["monday"]) };

        var problem = Assert.Throws<InvalidOperationException>(() => ScheduleParser.Merge([english, clashing]));
        Assert.Contains("'monday'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(english.Weekdays.Count, ScheduleParser.Merge([english, english]).Weekdays.Count);
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
