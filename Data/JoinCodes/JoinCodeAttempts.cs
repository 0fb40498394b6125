using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.JoinCodes;

/// <summary>Failed code entries per identity, persisted so guessing limits survive restarts and span instances.</summary>
public static class JoinCodeAttemptsUseCase
{
    /// <summary>Records one failed attempt and returns how many the identity made since <paramref name="windowStart"/>.</summary>
    public static Task<int> RecordFailedJoinAttemptAsync(this Database database, MemberIdentity identity, DateTimeOffset now, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecAsync("INSERT INTO join_code_failures (id, channel, tenant_id, user_id, failed_at) VALUES (@Id, @Channel, @TenantId, @UserId, @now)",
                new { Id = Guid.NewGuid(), id.Channel, id.TenantId, id.UserId, now }, transaction, cancellationToken);
            return await CountAsync(connection, transaction, id, windowStart, cancellationToken);
        }, cancellationToken);
    }

    public static Task<int> CountFailedJoinAttemptsAsync(this Database database, MemberIdentity identity, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        return database.RunAsync(connection => CountAsync(connection, null, id, windowStart, cancellationToken), cancellationToken);
    }

    private static Task<int> CountAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, MemberIdentity id, DateTimeOffset since, CancellationToken cancellationToken) =>
        connection.ScalarAsync<int>(
            "SELECT COUNT(*) FROM join_code_failures WHERE channel = @Channel AND tenant_id = @TenantId AND user_id = @UserId AND failed_at >= @since",
            new { id.Channel, id.TenantId, id.UserId, since }, transaction, cancellationToken);
}
