using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Outbox;

/// <summary>
/// The durable outbox. Claiming is safe with several bot instances: PostgreSQL skips rows another transaction has
/// locked (FOR UPDATE SKIP LOCKED), SQL Server reads past them (READPAST, UPDLOCK, ROWLOCK), SQLite has one writer
/// and claims inside an IMMEDIATE transaction. A claim is a lease: when it runs out (the instance died) the row is due again.
/// </summary>
public sealed class OutboxStore(Database database, OutboxSignal? signal = null) : IOutboxStore
{
    private const string Returned = "id, kind, alliance_id, round_id, member_id, channel, tenant_id, target, payload, attempts, next_attempt_at, status";

    private const string Due = """
        (status = 'pending' AND next_attempt_at <= @now) OR (status = 'claimed' AND claimed_until <= @now)
        """;

    private const string ClaimPostgres = $"""
        UPDATE outbox SET status = 'claimed', claimed_by = @instanceId, claimed_until = @until
        WHERE id IN (SELECT id FROM outbox WHERE {Due} ORDER BY next_attempt_at, created_at LIMIT @max FOR UPDATE SKIP LOCKED)
        RETURNING {Returned}
        """;

    private const string ClaimSqlServer = $"""
        WITH due AS (
            SELECT TOP (@max) * FROM outbox WITH (READPAST, UPDLOCK, ROWLOCK)
            WHERE {Due} ORDER BY next_attempt_at, created_at)
        UPDATE due SET status = 'claimed', claimed_by = @instanceId, claimed_until = @until
        OUTPUT inserted.id, inserted.kind, inserted.alliance_id, inserted.round_id, inserted.member_id, inserted.channel,
               inserted.tenant_id, inserted.target, inserted.payload, inserted.attempts, inserted.next_attempt_at, inserted.status;
        """;

    private const string ClaimSqlite = $"""
        UPDATE outbox SET status = 'claimed', claimed_by = @instanceId, claimed_until = @until
        WHERE id IN (SELECT id FROM outbox WHERE {Due} ORDER BY next_attempt_at, created_at LIMIT @max)
        RETURNING {Returned}
        """;

    private const string Insert = """
        INSERT INTO outbox (id, kind, alliance_id, round_id, member_id, channel, tenant_id, target, payload, status, attempts,
                            next_attempt_at, claimed_by, claimed_until, last_error, channel_message_id, deduplication_key, created_at, finished_at)
        VALUES (@Id, @Kind, @AllianceId, @RoundId, @MemberId, @Channel, @TenantId, @Target, @Payload, 'pending', 0,
                @NotBefore, NULL, NULL, NULL, NULL, @DeduplicationKey, @NotBefore, NULL)
        """;

