using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Privacy;

public static class DeleteAllianceUseCase
{
    // Children first. The schema has no ON DELETE CASCADE (SQL Server refuses multiple cascade paths), so this list
    // is the cascade; the tests check that no table keeps a row of a deleted alliance.
    private static readonly string[] Statements =
    [
        "DELETE FROM comments WHERE round_id IN (SELECT id FROM rounds WHERE alliance_id = @allianceId)",
        "DELETE FROM dont_know_answers WHERE round_id IN (SELECT id FROM rounds WHERE alliance_id = @allianceId)",
        "DELETE FROM responses WHERE round_id IN (SELECT id FROM rounds WHERE alliance_id = @allianceId)",
        "DELETE FROM alerts_sent WHERE alliance_id = @allianceId",
        "DELETE FROM outbox WHERE alliance_id = @allianceId OR round_id IN (SELECT id FROM rounds WHERE alliance_id = @allianceId)",
        "DELETE FROM audit_log WHERE alliance_id = @allianceId",
        "DELETE FROM commitments WHERE alliance_id = @allianceId",
        "DELETE FROM join_codes WHERE alliance_id = @allianceId",
        "DELETE FROM room_links WHERE alliance_id = @allianceId",
        "DELETE FROM alliance_phases WHERE alliance_id = @allianceId",
        "DELETE FROM round_snapshots WHERE round_id IN (SELECT id FROM rounds WHERE alliance_id = @allianceId)",
        "DELETE FROM k_confirmations WHERE proposal_id IN (SELECT id FROM k_proposals WHERE alliance_id = @allianceId)",
        "DELETE FROM k_proposals WHERE alliance_id = @allianceId",
        "DELETE FROM rounds WHERE alliance_id = @allianceId",
        "DELETE FROM members WHERE alliance_id = @allianceId",
        "DELETE FROM partners WHERE alliance_id = @allianceId",
    ];

    /// <summary>Deletes the alliance and everything in it. Contacts stay: they are shared with the person's other alliances.</summary>
    public static Task DeleteAllianceAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var statement in Statements)
            {
                await connection.ExecAsync(statement, new { allianceId }, transaction, cancellationToken);
            }

            var deleted = await connection.ExecAsync("DELETE FROM alliances WHERE id = @allianceId", new { allianceId }, transaction, cancellationToken);
            return deleted == 1 ? deleted : throw StorageException.NotFound("Alliance", allianceId);
        }, cancellationToken);
}
