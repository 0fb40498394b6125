using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;
using Quartz;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>
/// The round slice's <see cref="IRoundTriggers"/> on Quartz: the alliance's opening trigger
/// (<see cref="IRoundScheduler"/>) and a round's reminder and close triggers (<see cref="RoundFollowUps"/>). It only
/// arms; the jobs call the slice when the triggers fire.
/// </summary>
internal sealed class QuartzRoundTriggers(ISchedulerFactory schedulers, IRoundScheduler scheduler, TimeProvider time) : IRoundTriggers
{
    public async Task ArmFollowUpsAsync(Guid roundId, RoundTimeline timeline, CancellationToken cancellationToken)
    {
        var quartz = await schedulers.GetScheduler(cancellationToken);
        await RoundFollowUps.ScheduleAsync(quartz, time, roundId, timeline, cancellationToken);
    }

    public async Task<DateTimeOffset?> ScheduleAllianceAsync(Guid allianceId, PulseSchedule schedule, CancellationToken cancellationToken) =>
        await scheduler.ScheduleAllianceAsync(allianceId, schedule, cancellationToken);

    public async Task UnscheduleAsync(Guid allianceId, CancellationToken cancellationToken) =>
        await scheduler.UnscheduleAsync(allianceId, cancellationToken);
}

/// <summary>
/// <see cref="IRoundTriggers"/> when Scheduling:Enabled is false: nothing is armed. Rounds still open on "pulse now"
/// (answers stop at the closing time) but are neither reminded nor closed; schedules are stored without a trigger.
/// </summary>
internal sealed class NoRoundTriggers : IRoundTriggers
{
    public Task ArmFollowUpsAsync(Guid roundId, RoundTimeline timeline, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DateTimeOffset?> ScheduleAllianceAsync(Guid allianceId, PulseSchedule schedule, CancellationToken cancellationToken) =>
        Task.FromResult<DateTimeOffset?>(null);

    public Task UnscheduleAsync(Guid allianceId, CancellationToken cancellationToken) => Task.CompletedTask;
}
