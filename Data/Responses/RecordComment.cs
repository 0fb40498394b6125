using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Responses;

public static class RecordCommentUseCase
{
    private const string UpsertStandard = """
        INSERT INTO comments (id, round_id, partner_id, author_key, body, written_at)
        VALUES (@Id, @RoundId, @PartnerId, @AuthorKey, @Body, @Now)
        ON CONFLICT (round_id, author_key) DO UPDATE SET body = excluded.body, written_at = excluded.written_at
        WHERE comments.body <> excluded.body
        """;

    private const string UpsertSqlServer = """
        MERGE comments WITH (HOLDLOCK) AS t
        USING (SELECT @RoundId AS round_id, @AuthorKey AS author_key) AS s ON t.round_id = s.round_id AND t.author_key = s.author_key
        WHEN MATCHED AND t.body <> @Body THEN UPDATE SET body = @Body, written_at = @Now
        WHEN NOT MATCHED THEN INSERT (id, round_id, partner_id, author_key, body, written_at) VALUES (@Id, @RoundId, @PartnerId, @AuthorKey, @Body, @Now);
        """;

    internal static Task<int> UpsertAsync(Database database, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        Guid roundId, Guid partnerId, string authorKey, string body, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecAsync(database.Provider == StorageProvider.SqlServer ? UpsertSqlServer : UpsertStandard,
            new { Id = Guid.NewGuid(), RoundId = roundId, PartnerId = partnerId, AuthorKey = authorKey, Body = body, Now = now }, transaction, cancellationToken);

    /// <summary>Stores (or replaces) the member's one free-text comment on the round, unlinkable to them in any view.</summary>
    public static async Task<RecordOutcome> RecordCommentAsync(this Database database, Guid roundId, Guid memberId, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var body = Guard.Text(text, "Comment", Guard.CommentLength);
        var authorKey = await CommentKey.AuthorKeyAsync(database, roundId, memberId, cancellationToken);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var (refused, partnerId) = await RecordAnswersUseCase.CheckOpenRoundAsync(database, connection, transaction, roundId, memberId, now, cancellationToken);
            if (refused is not null)
            {
                return refused.Value;
            }

            return await UpsertAsync(database, connection, transaction, roundId, partnerId, authorKey, body, now, cancellationToken) > 0 ? RecordOutcome.Recorded : RecordOutcome.Unchanged;
        }, cancellationToken);
    }
}
