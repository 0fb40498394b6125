using AllianceBot.Dialogs.Rounds.Schedules;

namespace AllianceBot.Dialogs.Rounds;

/// <summary>
/// What a scheduled opening hands to the round use case. <see cref="ScheduledFor"/> is the occurrence (the key to
/// be idempotent on); <see cref="OpenedAt"/> is when the job actually ran (later after downtime).
/// </summary>
public sealed record RoundOpening(
    Guid AllianceId,
    DateTimeOffset ScheduledFor,
    DateTimeOffset OpenedAt,
    PulseSchedule Schedule,
    RoundTimeline Timeline,
    bool Manual)
{
    /// <summary>When this member's pulse goes out (NotBefore of their outbox message). Manual rounds go out now.</summary>
    public DeliveryTime DeliveryFor(string? memberTimeZoneId) =>
        Manual
            ? new DeliveryTime(OpenedAt, DeliveryBasis.Immediately)
            : MemberDelivery.For(Schedule, ScheduledFor, memberTimeZoneId, OpenedAt);
}

/// <summary>The round that an opening created (or found, when the same occurrence was opened before).</summary>
public sealed record OpenedRound(Guid RoundId);

/// <summary>
/// The round slice's use cases, implemented by <see cref="RoundLifecycle"/> (registered by <see cref="RoundsSetup.AddRounds"/>,
/// part of AddDialogs). Scheduling's Quartz jobs (open, remind, close) call them when a trigger fires, and the slice's own
/// <see cref="RoundControl"/> opens a "pulse now" round with them.
/// Every method must be idempotent: a job can run twice for the same occurrence (recovery after a crash, a
/// misfire racing a manual trigger), and a clustered scheduler guarantees one firing, not one effect.
/// </summary>
public interface IRoundLifecycle
{
    /// <summary>
    /// Opens the round for (AllianceId, ScheduledFor) and enqueues one outbox message per active member with
    /// NotBefore = <see cref="RoundOpening.DeliveryFor"/>. Returns the existing round when this occurrence was
    /// opened already, and null when nothing is to be opened (alliance archived, no members): then no reminders or
    /// close are scheduled.
    /// </summary>
    Task<OpenedRound?> OpenRoundAsync(RoundOpening opening, CancellationToken cancellationToken);

    /// <summary>Enqueues reminder <paramref name="reminderNumber"/> (1-based) to members who have not answered and did not opt out.</summary>
    Task SendRemindersAsync(Guid roundId, int reminderNumber, CancellationToken cancellationToken);

    /// <summary>Closes the round, computes its result and enqueues the managers' cards; a closed round stays closed.</summary>
    Task CloseRoundAsync(Guid roundId, CancellationToken cancellationToken);
}
