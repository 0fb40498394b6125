using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Outbox;

public static class AlertsSentUseCase
{
    /// <summary>True the first time an alert of this kind is recorded for the round; false when it was already sent.</summary>
    public static Task<bool> TryRecordAlertAsync(this Database database, Guid allianceId, Guid roundId, string kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var alertKind = Guard.Text(kind, "Alert kind", 32);
        var sql = Sql.InsertIgnore(database.Provider, "INSERT INTO alerts_sent (id, alliance_id, round_id, kind, sent_at) VALUES (@Id, @allianceId, @roundId, @alertKind, @now)");
        return database.RunAsync(async connection =>
            await connection.ExecAsync(sql, new { Id = Guid.NewGuid(), allianceId, roundId, alertKind, now }, null, cancellationToken) > 0, cancellationToken);
    }
}
