using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Rounds.Schedules;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Rounds;

/// <summary>A manager reads the schedule in their own language, never the stored English form the parser keeps.</summary>
public class ScheduleWordingTests
{
    private static readonly TextCatalog Catalog = TextCatalog.LoadEmbedded();

    [Theory]
    [InlineData("en", "first tuesday 10:00 Europe/Amsterdam", "the first Tuesday of every month at 10:00")]
    [InlineData("nl", "first tuesday 10:00 Europe/Amsterdam", "de eerste dinsdag van elke maand om 10:00")]
    [InlineData("de", "first tuesday 10:00 Europe/Amsterdam", "jeden ersten Dienstag im Monat um 10:00 Uhr")]
    [InlineData("en", "last friday 09:30 Europe/Berlin", "the last Friday of every month at 09:30")]
    [InlineData("nl", "last friday 09:30 Europe/Berlin", "de laatste vrijdag van elke maand om 09:30")]
    [InlineData("de", "last friday 09:30 Europe/Berlin", "jeden letzten Freitag im Monat um 09:30 Uhr")]
    [InlineData("en", "every 1 weeks on wednesday from 2026-01-07 14:00 Europe/Amsterdam", "every Wednesday at 14:00")]
    [InlineData("nl", "every 1 weeks on wednesday from 2026-01-07 14:00 Europe/Amsterdam", "elke woensdag om 14:00")]
    [InlineData("de", "every 1 weeks on wednesday from 2026-01-07 14:00 Europe/Amsterdam", "jeden Mittwoch um 14:00 Uhr")]
    [InlineData("en", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam", "every 2 weeks on Monday at 08:45, from 5 January 2026")]
    [InlineData("nl", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam", "elke 2 weken op maandag om 08:45, vanaf 5 januari 2026")]
    [InlineData("de", "every 2 weeks on monday from 2026-01-05 08:45 Europe/Amsterdam", "alle 2 Wochen am Montag um 08:45 Uhr, gerechnet ab dem 5. Januar 2026")]
    public void TheScheduleReadsInTheReadersLanguage(string code, string stored, string expected)
    {
        var schedule = ScheduleParser.ReadStored(stored, null).Schedule;

        Assert.Equal(expected, ScheduleWording.Describe(schedule, Catalog.For(Language.Of(code))));
    }
}
