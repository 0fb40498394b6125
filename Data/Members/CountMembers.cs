using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Members;

/// <summary>How many active members a partner has and how many of them can be reached. Never who answered.</summary>
public sealed record PartnerHeadcount(Guid PartnerId, string PartnerName, int Members, int Reachable);

public static class CountMembersUseCase
{
    public static Task<IReadOnlyList<PartnerHeadcount>> CountMembersAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => (IReadOnlyList<PartnerHeadcount>)(await connection.ListAsync<CountRow>("""
                SELECT p.id AS partner_id, p.name AS partner_name,
                       COUNT(m.id) AS members,
                       SUM(CASE WHEN c.reachable = @yes THEN 1 ELSE 0 END) AS reachable
                FROM partners p
                LEFT JOIN members m ON m.partner_id = p.id AND m.removed_at IS NULL
                LEFT JOIN contacts c ON c.id = m.contact_id
                WHERE p.alliance_id = @allianceId
                GROUP BY p.id, p.name
                ORDER BY p.name
                """, new { allianceId, yes = true }, null, cancellationToken))
            .Select(r => new PartnerHeadcount(r.PartnerId, r.PartnerName, (int)r.Members, (int)(r.Reachable ?? 0))).ToList(), cancellationToken);

    private sealed class CountRow
    {
        public Guid PartnerId { get; set; }
        public string PartnerName { get; set; } = "";
        public long Members { get; set; }
        public long? Reachable { get; set; }
    }
}
