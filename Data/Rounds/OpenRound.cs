using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Rounds;

/// <summary>
/// SlotKey names the scheduled slot ("2026-12" for the December round): two instances firing the same trigger open
/// one round, the second gets the first one's round back with Created = false.
/// </summary>
public sealed record NewRound(Guid AllianceId, string SlotKey, RoundKind Kind, string ItemsJson, DateTimeOffset OpenedAt, DateTimeOffset ClosesAt);

public sealed record OpenedRound(Round Round, bool Created);

public static class OpenRoundUseCase
{
    // The next number is computed in the same statement; a unique key on (alliance, slot) makes it idempotent.
    private const string Insert = """
        INSERT INTO rounds (id, alliance_id, number, slot_key, kind, items_json, opened_at, closes_at, closed_at, result_json, invited_count)
        SELECT @Id, @AllianceId, COALESCE(MAX(number), 0) + 1, @SlotKey, @Kind, @ItemsJson, @OpenedAt, @ClosesAt, NULL, NULL, 0
        FROM rounds WHERE alliance_id = @AllianceId
        """;

    private const string InsertSqlServer = """
        INSERT INTO rounds (id, alliance_id, number, slot_key, kind, items_json, opened_at, closes_at, closed_at, result_json, invited_count)
        SELECT @Id, @AllianceId, COALESCE(MAX(number), 0) + 1, @SlotKey, @Kind, @ItemsJson, @OpenedAt, @ClosesAt, NULL, NULL, 0
        FROM rounds WITH (UPDLOCK, HOLDLOCK) WHERE alliance_id = @AllianceId
        """;

    public static async Task<OpenedRound> OpenRoundAsync(this Database database, NewRound request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new
        {
            Id = Guid.NewGuid(),
            request.AllianceId,
            SlotKey = Guard.Text(request.SlotKey, "Slot key", Guard.NameLength),
            Kind = RoundRow.KindText(request.Kind),
            ItemsJson = Guard.Text(request.ItemsJson, "Items", 100_000),
            request.OpenedAt,
            ClosesAt = request.ClosesAt > request.OpenedAt ? request.ClosesAt : throw StorageException.Invalid("A round must close after it opens."),
        };
        var sql = Sql.InsertIgnore(database.Provider, database.Provider == StorageProvider.SqlServer ? InsertSqlServer : Insert);

        // A concurrent round of another slot can take the same number; then the insert is skipped and we try again.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var opened = await database.InTransactionAsync(async (connection, transaction) =>
            {
                if (await Alliances.GetAllianceUseCase.FindAsync(connection, transaction, request.AllianceId, cancellationToken) is null)
                {
                    throw StorageException.NotFound("Alliance", request.AllianceId);
                }

                var inserted = await connection.ExecAsync(sql, parameters, transaction, cancellationToken) > 0;
                var round = await connection.OneOrDefaultAsync<RoundRow>($"SELECT {RoundRow.Columns} FROM rounds r WHERE r.alliance_id = @AllianceId AND r.slot_key = @SlotKey",
                    parameters, transaction, cancellationToken);
                return round is null ? null : new OpenedRound(round.ToRound(), inserted);
            }, cancellationToken);
            if (opened is not null)
            {
                return opened;
            }
        }

        throw new StorageException(StorageErrorKind.Conflict, $"Could not open round {parameters.SlotKey}: other rounds kept taking its number.");
    }

    /// <summary>How many members the round went to (for participation); set by the scheduler after fan-out.</summary>
    public static Task SetInvitedCountAsync(this Database database, Guid roundId, int invited, CancellationToken cancellationToken)
    {
        Guard.Range(invited, "Invited count", 0, 1_000_000);
        return database.RunAsync(async connection =>
        {
            var changed = await connection.ExecAsync("UPDATE rounds SET invited_count = @invited WHERE id = @roundId", new { roundId, invited }, null, cancellationToken);
            return changed == 1 ? changed : throw StorageException.NotFound("Round", roundId);
        }, cancellationToken);
    }
}
