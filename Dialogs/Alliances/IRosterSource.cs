using AllianceBot.Data.Members;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>
/// One person on a team's or group chat's roster. <see cref="Reference"/> has no conversation id: the 1:1 chat is
/// created proactively when the first pulse goes out (Teams: same tenant, app installed there).
/// </summary>
public sealed record RosterEntry(ConversationReference Reference, string? Name);

public enum RosterStatus
{
    Ok,

    /// <summary>The conversation is a personal chat: there is no roster to import.</summary>
    NotAGroup,

    /// <summary>The channel could not give the roster (throttled, bot removed, ...): try again later.</summary>
    Failed,
}

public sealed record Roster(RosterStatus Status, IReadOnlyList<RosterEntry> Entries)
{
    public static Roster Failure(RosterStatus status) => new(status, []);
}

/// <summary>
/// Port: the members of the team or group chat a turn came from. One implementation per channel that has rosters
/// (Teams: <c>GET /v3/conversations/{id}/pagedmembers</c>, every page); a channel without one (Slack) is not supported.
/// </summary>
public interface IRosterSource
{
    /// <summary>The channel this source reads rosters from ("msteams").</summary>
    string Channel { get; }

    Task<Roster> GetRosterAsync(ConversationReference conversation, CancellationToken cancellationToken);
}
