using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Alliances;

public static class SetAnonymityUseCase
{
    /// <summary>
    /// Raises k (3–25, DESIGN.md §4) or sets the comment threshold (at least k); immediate, and it ends any pending
    /// lowering. A k below the one in force is refused: lowering goes through
    /// <see cref="AnonymityThreshold.RequestLowerAnonymityAsync"/> (every partner confirms, never retroactive).
    /// </summary>
    public static Task<Alliance> SetAnonymityAsync(this Database database, Guid allianceId, int anonymityK, int commentK, CancellationToken cancellationToken)
    {
        var (k, ck) = Check(anonymityK, commentK);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var now = DateTimeOffset.UtcNow;
            await AnonymityThreshold.EffectiveKAsync(connection, transaction, allianceId, now, cancellationToken);
            var current = await GetAllianceUseCase.RequireAsync(connection, transaction, allianceId, cancellationToken);
            if (k < current.AnonymityK)
            {
                throw StorageException.Invalid($"k {k} is lower than the k in force ({current.AnonymityK}): lowering k needs a manager of every partner to confirm.");
            }

            await connection.ExecAsync("UPDATE alliances SET anonymity_k = @k, comment_k = @ck WHERE id = @allianceId", new { allianceId, k, ck }, transaction, cancellationToken);
            await AnonymityThreshold.WithdrawPendingAsync(connection, transaction, allianceId, now, cancellationToken);
            return await GetAllianceUseCase.RequireAsync(connection, transaction, allianceId, cancellationToken);
        }, cancellationToken);
    }

    internal static (int K, int CommentK) Check(int anonymityK, int commentK)
    {
        var k = Guard.Range(anonymityK, "Anonymity threshold", AllianceDefaults.MinAnonymityK, AllianceDefaults.MaxAnonymityK);
        return (k, Guard.Range(commentK, "Comment threshold", k, AllianceDefaults.MaxCommentK));
    }
}
