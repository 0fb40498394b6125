using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>A member of an alliance with the name their channel reported (for "remove NAME", never for results).</summary>
public sealed record MemberEntry(Guid MemberId, Guid PartnerId, MemberRole Role, Guid ContactId, string Name, bool Reachable);

/// <summary>
/// Who is who in an alliance: records the person behind a turn as a contact (so they can become a member and be
/// reached proactively), lists members with their names, and finds members by name within one partner side.
/// </summary>
public sealed class AllianceDirectory(Database database, TimeProvider time)
{
    private readonly ContactStore contacts = new(database);

    /// <summary>
    /// Upserts the sender's contact. Only a personal chat's conversation id is kept: proactive pulses go 1:1, and a
    /// group or channel id would otherwise overwrite the personal one.
    /// </summary>
    public Task<Contact> RecordAsync(Turn turn, CancellationToken cancellationToken)
    {
        var reference = turn.ConversationKind == ConversationKind.Personal ? turn.Conversation : turn.Conversation with { ConversationId = null };
        return contacts.RecordSightingAsync(new ContactSighting(reference, turn.DisplayName, turn.Locale, turn.TimeZone, time.GetUtcNow()), cancellationToken);
    }

    public Task<Contact> RecordAsync(ContactSighting sighting, CancellationToken cancellationToken) =>
        contacts.RecordSightingAsync(sighting, cancellationToken);

    public Task<Contact?> ContactAsync(Guid contactId, CancellationToken cancellationToken) => contacts.GetAsync(contactId, cancellationToken);

    public async Task<IReadOnlyList<MemberEntry>> MembersAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        var list = new List<MemberEntry>();
        foreach (var member in await database.ListRoundMembersAsync(allianceId, cancellationToken))
        {
            var contact = await contacts.GetAsync(member.ContactId, cancellationToken);
            list.Add(new MemberEntry(member.MemberId, member.PartnerId, member.Role, member.ContactId,
                contact?.DisplayName ?? member.Reference.UserId, member.Reachable));
        }

        return list;
    }

    /// <summary>
    /// Members of one partner side whose name matches: the exact name (ignoring case) wins; otherwise every member
    /// whose name contains each typed word. Several hits mean the caller asks which one.
    /// </summary>
    public async Task<IReadOnlyList<MemberEntry>> FindByNameAsync(Guid allianceId, Guid partnerId, string typed, CancellationToken cancellationToken)
    {
        var side = (await MembersAsync(allianceId, cancellationToken)).Where(m => m.PartnerId == partnerId).ToList();
        return NameMatch.Find(side, typed);
    }
}

/// <summary>Pure name matching for "remove/promote/demote NAME".</summary>
public static class NameMatch
{
    public static IReadOnlyList<MemberEntry> Find(IReadOnlyList<MemberEntry> members, string typed)
    {
        var wanted = typed.Trim().Trim('"', '\'', '“', '”');
        if (wanted.Length == 0)
        {
            return [];
        }

        var exact = members.Where(m => string.Equals(m.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count > 0)
        {
            return exact;
        }

        var words = wanted.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return members.Where(m => words.All(w => m.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