    public async Task<int> EnqueueAsync(IReadOnlyCollection<NewOutboxMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var rows = messages.Select(m => new
        {
            Id = Guid.NewGuid(),
            Kind = Guard.Text(m.Kind, "Outbox kind", 32),
            m.AllianceId,
            m.RoundId,
            m.MemberId,
            Channel = Guard.Text(m.Channel, "Channel", Guard.ChannelLength),
            TenantId = Guard.Text(m.TenantId, "Tenant id", Guard.TenantLength),
            Target = Guard.Text(m.Target, "Target", 100_000),
            Payload = Guard.Text(m.Payload, "Payload", 1_000_000),
            m.NotBefore,
            DeduplicationKey = Guard.OptionalText(m.DeduplicationKey, "Deduplication key", Guard.KeyLength),
        }).ToList();
        var sql = Sql.InsertIgnore(database.Provider, Insert);
        var added = await database.InTransactionAsync(async (connection, transaction) =>
        {
            var count = 0;
            foreach (var row in rows)
            {
                count += Math.Max(0, await connection.ExecAsync(sql, row, transaction, cancellationToken));
            }

            return count;
        }, cancellationToken);
        if (added > 0 && signal is not null)
        {
            database.AfterCommit(signal.Raise);
        }

        return added;
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string instanceId, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            instanceId = Guard.Text(instanceId, "Instance id", Guard.KeyLength),
            max = Guard.Range(max, "Batch size", 1, 1000),
            now,
            until = now + (lease > TimeSpan.Zero ? lease : throw StorageException.Invalid("The claim lease must be positive.")),
        };
        var sql = database.Provider switch
        {
            StorageProvider.Postgres => ClaimPostgres,
            StorageProvider.SqlServer => ClaimSqlServer,
            _ => ClaimSqlite,
        };
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var rows = await connection.ListAsync<OutboxRow>(sql, parameters, transaction, cancellationToken);
            return (IReadOnlyList<OutboxMessage>)rows.OrderBy(r => r.NextAttemptAt).Select(r => r.ToMessage()).ToList();
        }, cancellationToken);
    }

    public Task MarkSentAsync(Guid id, string? channelMessageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync(id, """
            UPDATE outbox SET status = 'sent', channel_message_id = @channelMessageId, finished_at = @at, claimed_by = NULL, claimed_until = NULL
            WHERE id = @id
            """, new { id, channelMessageId = Guard.OptionalText(channelMessageId, "Channel message id", 500), at }, cancellationToken);

    public Task RescheduleAsync(Guid id, DateTimeOffset nextAttemptAt, int failedAttempts, string? error, CancellationToken cancellationToken) =>
        failedAttempts < 0
            ? throw StorageException.Invalid("Failed attempts cannot be negative.")
            : UpdateAsync(id, """
                UPDATE outbox SET status = 'pending', attempts = attempts + @failedAttempts, next_attempt_at = @nextAttemptAt, last_error = @error,
                                  claimed_by = NULL, claimed_until = NULL
                WHERE id = @id
                """, new { id, nextAttemptAt, failedAttempts, error = Truncate(error) }, cancellationToken);

    public Task MarkFinalAsync(Guid id, string status, string error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (status is not (OutboxStatus.Unreachable or OutboxStatus.Failed))
        {
            throw StorageException.Invalid($"Final outbox status must be '{OutboxStatus.Unreachable}' or '{OutboxStatus.Failed}', not '{status}'.");
        }

        return UpdateAsync(id, """
            UPDATE outbox SET status = @status, attempts = attempts + 1, last_error = @error, finished_at = @at, claimed_by = NULL, claimed_until = NULL
            WHERE id = @id
            """, new { id, status, error = Truncate(error), at }, cancellationToken);
    }

    /// <summary>The Teams/Slack id of a sent message, so a later card update (thank-you) can replace it.</summary>
    public Task<string?> FindSentMessageIdAsync(string deduplicationKey, CancellationToken cancellationToken) =>
        database.RunAsync(connection => connection.OneOrDefaultAsync<string?>(
            "SELECT channel_message_id FROM outbox WHERE deduplication_key = @deduplicationKey AND status = 'sent'",
            new { deduplicationKey }, null, cancellationToken), cancellationToken);

    private static string? Truncate(string? error) => error is { Length: > 4000 } ? error[..4000] : error;

    private Task UpdateAsync(Guid id, string sql, object parameters, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var changed = await connection.ExecAsync(sql, parameters, null, cancellationToken);
            return changed == 1 ? changed : throw StorageException.NotFound("Outbox message", id);
        }, cancellationToken);

    private sealed class OutboxRow
    {
        public Guid Id { get; set; }
        public string Kind { get; set; } = "";
        public Guid? AllianceId { get; set; }
        public Guid? RoundId { get; set; }
        public Guid? MemberId { get; set; }
        public string Channel { get; set; } = "";
        public string TenantId { get; set; } = "";
        public string Target { get; set; } = "";
        public string Payload { get; set; } = "";
        public int Attempts { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; }
        public string Status { get; set; } = "";

        public OutboxMessage ToMessage() => new(Id, Kind, AllianceId, RoundId, MemberId, Channel, TenantId, Target, Payload, Attempts, NextAttemptAt, Status);
    }
}
