using System.Buffers;
using System.Text.Json;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Responses;

public static partial class SubmitPulseUseCase
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

    private static Task<PulseSubmitted> SubmitOnSqliteAsync(Database database, Guid roundId, Guid memberId, List<(string ItemId, int Answer)> rows, string? body,
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
