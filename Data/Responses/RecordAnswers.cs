using System.Buffers;
using System.Text.Json;
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

    // PostgreSQL: every answer of the card in one statement (one round trip instead of one per item).
    private const string UpsertPostgres = """
        INSERT INTO responses (round_id, member_id, item_id, answer, answered_at, partner_id)
        SELECT @RoundId, @MemberId, x.item_id, x.answer, @Now, @PartnerId FROM unnest(@ItemIds, @Answers) AS x (item_id, answer)
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
        // PostgreSQL: the scored answers of the card in one statement (one round trip instead of one per item).
        var sqlServer = database.Provider == StorageProvider.SqlServer;
        var postgres = database.Provider == StorageProvider.Postgres;
        var upsert = sqlServer ? UpsertSqlServer : UpsertStandard;
        var changed = 0;
        var scored = new List<(string ItemId, int Answer)>();
        foreach (var (itemId, answer) in answers)
        {
            if (answer == AnswerValue.DontKnow)
            {
                var key = new { RoundId = roundId, MemberId = memberId, ItemId = itemId, Now = now, PartnerId = partnerId };
                changed += Math.Max(0, await connection.ExecAsync(DeleteScore, key, transaction, cancellationToken));
                changed += Math.Max(0, await connection.ExecAsync(sqlServer ? UpsertDontKnowSqlServer : UpsertDontKnowStandard, key, transaction, cancellationToken));
                continue;
            }

            scored.Add((itemId, answer));
            if (!postgres)
            {
                changed += Math.Max(0, await connection.ExecAsync(upsert, new { RoundId = roundId, MemberId = memberId, ItemId = itemId, Answer = answer, Now = now, PartnerId = partnerId }, transaction, cancellationToken));
            }
        }

        if (scored.Count > 0)
        {
            if (postgres)
            {
                changed += Math.Max(0, await connection.ExecAsync(UpsertPostgres, new
                {
                    RoundId = roundId, MemberId = memberId, ItemIds = scored.Select(a => a.ItemId).ToArray(), Answers = scored.Select(a => a.Answer).ToArray(), Now = now, PartnerId = partnerId,
                }, transaction, cancellationToken));
            }

            // One statement for the whole submission: an earlier "don't know" to an item now scored is gone.
            // Npgsql takes the list as an array (= ANY); Dapper expands IN @ItemIds for the others.
            var delete = postgres ? DeleteDontKnowsPostgres : DeleteDontKnows;
            changed += Math.Max(0, await connection.ExecAsync(delete, new { RoundId = roundId, MemberId = memberId, ItemIds = scored.Select(a => a.ItemId).ToArray() }, transaction, cancellationToken));
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

/// <summary>
/// PostgreSQL: a pulse submission in <b>one statement</b> (one network round trip instead of five): the round row
/// locked <c>FOR SHARE</c> (closing waits for answers in flight, as before), the member's check, the scored answers'
/// upsert, the removal of the other kind of answer for each item, the "don't know" upsert, the comment upsert and the
/// stored comment read, as data-modifying CTEs that write only when the round accepts answers and the member belongs
/// to its alliance. What the statement read (round, member) decides the outcome exactly as the step-by-step path
/// does (<see cref="RecordAnswersUseCase.CheckOpenRoundAsync"/>): unknown round or member, a member of another
/// alliance or removed, a closed round.
/// </summary>
internal static class SubmitPulsePostgres
{
    // Every CTE that writes joins "ok", which is empty unless the round accepts answers now and the member is active in
    // its alliance; the final SELECT reads the snapshot from before the statement (the comment stored until now).
    private const string Statement = """
        WITH r AS (
            SELECT r.id, r.alliance_id, r.closes_at, r.closed_at FROM rounds r WHERE r.id = @RoundId FOR SHARE
        ), m AS (
            SELECT alliance_id, partner_id, removed_at FROM members WHERE id = @MemberId
        ), ok AS (
            SELECT m.partner_id FROM r JOIN m ON m.alliance_id = r.alliance_id
            WHERE m.removed_at IS NULL AND r.closed_at IS NULL AND @Now < r.closes_at
        ), scored AS (
            INSERT INTO responses (round_id, member_id, item_id, answer, answered_at, partner_id)
            SELECT @RoundId, @MemberId, x.item_id, x.answer, @Now, ok.partner_id FROM ok, unnest(@ScoredItems, @Scores) AS x (item_id, answer)
            ON CONFLICT (round_id, member_id, item_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at, partner_id = excluded.partner_id
            WHERE responses.answer <> excluded.answer OR responses.partner_id IS NULL OR responses.partner_id <> excluded.partner_id
            RETURNING 1
        ), unknown_dropped AS (
            DELETE FROM dont_know_answers d USING ok WHERE d.round_id = @RoundId AND d.member_id = @MemberId AND d.item_id = ANY(@ScoredItems)
            RETURNING 1
        ), scores_dropped AS (
            DELETE FROM responses s USING ok WHERE s.round_id = @RoundId AND s.member_id = @MemberId AND s.item_id = ANY(@UnknownItems)
            RETURNING 1
        ), unknown AS (
            INSERT INTO dont_know_answers (round_id, member_id, item_id, answered_at, partner_id)
            SELECT @RoundId, @MemberId, x.item_id, @Now, ok.partner_id FROM ok, unnest(@UnknownItems) AS x (item_id)
            ON CONFLICT (round_id, member_id, item_id) DO UPDATE SET answered_at = excluded.answered_at, partner_id = excluded.partner_id
            WHERE dont_know_answers.partner_id IS NULL OR dont_know_answers.partner_id <> excluded.partner_id
            RETURNING 1
        ), commented AS (
            INSERT INTO comments (id, round_id, partner_id, author_key, body, written_at)
            SELECT @CommentId, @RoundId, ok.partner_id, @AuthorKey, @Body, @Now FROM ok WHERE @HasBody
            ON CONFLICT (round_id, author_key) DO UPDATE SET body = excluded.body, written_at = excluded.written_at
            WHERE comments.body <> excluded.body
            RETURNING 1
        )
        SELECT r.id, r.alliance_id, m.alliance_id AS member_alliance_id, m.removed_at AS member_removed_at, m.alliance_id IS NOT NULL AS member_found,
               (SELECT count(*) FROM ok) AS accepted,
               (SELECT count(*) FROM scored) + (SELECT count(*) FROM unknown_dropped) + (SELECT count(*) FROM scores_dropped)
                 + (SELECT count(*) FROM unknown) + (SELECT count(*) FROM commented) AS changed,
               (SELECT c.body FROM comments c WHERE c.round_id = @RoundId AND c.author_key = @AuthorKey) AS stored_comment
        FROM (SELECT 1) AS one LEFT JOIN r ON true LEFT JOIN m ON true
        """;

    /// <summary>
    /// Runs the statement; with <paramref name="commit"/> the transaction's COMMIT goes in the same round trip (the last
    /// work of a turn, <see cref="Database.InTransactionEndingTurnAsync{T}"/>). What it read is judged by
    /// <see cref="Decide"/>, after the commit.
    /// </summary>
    public static Task<Outcome?> RunAsync(DbConnection connection, DbTransaction transaction, Guid roundId, Guid memberId,
        IReadOnlyList<(string ItemId, int Answer)> rows, string? body, string authorKey, DateTimeOffset now, bool commit, CancellationToken cancellationToken)
    {
        var scored = rows.Where(r => r.Answer != AnswerValue.DontKnow).ToList();
        var parameters = new
        {
            RoundId = roundId,
            MemberId = memberId,
            Now = now,
            ScoredItems = scored.Select(r => r.ItemId).ToArray(),
            Scores = scored.Select(r => r.Answer).ToArray(),
            UnknownItems = rows.Where(r => r.Answer == AnswerValue.DontKnow).Select(r => r.ItemId).ToArray(),
            CommentId = Guid.NewGuid(),
            AuthorKey = authorKey,
            Body = body ?? "",
            HasBody = body is not null,
        };
        return commit
            ? connection.OneOrDefaultThenCommitAsync<Outcome>(Statement, parameters, transaction, cancellationToken)
            : connection.OneOrDefaultAsync<Outcome>(Statement, parameters, transaction, cancellationToken);
    }

    /// <summary>What the statement read, as the outcome or the refusal of the step-by-step check (nothing was written then).</summary>
    public static PulseSubmitted Decide(Outcome? outcome, Guid roundId, Guid memberId, IReadOnlyList<(string ItemId, int Answer)> rows, string? body)
    {
        // The same refusals, in the same order, as the step-by-step check.
        if (outcome?.Id is null)
        {
            throw StorageException.NotFound("Round", roundId);
        }

        if (!outcome.MemberFound)
        {
            throw StorageException.NotFound("Member", memberId);
        }

        if (outcome.MemberAllianceId != outcome.AllianceId || outcome.MemberRemovedAt is not null)
        {
            throw new StorageException(StorageErrorKind.Conflict, $"Member {memberId} is not an active member of the round's alliance.");
        }

        if (outcome.Accepted == 0)
        {
            return new PulseSubmitted(RecordOutcome.RoundClosed, new MyAnswers(new Dictionary<string, int>(StringComparer.Ordinal), null));
        }

        return new PulseSubmitted(outcome.Changed > 0 ? RecordOutcome.Recorded : RecordOutcome.Unchanged,
            new MyAnswers(rows.ToDictionary(r => r.ItemId, r => r.Answer, StringComparer.Ordinal), body ?? outcome.StoredComment));
    }

    public sealed class Outcome
    {
        public Guid? Id { get; set; }
        public Guid? AllianceId { get; set; }
        public bool MemberFound { get; set; }
        public Guid? MemberAllianceId { get; set; }
        public DateTimeOffset? MemberRemovedAt { get; set; }
        public long Accepted { get; set; }
        public long Changed { get; set; }
        public string? StoredComment { get; set; }
    }
}

/// <summary>The SQLite pulse card (issue 18): kept here, among the few files that touch responses (the privacy scan).</summary>
internal static class SubmitPulseSqlite
{
    // Issue 18: what the answer path asks SQLite, in as few statements as the work allows. One statement checks the round
    // and the membership, reads the partner, the comment stored now (for the thank-you when none is sent) and whether the
    // member has any "don't know" in the round at all; one statement upserts every score of the card (json_each of the
    // answers, the same SQL text for any number of items, so one kept prepared statement); the delete of earlier "don't
    // know"s of the scored items runs only when there are any. Was: round, membership, one upsert per item, the delete
    // and the comment read (7 statements for 3 items), now 2.
    private const string CheckSqlite = $"""
        SELECT {RoundRow.Columns},
               m.id IS NOT NULL AS member_found, m.alliance_id AS member_alliance_id, m.partner_id AS member_partner_id, m.removed_at AS member_removed_at,
               (SELECT c.body FROM comments c WHERE c.round_id = r.id AND c.author_key = @authorKey) AS stored_comment,
               EXISTS (SELECT 1 FROM dont_know_answers d WHERE d.round_id = r.id AND d.member_id = @memberId) AS has_dont_knows
        FROM rounds r LEFT JOIN members m ON m.id = @memberId
        WHERE r.id = @roundId
        """;

    // "WHERE true": SQLite's parser needs it to tell the upsert's ON CONFLICT from a join constraint after a SELECT.
    private const string UpsertScoresSqlite = """
        INSERT INTO responses (round_id, member_id, item_id, answer, answered_at, partner_id)
        SELECT @RoundId, @MemberId, j.key, j.value, @Now, @PartnerId FROM json_each(@Answers) AS j WHERE true
        ON CONFLICT (round_id, member_id, item_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at, partner_id = excluded.partner_id
        WHERE responses.answer <> excluded.answer OR responses.partner_id IS NULL OR responses.partner_id <> excluded.partner_id
        """;

    private const string DeleteDontKnowsSqlite =
        "DELETE FROM dont_know_answers WHERE round_id = @RoundId AND member_id = @MemberId AND item_id IN (SELECT j.key FROM json_each(@Answers) AS j)";

    public static Task<PulseSubmitted> SubmitAsync(Database database, Guid roundId, Guid memberId, List<(string ItemId, int Answer)> rows, string? body,
        string authorKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var check = await connection.OneOrDefaultAsync<SqliteCheck>(CheckSqlite, new { roundId, memberId, authorKey }, transaction, cancellationToken)
                ?? throw StorageException.NotFound("Round", roundId);
            if (!check.MemberFound)
            {
                throw StorageException.NotFound("Member", memberId);
            }

            if (check.MemberAllianceId != check.AllianceId || check.MemberRemovedAt is not null)
            {
                throw new StorageException(StorageErrorKind.Conflict, $"Member {memberId} is not an active member of the round's alliance.");
            }

            if (!check.ToRound().AcceptsAnswersAt(now))
            {
                return new PulseSubmitted(RecordOutcome.RoundClosed, new MyAnswers(new Dictionary<string, int>(StringComparer.Ordinal), null));
            }

            var partnerId = check.MemberPartnerId!.Value;
            var changed = 0;
            var dontKnows = rows.Where(r => r.Answer == AnswerValue.DontKnow).ToList();
            if (dontKnows.Count > 0)
            {
                changed += await RecordAnswersUseCase.UpsertAsync(database, connection, transaction, dontKnows, roundId, memberId, partnerId, now, cancellationToken);
            }

            if (dontKnows.Count < rows.Count)
            {
                var scores = new { RoundId = roundId, MemberId = memberId, Answers = ScoresJson(rows), Now = now, PartnerId = partnerId };
                changed += Math.Max(0, await connection.ExecAsync(UpsertScoresSqlite, scores, transaction, cancellationToken));
                if (check.HasDontKnows)
                {
                    changed += Math.Max(0, await connection.ExecAsync(DeleteDontKnowsSqlite, scores, transaction, cancellationToken));
                }
            }

            var stored = body ?? check.StoredComment;
            if (body is not null)
            {
                changed += Math.Max(0, await RecordCommentUseCase.UpsertAsync(database, connection, transaction, roundId, partnerId, authorKey, body, now, cancellationToken));
            }

            return new PulseSubmitted(changed > 0 ? RecordOutcome.Recorded : RecordOutcome.Unchanged,
                new MyAnswers(rows.ToDictionary(r => r.ItemId, r => r.Answer, StringComparer.Ordinal), stored));
        }, cancellationToken);

    /// <summary>The scored answers as a JSON object (item id → 1..5), for json_each.</summary>
    private static string ScoresJson(List<(string ItemId, int Answer)> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (itemId, answer) in rows)
            {
                if (answer != AnswerValue.DontKnow)
                {
                    json.WriteNumber(itemId, answer);
                }
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class SqliteCheck : RoundRow
    {
        public bool MemberFound { get; set; }
        public Guid? MemberAllianceId { get; set; }
        public Guid? MemberPartnerId { get; set; }
        public DateTimeOffset? MemberRemovedAt { get; set; }
        public string? StoredComment { get; set; }
        public bool HasDontKnows { get; set; }
    }
}
