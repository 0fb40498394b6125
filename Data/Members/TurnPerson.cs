using AllianceBot.Data.DialogStates;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Members;

/// <summary>
/// PostgreSQL, inside a turn: what the turn's dialogs will ask about the person who sent it — their unexpired guided-dialog
/// states and their active memberships (with alliance and partner names) — read in the same round trip as their
/// contact sighting (<see cref="ContactStore.RecordSightingAsync"/>), in the turn's transaction. "My alliances",
/// "my membership of X", "member M" (one of theirs) and "my dialog states" are then answered from it instead of four
/// more round trips. It is dropped as soon as any statement writes to a table it was read from: the lookup tables
/// (members, alliances, partners, a contact deleted) or <c>dialog_states</c> (<see cref="LookupWrites"/> moves the
/// versions it was read at).
/// </summary>
internal sealed record TurnPerson(
    MemberIdentity Identity,
    DateTimeOffset ReadAt,
    (long Lookups, long DialogStates) Versions,
    IReadOnlyList<StoredDialogState> DialogStates,
    IReadOnlyList<MyAlliance> Alliances,
    IReadOnlyList<Member> Members)
{
    /// <summary>The person's memberships, active ones only, alliances by name (as ListMyAlliances orders them).</summary>
    public const string MembershipsSql = $"""
        SELECT {MemberRow.Columns}, a.name AS alliance_name, a.phase, a.is_demo, p.name AS partner_name
        FROM contacts c
        JOIN members m ON m.contact_id = c.id
        JOIN alliances a ON a.id = m.alliance_id
        JOIN partners p ON p.id = m.partner_id
        WHERE c.channel = @Channel AND c.tenant_id = @TenantId AND c.user_id = @UserId AND m.removed_at IS NULL
        ORDER BY a.name, a.id
        """;

    /// <summary>The person's dialog states unexpired at the sighting (a later "now" filters them further in memory).</summary>
    public const string DialogStatesSql = """
        SELECT dialog AS Dialog, state_json AS StateJson, updated_at AS UpdatedAt, expires_at AS ExpiresAt
        FROM dialog_states
        WHERE channel = @Channel AND tenant_id = @TenantId AND user_id = @UserId AND expires_at > @SeenAt
        ORDER BY updated_at DESC
        """;

    public static TurnPerson From(MemberIdentity identity, DateTimeOffset readAt, (long, long) versions, IEnumerable<StoredDialogState> states, IEnumerable<MembershipRow> rows)
    {
        var memberships = rows.ToList();
        return new TurnPerson(identity, readAt, versions, states.ToList(),
            memberships.Select(r => new MyAlliance(r.AllianceId, r.AllianceName, (AllianceBot.Trust.Phase)r.Phase, r.IsDemo, r.Id,
                r.ToMember().Role, r.PartnerId, r.PartnerName)).ToList().AsReadOnly(),
            memberships.Select(r => r.ToMember()).ToList());
    }

    /// <summary>The dialog states unexpired at <paramref name="now"/>; null when <paramref name="now"/> is before the read (ask the database).</summary>
    public IReadOnlyList<StoredDialogState>? DialogStatesAt(DateTimeOffset now) =>
        now < ReadAt ? null : DialogStates.Where(s => s.ExpiresAt > now).ToList();
}

/// <summary>A membership with its alliance and partner, as the sighting's batch reads it.</summary>
internal sealed class MembershipRow : MemberRow
{
    public string AllianceName { get; set; } = "";
    public int Phase { get; set; }
    public bool IsDemo { get; set; }
    public string PartnerName { get; set; } = "";
}
