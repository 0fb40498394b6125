using System.Data.Common;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Alliances;

public static class GetAllianceUseCase
{
    private const string Select = $"SELECT {AllianceRow.Columns} FROM alliances a WHERE a.id = @allianceId";

    public static Task<Alliance?> GetAllianceAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.CachedAsync("alliance", allianceId, () => database.ReadAsync(connection => FindAsync(connection, null, allianceId, cancellationToken), cancellationToken));

    internal static async Task<Alliance?> FindAsync(DbConnection connection, DbTransaction? transaction, Guid allianceId, CancellationToken cancellationToken) =>
        (await connection.OneOrDefaultAsync<AllianceRow>(Select, new { allianceId }, transaction, cancellationToken))?.ToAlliance();

    internal static async Task<Alliance> RequireAsync(DbConnection connection, DbTransaction? transaction, Guid allianceId, CancellationToken cancellationToken) =>
        await FindAsync(connection, transaction, allianceId, cancellationToken) ?? throw StorageException.NotFound("Alliance", allianceId);

    /// <summary>Runs an UPDATE on one alliance and re-reads it; an unknown id is a NotFound error.</summary>
    internal static Task<Alliance> UpdateAsync(Database database, Guid allianceId, string sql, object parameters, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecAsync(sql, parameters, transaction, cancellationToken);
            return changed == 0 ? throw StorageException.NotFound("Alliance", allianceId) : await RequireAsync(connection, transaction, allianceId, cancellationToken);
        }, cancellationToken);
}
