namespace AllianceBot.Dialogs.Rounds;

/// <summary>The outcome of "pulse now": the round that is open now (new or already open), or why none was opened.</summary>
public sealed record RoundStart(bool Opened, Guid? RoundId, bool AlreadyOpen, string? Problem);

/// <summary>
/// The outcome of changing a schedule: the next opening in the alliance's time zone, or why not: <see cref="Problem"/>
/// is a <see cref="RoundStartProblems"/> code or a <c>ScheduleParseError</c> name, <see cref="Detail"/> the offending words.
/// </summary>
public sealed record ScheduleChange(bool Changed, DateTimeOffset? NextOpening, string? Problem)
{
    public string? Detail { get; init; }
}

/// <summary>
/// What dialogs ask of the round slice: a manager's "pulse now", a new alliance or a changed schedule. Implemented in
/// the slice (<see cref="RoundControl"/>), which asks Scheduling only to arm triggers (<see cref="IRoundTriggers"/>).
/// </summary>
public interface IRoundControl
{
    /// <summary>Opens a round now for every member (manager's "pulse now" / "ronde nu").</summary>
    Task<RoundStart> OpenNowAsync(Guid allianceId, CancellationToken cancellationToken);

    /// <summary>Validates and parses the schedule text (any catalog language), stores it on the alliance and re-arms its trigger.</summary>
    Task<ScheduleChange> ChangeScheduleAsync(Guid allianceId, string scheduleText, CancellationToken cancellationToken);

    /// <summary>Arms the trigger from the alliance's stored schedule (after it was created).</summary>
    Task<DateTimeOffset?> ScheduleAsync(Guid allianceId, CancellationToken cancellationToken);

    /// <summary>Stops future rounds (before the alliance is deleted).</summary>
    Task UnscheduleAsync(Guid allianceId, CancellationToken cancellationToken);
}

/// <summary>The <see cref="RoundStart.Problem"/> codes, for dialogs to explain in the manager's language.</summary>
public static class RoundStartProblems
{
    /// <summary>The alliance does not exist (any more).</summary>
    public const string NoAlliance = "no-alliance";

    /// <summary>The alliance has no active member who can be reached, so there is nobody to send a round to.</summary>
    public const string NoMembers = "no-members";
}
