using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.DialogStates;

/// <summary>Resumable guided dialogs: one JSON state per (identity, dialog), gone after it expires.</summary>
public static class DialogStateUseCase
{
    private const string UpsertStandard = """
        INSERT INTO dialog_states (channel, tenant_id, user_id, dialog, state_json, updated_at, expires_at)
        VALUES (@Channel, @TenantId, @UserId, @Dialog, @StateJson, @Now, @ExpiresAt)
        ON CONFLICT (channel, tenant_id, user_id, dialog) DO UPDATE SET
            state_json = excluded.state_json, updated_at = excluded.updated_at, expires_at = excluded.expires_at
        """;

    private const string UpsertSqlServer = """
        MERGE dialog_states WITH (HOLDLOCK) AS t
        USING (SELECT @Channel AS channel, @TenantId AS tenant_id, @UserId AS user_id, @Dialog AS dialog) AS s
            ON t.channel = s.channel AND t.tenant_id = s.tenant_id AND t.user_id = s.user_id AND t.dialog = s.dialog
        WHEN MATCHED THEN UPDATE SET state_json = @StateJson, updated_at = @Now, expires_at = @ExpiresAt
        WHEN NOT MATCHED THEN INSERT (channel, tenant_id, user_id, dialog, state_json, updated_at, expires_at)
            VALUES (@Channel, @TenantId, @UserId, @Dialog, @StateJson, @Now, @ExpiresAt);
        """;

    private const string Key = "channel = @Channel AND tenant_id = @TenantId AND user_id = @UserId AND dialog = @Dialog";

    public static Task SaveDialogStateAsync(this Database database, MemberIdentity identity, string dialog, string stateJson, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        var row = new
        {
            id.Channel, id.TenantId, id.UserId,
            Dialog = Guard.Text(dialog, "Dialog", 64),
            StateJson = Guard.Text(stateJson, "Dialog state", 100_000),
            Now = now,
            ExpiresAt = expiresAt > now ? expiresAt : throw StorageException.Invalid("Dialog state must expire in the future."),
        };
        return database.RunAsync(connection => connection.ExecAsync(database.Provider == StorageProvider.SqlServer ? UpsertSqlServer : UpsertStandard,
            row, null, cancellationToken), cancellationToken);
    }

    public static Task DeleteDialogStateAsync(this Database database, MemberIdentity identity, string dialog, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        return database.RunAsync(connection => connection.ExecAsync($"DELETE FROM dialog_states WHERE {Key}",
            new { id.Channel, id.TenantId, id.UserId, Dialog = Guard.Text(dialog, "Dialog", 64) }, null, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Every unexpired dialog state of this person, most recently updated first. Every turn asks (is a guided dialog
    /// waiting for this person?) and almost always the answer is no: on SQLite the set of people with any stored state
    /// is kept (<see cref="LookupCache.DialogStatesKind"/>, stale on any change to the table), so only they are queried.
    /// </summary>
    public static async Task<IReadOnlyList<StoredDialogState>> ListDialogStatesAsync(this Database database, MemberIdentity identity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        if (database.PersonOfTurn(id)?.DialogStatesAt(now) is { } read)
        {
            // PostgreSQL: read with the sender's sighting in this turn, nothing written to dialog_states since.
            return read;
        }

        if (database.CachesLookups)
        {
            var holders = await database.CachedAsync(LookupCache.DialogStatesKind, "", () => database.ReadAsync(async connection =>
                (await connection.ListAsync<(string Channel, string TenantId, string UserId)>(
                    "SELECT DISTINCT channel, tenant_id, user_id FROM dialog_states", null, null, cancellationToken)).ToHashSet(), cancellationToken));
            if (!holders.Contains((id.Channel, id.TenantId, id.UserId)))
            {
                return [];
            }
        }

        return await database.ReadAsync(async connection => (IReadOnlyList<StoredDialogState>)(await connection.ListAsync<StoredDialogState>("""
            SELECT dialog AS Dialog, state_json AS StateJson, updated_at AS UpdatedAt, expires_at AS ExpiresAt
            FROM dialog_states
            WHERE channel = @Channel AND tenant_id = @TenantId AND user_id = @UserId AND expires_at > @now
            ORDER BY updated_at DESC
            """, new { id.Channel, id.TenantId, id.UserId, now }, null, cancellationToken)).ToList(), cancellationToken);
    }
}

/// <summary>One stored guided-dialog state.</summary>
public sealed class StoredDialogState
{
    public string Dialog { get; set; } = "";

    public string StateJson { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
