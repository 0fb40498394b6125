using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Privacy;

public sealed record RetentionPolicy(int RoundMonths = 36, int InboundDays = 7, int FinishedOutboxDays = 30, int JoinFailureDays = 30);

public sealed record PruneReport(int Rounds, int InboundDeliveries, int OutboxMessages, int JoinFailures, int DialogStates);

public static class PruneRetentionUseCase
{
    private static readonly string[] RoundStatements =
    [
        "DELETE FROM comments WHERE round_id IN (SELECT id FROM rounds WHERE opened_at < @roundsBefore)",
        "DELETE FROM dont_know_answers WHERE round_id IN (SELECT id FROM rounds WHERE opened_at < @roundsBefore)",
        "DELETE FROM responses WHERE round_id IN (SELECT id FROM rounds WHERE opened_at < @roundsBefore)",
        "DELETE FROM round_snapshots WHERE round_id IN (SELECT id FROM rounds WHERE opened_at < @roundsBefore)",
        "DELETE FROM alerts_sent WHERE round_id IN (SELECT id FROM rounds WHERE opened_at < @roundsBefore)",
        "DELETE FROM outbox WHERE round_id IN (SELECT id FROM rounds WHERE opened_at < @roundsBefore)",
    ];

    /// <summary>Deletes rounds (with answers, comments, alerts) opened before the retention age, and expired bookkeeping.</summary>
    public static Task<PruneReport> PruneAsync(this Database database, RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var p = new
        {
            roundsBefore = now.AddMonths(-Guard.Range(policy.RoundMonths, "Retention months", 1, 1200)),
            inboundBefore = now.AddDays(-Guard.Range(policy.InboundDays, "Inbound retention days", 1, 365)),
            outboxBefore = now.AddDays(-Guard.Range(policy.FinishedOutboxDays, "Outbox retention days", 1, 3650)),
            failuresBefore = now.AddDays(-Guard.Range(policy.JoinFailureDays, "Join failure retention days", 1, 365)),
            now,
        };
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var statement in RoundStatements)
            {
                await connection.ExecAsync(statement, p, transaction, cancellationToken);
            }

            return new PruneReport(
                await connection.ExecAsync("DELETE FROM rounds WHERE opened_at < @roundsBefore", p, transaction, cancellationToken),
                await connection.ExecAsync("DELETE FROM inbound_deliveries WHERE seen_at < @inboundBefore", p, transaction, cancellationToken),
                await connection.ExecAsync("DELETE FROM outbox WHERE status IN ('sent', 'failed', 'unreachable') AND finished_at < @outboxBefore", p, transaction, cancellationToken),
                await connection.ExecAsync("DELETE FROM join_code_failures WHERE failed_at < @failuresBefore", p, transaction, cancellationToken),
                await connection.ExecAsync("DELETE FROM dialog_states WHERE expires_at <= @now", p, transaction, cancellationToken));
        }, cancellationToken);
    }
}
