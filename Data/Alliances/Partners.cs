using System.Data.Common;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Alliances;

public static class PartnersUseCase
{
    public static Task<Partner> AddPartnerAsync(this Database database, Guid allianceId, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partnerName = Guard.Text(name, "Partner name", Guard.NameLength);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await GetAllianceUseCase.RequireAsync(connection, transaction, allianceId, cancellationToken);
            var existing = await FindByNameAsync(connection, transaction, allianceId, partnerName, cancellationToken);
            return existing is not null
                ? throw new StorageException(StorageErrorKind.Conflict, $"The alliance already has a partner called '{existing.Name}'.")
                : await InsertPartnerAsync(connection, transaction, allianceId, partnerName, now, cancellationToken);
        }, cancellationToken);
    }

    public static Task<IReadOnlyList<Partner>> ListPartnersAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.CachedAsync("partners", allianceId, () => database.ReadAsync(async connection => (IReadOnlyList<Partner>)(await connection.ListAsync<PartnerRow>(
            "SELECT id, alliance_id, name, created_at FROM partners WHERE alliance_id = @allianceId ORDER BY created_at, name",
            new { allianceId }, null, cancellationToken)).Select(r => r.ToPartner()).ToList().AsReadOnly(), cancellationToken));

    internal static async Task<Partner> InsertPartnerAsync(DbConnection connection, DbTransaction transaction, Guid allianceId, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partner = new Partner(Guid.NewGuid(), allianceId, name, now);
        await connection.ExecAsync("INSERT INTO partners (id, alliance_id, name, created_at) VALUES (@Id, @AllianceId, @Name, @CreatedAt)", partner, transaction, cancellationToken);
        return partner;
    }

    private static async Task<Partner?> FindByNameAsync(DbConnection connection, DbTransaction transaction, Guid allianceId, string name, CancellationToken cancellationToken)
    {
        var rows = await connection.ListAsync<PartnerRow>("SELECT id, alliance_id, name, created_at FROM partners WHERE alliance_id = @allianceId",
            new { allianceId }, transaction, cancellationToken);
        return rows.Select(r => r.ToPartner()).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class PartnerRow
    {
        public Guid Id { get; set; }
        public Guid AllianceId { get; set; }
        public string Name { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }

        public Partner ToPartner() => new(Id, AllianceId, Name, CreatedAt);
    }
}
