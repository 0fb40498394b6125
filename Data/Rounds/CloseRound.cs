using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Rounds;

public enum CloseRoundOutcome
{
    Closed,

    /// <summary>Another instance closed it first; its stored result stands.</summary>
    AlreadyClosed,
}

public static class CloseRoundUseCase
{
    /// <summary>
    /// Closes the round, stores the computed result and freezes its snapshot under the k in force now (a confirmed
    /// lowering counts only once it is due), in one transaction; once closed, answers are refused and neither the
    /// result nor the snapshot ever changes.
    /// </summary>
    public static Task<CloseRoundOutcome> CloseRoundAsync(this Database database, Guid roundId, string resultJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = Guard.Text(resultJson, "Result", 1_000_000);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecAsync("UPDATE rounds SET closed_at = @now, result_json = @result WHERE id = @roundId AND closed_at IS NULL",
                new { roundId, now, result }, transaction, cancellationToken);
            if (changed == 1)
            {
                var round = (await RoundRow.FindAsync(connection, transaction, roundId, cancellationToken))!;
                var k = await Alliances.AnonymityThreshold.EffectiveKAsync(connection, transaction, round.AllianceId, now, cancellationToken);
                await RoundSnapshotsUseCase.FreezeAsync(connection, transaction, round, k, cancellationToken);
                return CloseRoundOutcome.Closed;
            }

            return await RoundRow.FindAsync(connection, transaction, roundId, cancellationToken) is null
                ? throw StorageException.NotFound("Round", roundId)
                : CloseRoundOutcome.AlreadyClosed;
        }, cancellationToken);
    }
}
