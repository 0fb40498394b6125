using AllianceBot.Data.Members;
using AllianceBot.Data.Rooms;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Dialogs.Access;

/// <summary>Who will read this turn's answer where it was asked.</summary>
public enum Readers
{
    /// <summary>Only the asker: a personal chat, or the answer goes there.</summary>
    Asker,

    /// <summary>A room linked to the alliance for its members.</summary>
    AllianceMembers,

    /// <summary>A room linked for the alliance's managers, or whose roster holds only its managers.</summary>
    AllianceManagers,

    /// <summary>Whoever is in the room: only for answers about nobody and no alliance.</summary>
    Anyone,
}

/// <summary>
/// Decided before a handler runs: who reads the answer, and the alliance the room is linked to (a command typed there
/// is about that alliance). After the handler, an answer about another alliance than the room's goes privately too.
/// </summary>
public sealed record AudienceDecision(Readers Readers, Guid? RoomAlliance)
{
    public static AudienceDecision Asker { get; } = new(Readers.Asker, null);
}

/// <summary>Port: decides who reads an answer in the conversation a turn came from.</summary>
public interface IRoomAudience
{
    Task<AudienceDecision> DecideAsync(Turn turn, Audience audience, CancellationToken cancellationToken);
}

/// <summary>Without storage no room can be linked: in a group chat or channel only answers for anyone stay there.</summary>
public sealed class NoRoomLinks : IRoomAudience
{
    public Task<AudienceDecision> DecideAsync(Turn turn, Audience audience, CancellationToken cancellationToken) =>
        Task.FromResult(!turn.IsShared ? AudienceDecision.Asker
            : audience == Audience.Anyone ? new AudienceDecision(Readers.Anyone, null)
            : AudienceDecision.Asker);
}

/// <summary>
/// The rule, with the room links from the database and the channel's roster:
/// <list type="bullet">
/// <item>personal chat: the asker;</item>
/// <item>answers for anyone: the room;</item>
/// <item>personal answers: the asker, always;</item>
/// <item>member views: the room only when a manager linked it to the alliance;</item>
/// <item>manager views: the room only when it is linked for managers, or linked and every person on its roster is a
/// manager of that alliance (Teams rosters; a channel without one, Slack, gets the answer privately).</item>
/// </list>
/// </summary>
public sealed class StoredRoomAudience(Database database, IEnumerable<IRosterSource> rosters) : IRoomAudience
{
    /// <summary>A bigger room is not checked person by person: manager views go privately there.</summary>
    public const int MaxRosterToCheck = 50;

    public async Task<AudienceDecision> DecideAsync(Turn turn, Audience audience, CancellationToken cancellationToken)
    {
        if (!turn.IsShared)
        {
            return AudienceDecision.Asker;
        }

        var link = await database.FindRoomLinkAsync(turn.From.Channel, turn.From.TenantId, turn.RoomId, cancellationToken);
        var room = link?.AllianceId;
        return audience switch
        {
            Audience.Anyone => new AudienceDecision(Readers.Anyone, room),
            Audience.Personal => new AudienceDecision(Readers.Asker, room),
            Audience.Member when link is not null =>
                new AudienceDecision(link.Audience == RoomAudience.Managers ? Readers.AllianceManagers : Readers.AllianceMembers, room),
            Audience.Manager when link is not null && (link.Audience == RoomAudience.Managers || await OnlyManagersAsync(turn, link.AllianceId, cancellationToken)) =>
                new AudienceDecision(Readers.AllianceManagers, room),
            _ => new AudienceDecision(Readers.Asker, room),
        };
    }

    private async Task<bool> OnlyManagersAsync(Turn turn, Guid allianceId, CancellationToken cancellationToken)
    {
        var source = rosters.FirstOrDefault(r => string.Equals(r.Channel, turn.From.Channel, StringComparison.Ordinal));
        if (source is null)
        {
            return false;
        }

        var roster = await source.GetRosterAsync(turn.Conversation, cancellationToken);
        if (roster.Status != RosterStatus.Ok || roster.Entries.Count is 0 or > MaxRosterToCheck)
        {
            return false;
        }

        foreach (var entry in roster.Entries)
        {
            var member = await database.FindMembershipAsync(allianceId, entry.Reference.Identity, cancellationToken);
            if (member?.Role != MemberRole.Manager)
            {
                return false;
            }
        }

        return true;
    }
}
