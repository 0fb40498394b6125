using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Responses;

/// <summary>What a pulse submission did, and what the member now has stored (for their thank-you card).</summary>
public sealed record PulseSubmitted(RecordOutcome Outcome, MyAnswers Stored);

public static class SubmitPulseUseCase
{
    /// <summary>
    /// A member's pulse card in one transaction: the round and membership check, the answers, the comment when one was
    /// written, and what the thank-you shows — the answers just written (the code knows them, no read-back) and the
    /// comment stored now (the new one, or an earlier one when none was sent). Replaces RecordAnswers + RecordComment +
    /// GetMyAnswers (three transactions and a read) on the answer path. Nothing is stored when the round is closed.
    /// </summary>
    public static async Task<PulseSubmitted> SubmitPulseAsync(this Database database, Guid roundId, Guid memberId, IReadOnlyDictionary<string, int> answers,
        string? comment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
        {
            throw StorageException.Invalid("At least one answer is required.");
        }

        var rows = answers.Select(a => (ItemId: Guard.Text(a.Key, "Item id", Guard.ItemIdLength), Answer: AnswerValue.Check(a.Value, a.Key))).ToList();
        var body = comment is null ? null : Guard.Text(comment, "Comment", Guard.CommentLength);
        var authorKey = await CommentKey.AuthorKeyAsync(database, roundId, memberId, cancellationToken);
        if (database.Provider == StorageProvider.Sqlite)
        {
            return await SubmitPulseSqlite.SubmitAsync(database, roundId, memberId, rows, body, authorKey, now, cancellationToken);
        }

        if (database.Provider == StorageProvider.Postgres)
        {
            // The card is the answer turn's last database work: in a turn its COMMIT rides with the statement.
            var outcome = await database.InTransactionEndingTurnAsync((connection, transaction, commit) =>
                SubmitPulsePostgres.RunAsync(connection, transaction, roundId, memberId, rows, body, authorKey, now, commit, cancellationToken), cancellationToken);
            return SubmitPulsePostgres.Decide(outcome, roundId, memberId, rows, body);
        }

        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var (refused, partnerId) = await RecordAnswersUseCase.CheckOpenRoundAsync(database, connection, transaction, roundId, memberId, now, cancellationToken);
            if (refused is not null)
            {
                return new PulseSubmitted(refused.Value, new MyAnswers(new Dictionary<string, int>(StringComparer.Ordinal), null));
            }

            var changed = await RecordAnswersUseCase.UpsertAsync(database, connection, transaction, rows, roundId, memberId, partnerId, now, cancellationToken);
            var stored = body;
            if (body is not null)
            {
                changed += Math.Max(0, await RecordCommentUseCase.UpsertAsync(database, connection, transaction, roundId, partnerId, authorKey, body, now, cancellationToken));
            }
            else
            {
                stored = await connection.OneOrDefaultAsync<string>("SELECT body FROM comments WHERE round_id = @roundId AND author_key = @authorKey",
                    new { roundId, authorKey }, transaction, cancellationToken);
            }

            return new PulseSubmitted(changed > 0 ? RecordOutcome.Recorded : RecordOutcome.Unchanged,
                new MyAnswers(rows.ToDictionary(r => r.ItemId, r => r.Answer, StringComparer.Ordinal), stored));
        }, cancellationToken);
    }
}
