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
    /// <summary>Closes the round and stores the computed result; once closed, answers are refused and the result never changes.</summary>
    public static Task<CloseRoundOutcome> CloseRoundAsync(this Database database, Guid roundId, string resultJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = Guard.Text(resultJson, "Result", 1_000_000);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecAsync("UPDATE rounds SET closed_at = @now, result_json = @result WHERE id = @roundId AND closed_at IS NULL",
                new { roundId, now, result }, transaction, cancellationToken);
            if (changed == 1)
            {
                return CloseRoundOutcome.Closed;
            }

            return await RoundRow.FindAsync(connection, transaction, roundId, cancellationToken) is null
                ? throw StorageException.NotFound("Round", roundId)
                : CloseRoundOutcome.AlreadyClosed;
        }, cancellationToken);
    }
}
