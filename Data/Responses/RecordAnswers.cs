using System.Data.Common;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Responses;

public enum RecordOutcome
{
    /// <summary>New or changed answers were stored.</summary>
    Recorded,

    /// <summary>Exactly these answers were already stored (a retried submit): nothing changed.</summary>
    Unchanged,

    /// <summary>The round is closed; answers can no longer be given or edited.</summary>
    RoundClosed,
}

public static class RecordAnswersUseCase
{
    private const string UpsertStandard = """
        INSERT INTO responses (round_id, member_id, item_id, answer, answered_at, partner_id)
        VALUES (@RoundId, @MemberId, @ItemId, @Answer, @Now, @PartnerId)
        ON CONFLICT (round_id, member_id, item_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at, partner_id = excluded.partner_id
        WHERE responses.answer <> excluded.answer OR responses.partner_id IS NULL OR responses.partner_id <> excluded.partner_id
        """;

    private const string UpsertSqlServer = """
        MERGE responses WITH (HOLDLOCK) AS t
        USING (SELECT @RoundId AS round_id, @MemberId AS member_id, @ItemId AS item_id) AS s
            ON t.round_id = s.round_id AND t.member_id = s.member_id AND t.item_id = s.item_id
        WHEN MATCHED AND (t.answer <> @Answer OR t.partner_id IS NULL OR t.partner_id <> @PartnerId) THEN UPDATE SET answer = @Answer, answered_at = @Now, partner_id = @PartnerId
        WHEN NOT MATCHED THEN INSERT (round_id, member_id, item_id, answer, answered_at, partner_id) VALUES (@RoundId, @MemberId, @ItemId, @Answer, @Now, @PartnerId);
        """;

