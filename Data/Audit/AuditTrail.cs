using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Audit;

/// <summary>
/// A manager action. ActorId is the manager's contact id; SubjectMemberId the member acted upon, if any. Keep ids and
/// names out of DetailJson: "forget me" nulls ActorId and deletes entries about the subject, but cannot parse details.
/// </summary>
public sealed record AuditEntry(Guid AllianceId, Guid? ActorId, string Action, string? DetailJson, DateTimeOffset At, Guid? SubjectMemberId = null);

public static class AuditTrailUseCase
{
    public static Task RecordAuditAsync(this Database database, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new
        {
            Id = Guid.NewGuid(),
            entry.AllianceId,
            entry.ActorId,
            entry.SubjectMemberId,
            Action = Guard.Text(entry.Action, "Action", 64),
            DetailJson = Guard.OptionalText(entry.DetailJson, "Detail", 100_000),
            entry.At,
        };
        return database.RunAsync(connection => connection.ExecAsync("""
            INSERT INTO audit_log (id, alliance_id, actor_id, subject_member_id, action, detail_json, acted_at)
            VALUES (@Id, @AllianceId, @ActorId, @SubjectMemberId, @Action, @DetailJson, @At)
            """, row, null, cancellationToken), cancellationToken);
    }

    /// <summary>Newest first.</summary>
    public static Task<IReadOnlyList<AuditEntry>> ListAuditAsync(this Database database, Guid allianceId, int max, CancellationToken cancellationToken)
    {
        Guard.Range(max, "Count", 1, 10_000);
        return database.RunAsync(async connection => (IReadOnlyList<AuditEntry>)(await connection.ListAsync<AuditRow>(
                "SELECT alliance_id, actor_id, subject_member_id, action, detail_json, acted_at FROM audit_log WHERE alliance_id = @allianceId ORDER BY acted_at DESC",
                new { allianceId }, null, cancellationToken))
            .Take(max).Select(r => new AuditEntry(r.AllianceId, r.ActorId, r.Action, r.DetailJson, r.ActedAt, r.SubjectMemberId)).ToList(), cancellationToken);
    }

    private sealed class AuditRow
    {
        public Guid AllianceId { get; set; }
        public Guid? ActorId { get; set; }
        public Guid? SubjectMemberId { get; set; }
        public string Action { get; set; } = "";
        public string? DetailJson { get; set; }
        public DateTimeOffset ActedAt { get; set; }
    }
}
