using AllianceBot.Data.Storage;
using AllianceBot.Trust;

namespace AllianceBot.Data.Members;

/// <summary>One alliance a person belongs to, with their role and partner (for "my alliances" and routing).</summary>
public sealed record MyAlliance(Guid AllianceId, string AllianceName, Phase Phase, bool IsDemo, Guid MemberId, MemberRole Role, Guid PartnerId, string PartnerName);

public static class FindMembershipUseCase
{
    /// <summary>The person's active membership of the alliance, or null.</summary>
    public static Task<Member?> FindMembershipAsync(this Database database, Guid allianceId, MemberIdentity identity, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        if (database.PersonOfTurn(id) is { } person)
        {
            return Task.FromResult(person.Members.FirstOrDefault(m => m.AllianceId == allianceId));
        }

        return database.CachedAsync("membership", (allianceId, id), () => database.ReadAsync(async connection => (await connection.OneOrDefaultAsync<MemberRow>($"""
            SELECT {MemberRow.Columns} FROM members m JOIN contacts c ON c.id = m.contact_id
            WHERE m.alliance_id = @allianceId AND c.channel = @Channel AND c.tenant_id = @TenantId AND c.user_id = @UserId
              AND m.removed_at IS NULL
            """, new { allianceId, id.Channel, id.TenantId, id.UserId }, null, cancellationToken))?.ToMember(), cancellationToken));
    }

    public static Task<Member?> GetMemberAsync(this Database database, Guid memberId, CancellationToken cancellationToken) =>
        database.MemberOfTurnPerson(memberId) is { } member ? Task.FromResult<Member?>(member) : database.CachedAsync("member", memberId, () => database.ReadAsync(async connection => (await connection.OneOrDefaultAsync<MemberRow>(
            $"SELECT {MemberRow.Columns} FROM members m WHERE m.id = @memberId", new { memberId }, null, cancellationToken))?.ToMember(), cancellationToken));

    /// <summary>Every alliance the identity is an active member of, by name.</summary>
    public static Task<IReadOnlyList<MyAlliance>> ListMyAlliancesAsync(this Database database, MemberIdentity identity, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        if (database.PersonOfTurn(id) is { } person)
        {
            return Task.FromResult(person.Alliances);
        }

        return database.CachedAsync("my-alliances", id, () => database.ReadAsync(async connection =>
        {
            var rows = await connection.ListAsync<MyAllianceRow>("""
                SELECT a.id AS alliance_id, a.name AS alliance_name, a.phase, a.is_demo, m.id AS member_id, m.role,
                       p.id AS partner_id, p.name AS partner_name
                FROM contacts c
                JOIN members m ON m.contact_id = c.id
                JOIN alliances a ON a.id = m.alliance_id
                JOIN partners p ON p.id = m.partner_id
                WHERE c.channel = @Channel AND c.tenant_id = @TenantId AND c.user_id = @UserId AND m.removed_at IS NULL
                ORDER BY a.name, a.id
                """, id, null, cancellationToken);
            return (IReadOnlyList<MyAlliance>)rows.Select(r => new MyAlliance(r.AllianceId, r.AllianceName, (Phase)r.Phase, r.IsDemo, r.MemberId,
                string.Equals(r.Role, "manager", StringComparison.Ordinal) ? MemberRole.Manager : MemberRole.Member, r.PartnerId, r.PartnerName)).ToList().AsReadOnly();
        }, cancellationToken));
    }

    private sealed class MyAllianceRow
    {
        public Guid AllianceId { get; set; }
        public string AllianceName { get; set; } = "";
        public int Phase { get; set; }
        public bool IsDemo { get; set; }
        public Guid MemberId { get; set; }
        public string Role { get; set; } = "";
        public Guid PartnerId { get; set; }
        public string PartnerName { get; set; } = "";
    }
}