    /// <summary>
    /// Stores a member's answers (item id → 1..5, or <see cref="AnswerValue.DontKnow"/>) for a round. Idempotent (the same answers twice are one set) and
    /// editable until the round closes; after that the outcome is RoundClosed and nothing changes.
    /// </summary>
    public static Task<RecordOutcome> RecordAnswersAsync(this Database database, Guid roundId, Guid memberId, IReadOnlyDictionary<string, int> answers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
        {
            throw StorageException.Invalid("At least one answer is required.");
        }

        var rows = answers.Select(a => new
        {
            RoundId = roundId,
            MemberId = memberId,
            ItemId = Guard.Text(a.Key, "Item id", Guard.ItemIdLength),
            Answer = AnswerValue.Check(a.Value, a.Key),
            Now = now,
        }).ToList();
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            // The partner the member answers for now: a later move to another partner leaves these answers where they are.
            var (refused, partnerId) = await CheckOpenRoundAsync(database, connection, transaction, roundId, memberId, now, cancellationToken);
            if (refused is not null)
            {
                return refused.Value;
            }

            return await UpsertAsync(database, connection, transaction, rows.Select(r => (r.ItemId, r.Answer)), roundId, memberId, partnerId, now, cancellationToken) > 0
                ? RecordOutcome.Recorded
                : RecordOutcome.Unchanged;
        }, cancellationToken);
    }

    /// <summary>
    /// Upserts the answers; the number of rows that changed. A score goes to responses, a don't-know to
    /// dont_know_answers; the other kind for the same item is removed in the same transaction, so a member holds one
    /// answer per item and can switch between a score and "don't know" while the round is open. The same answer twice
    /// changes nothing (idempotent).
    /// </summary>
    internal static async Task<int> UpsertAsync(Database database, DbConnection connection, DbTransaction transaction, IEnumerable<(string ItemId, int Answer)> answers,
        Guid roundId, Guid memberId, Guid partnerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sqlServer = database.Provider == StorageProvider.SqlServer;
        var upsert = sqlServer ? UpsertSqlServer : UpsertStandard;
        var changed = 0;
        var scored = new List<string>();
        foreach (var (itemId, answer) in answers)
        {
            if (answer == AnswerValue.DontKnow)
            {
                var key = new { RoundId = roundId, MemberId = memberId, ItemId = itemId, Now = now, PartnerId = partnerId };
                changed += Math.Max(0, await connection.ExecAsync(DeleteScore, key, transaction, cancellationToken));
                changed += Math.Max(0, await connection.ExecAsync(sqlServer ? UpsertDontKnowSqlServer : UpsertDontKnowStandard, key, transaction, cancellationToken));
                continue;
            }

            scored.Add(itemId);
            changed += Math.Max(0, await connection.ExecAsync(upsert, new { RoundId = roundId, MemberId = memberId, ItemId = itemId, Answer = answer, Now = now, PartnerId = partnerId }, transaction, cancellationToken));
        }

        if (scored.Count > 0)
        {
            // One statement for the whole submission: an earlier "don't know" to an item now scored is gone.
            // Npgsql takes the list as an array (= ANY); Dapper expands IN @ItemIds for the others.
            var delete = database.Provider == StorageProvider.Postgres ? DeleteDontKnowsPostgres : DeleteDontKnows;
            changed += Math.Max(0, await connection.ExecAsync(delete, new { RoundId = roundId, MemberId = memberId, ItemIds = scored.ToArray() }, transaction, cancellationToken));
        }

        return changed;
    }

    private const string DeleteScore = "DELETE FROM responses WHERE round_id = @RoundId AND member_id = @MemberId AND item_id = @ItemId";

    private const string DeleteDontKnows = "DELETE FROM dont_know_answers WHERE round_id = @RoundId AND member_id = @MemberId AND item_id IN @ItemIds";

    private const string DeleteDontKnowsPostgres = "DELETE FROM dont_know_answers WHERE round_id = @RoundId AND member_id = @MemberId AND item_id = ANY(@ItemIds)";

    private const string UpsertDontKnowStandard = """
        INSERT INTO dont_know_answers (round_id, member_id, item_id, answered_at, partner_id)
        VALUES (@RoundId, @MemberId, @ItemId, @Now, @PartnerId)
        ON CONFLICT (round_id, member_id, item_id) DO UPDATE SET answered_at = excluded.answered_at, partner_id = excluded.partner_id
        WHERE dont_know_answers.partner_id IS NULL OR dont_know_answers.partner_id <> excluded.partner_id
        """;

    private const string UpsertDontKnowSqlServer = """
        MERGE dont_know_answers WITH (HOLDLOCK) AS t
        USING (SELECT @RoundId AS round_id, @MemberId AS member_id, @ItemId AS item_id) AS s
            ON t.round_id = s.round_id AND t.member_id = s.member_id AND t.item_id = s.item_id
        WHEN MATCHED AND (t.partner_id IS NULL OR t.partner_id <> @PartnerId) THEN UPDATE SET answered_at = @Now, partner_id = @PartnerId
        WHEN NOT MATCHED THEN INSERT (round_id, member_id, item_id, answered_at, partner_id) VALUES (@RoundId, @MemberId, @ItemId, @Now, @PartnerId);
        """;

    public static Task<RecordOutcome> RecordAnswerAsync(this Database database, Guid roundId, Guid memberId, string itemId, int value, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RecordAnswersAsync(roundId, memberId, new Dictionary<string, int>(StringComparer.Ordinal) { [itemId ?? ""] = value }, now, cancellationToken);

    /// <summary>
    /// Checks round and member, and holds a shared lock on the round row until commit, so closing the round waits
    /// for answers in flight and no answer slips in after the close (SQLite: the write transaction already serializes).
    /// Returns RoundClosed when answers are no longer accepted, null when they are.
    /// </summary>
    internal static async Task<RecordOutcome?> LockOpenRoundAsync(Database database, DbConnection connection, DbTransaction transaction, Guid roundId, Guid memberId, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await CheckOpenRoundAsync(database, connection, transaction, roundId, memberId, now, cancellationToken)).Refused;

    /// <summary>
    /// <see cref="LockOpenRoundAsync"/>, and the partner the member answers for now (read with the membership check:
    /// one statement instead of two).
    /// </summary>
    internal static async Task<(RecordOutcome? Refused, Guid PartnerId)> CheckOpenRoundAsync(Database database, DbConnection connection, DbTransaction transaction, Guid roundId, Guid memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lockHint = database.Provider switch
        {
            StorageProvider.Postgres => ("", " FOR SHARE"),
            StorageProvider.SqlServer => (" WITH (REPEATABLEREAD)", ""),
            _ => ("", ""),
        };
        var round = await connection.OneOrDefaultAsync<RoundRow>(
            $"SELECT {RoundRow.Columns} FROM rounds r{lockHint.Item1} WHERE r.id = @roundId{lockHint.Item2}", new { roundId }, transaction, cancellationToken)
            ?? throw StorageException.NotFound("Round", roundId);
        var member = await connection.OneOrDefaultAsync<MemberCheck>("SELECT alliance_id, partner_id, removed_at FROM members WHERE id = @memberId",
            new { memberId }, transaction, cancellationToken) ?? throw StorageException.NotFound("Member", memberId);
        if (member.AllianceId != round.AllianceId || member.RemovedAt is not null)
        {
            throw new StorageException(StorageErrorKind.Conflict, $"Member {memberId} is not an active member of the round's alliance.");
        }

        return (round.ToRound().AcceptsAnswersAt(now) ? null : RecordOutcome.RoundClosed, member.PartnerId);
    }

    private sealed class MemberCheck
    {
        public Guid AllianceId { get; set; }
        public Guid PartnerId { get; set; }
        public DateTimeOffset? RemovedAt { get; set; }
    }
}
