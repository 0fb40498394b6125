using AllianceBot.Data.Alliances;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Rounds.Schedules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AllianceBot.Dialogs.Rounds;

/// <summary>
/// What dialogs may ask of rounds, answered inside the round slice. "Pulse now" opens the round through the lifecycle
/// here (so the manager hears at once how many members get it) and then asks <see cref="IRoundTriggers"/> to arm its
/// reminders and close, exactly as a scheduled opening does; a changed schedule is parsed and stored here and only its
/// trigger is armed by Scheduling. With Scheduling:Enabled=false nothing is armed: rounds still open, but reminders
/// and closing do not happen (answers still stop at the round's closing time), schedules are stored but no trigger is
/// set.
/// </summary>
public sealed class RoundControl(
    Database database,
    IRoundLifecycle lifecycle,
    IRoundTriggers triggers,
    IOptions<RoundTimingOptions> timing,
    TimeProvider time,
    ILogger<RoundControl> logger) : IRoundControl
{
    // Two "pulse now" clicks of one instance must not both find no open round and open two.
    private readonly SemaphoreSlim opening = new(1, 1);

    public async Task<RoundStart> OpenNowAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        await opening.WaitAsync(cancellationToken);
        try
        {
            var alliance = await database.GetAllianceAsync(allianceId, cancellationToken);
            if (alliance is null)
            {
                return new RoundStart(false, null, false, RoundStartProblems.NoAlliance);
            }

            if (await database.GetOpenRoundAsync(allianceId, cancellationToken) is { } open)
            {
                return new RoundStart(false, open.Id, true, null);
            }

            var schedule = ScheduleOf(alliance);
            var now = time.GetUtcNow();
            var timeline = RoundTimeline.Plan(now, schedule.Zone, timing.Value);
            var opened = await lifecycle.OpenRoundAsync(new RoundOpening(allianceId, now, now, schedule, timeline, Manual: true), cancellationToken);
            if (opened is null)
            {
                return new RoundStart(false, null, false, RoundStartProblems.NoMembers);
            }

            await triggers.ArmFollowUpsAsync(opened.RoundId, timeline, cancellationToken);
            return new RoundStart(true, opened.RoundId, false, null);
        }
        finally
        {
            opening.Release();
        }
    }

    public async Task<ScheduleChange> ChangeScheduleAsync(Guid allianceId, string scheduleText, CancellationToken cancellationToken)
    {
        var alliance = await database.GetAllianceAsync(allianceId, cancellationToken);
        if (alliance is null)
        {
            return new ScheduleChange(false, null, RoundStartProblems.NoAlliance);
        }

        var zone = ZoneIdOf(alliance);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZones.Find(zone)).DateTime);
        var parsed = ScheduleParser.Parse(scheduleText, zone, today);
        if (parsed.Schedule is not { } schedule)
        {
            return new ScheduleChange(false, null, parsed.Error.ToString()) { Detail = parsed.Detail };
        }

        await database.SetScheduleAsync(allianceId,
            new AllianceSchedule(schedule.Format(), schedule.TimeZoneId, alliance.ReminderOffsets, alliance.CloseAfterDays), cancellationToken);

        // Without a trigger (scheduling switched off) the manager still hears when the schedule's next opening is.
        var next = await triggers.ScheduleAllianceAsync(allianceId, schedule, cancellationToken) ?? schedule.NextAfter(time.GetUtcNow());
        return new ScheduleChange(true, next, null);
    }

    public async Task<DateTimeOffset?> ScheduleAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        var alliance = await database.GetAllianceAsync(allianceId, cancellationToken);
        return alliance is null ? null : await triggers.ScheduleAllianceAsync(allianceId, ScheduleOf(alliance), cancellationToken);
    }

    public Task UnscheduleAsync(Guid allianceId, CancellationToken cancellationToken) => triggers.UnscheduleAsync(allianceId, cancellationToken);

    /// <summary>The alliance's stored schedule, under the one fallback rule of <see cref="ScheduleParser.ReadStored"/>.</summary>
    private PulseSchedule ScheduleOf(Alliance alliance)
    {
        var stored = ScheduleParser.ReadStored(alliance.Schedule, alliance.TimeZone);
        if (stored.Problem is { } problem)
        {
            logger.LogWarning("Alliance {AllianceId} has an unreadable schedule '{Schedule}' ({Problem}); using the default", alliance.Id, alliance.Schedule, problem);
        }

        return stored.Schedule;
    }

    private static string ZoneIdOf(Alliance alliance) => TimeZones.TryFind(alliance.TimeZone, out _) ? alliance.TimeZone : TimeZones.DefaultAllianceZone;
}
