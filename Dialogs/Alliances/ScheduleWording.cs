using System.Diagnostics;
using System.Globalization;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Rounds.Schedules;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>
/// A schedule as the reader's language says it ("the first Tuesday of every month at 10:00"). The stored form
/// ("first tuesday 10:00 Europe/Amsterdam", <see cref="PulseSchedule.Format"/>) is for the parser, not for people.
/// Weekday names come from the catalog's culture, the rest from the "alliance.schedule.*" texts.
/// </summary>
internal static class ScheduleWording
{
    public static string Describe(PulseSchedule schedule, Texts texts)
    {
        var time = schedule.LocalTime.ToString(schedule.LocalTime.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
        string Day(DayOfWeek day) => texts.Culture.DateTimeFormat.GetDayName(day);
        return schedule.Rule switch
        {
            NthWeekdayOfMonth nth => texts.Format("alliance.schedule.monthly", texts[$"alliance.schedule.ordinal.{nth.Ordinal.ToString(CultureInfo.InvariantCulture)}"], Day(nth.Day), time),
            LastWeekdayOfMonth last => texts.Format("alliance.schedule.monthly", texts["alliance.schedule.ordinal.last"], Day(last.Day), time),
            EveryNWeeks { Weeks: 1 } weekly => texts.Format("alliance.schedule.weekly", Day(weekly.Day), time),
            EveryNWeeks every => texts.Format("alliance.schedule.everyweeks", every.Weeks, Day(every.Day), time, texts.Date(every.Anchor)),
            var other => throw new UnreachableException($"No wording for the schedule rule {other.GetType().Name}."),
        };
    }
}
