using System.Data.Common;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Responses;

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

    public static async Task<PulseSubmitted> SubmitAsync(DbConnection connection, DbTransaction transaction, Guid roundId, Guid memberId,
        IReadOnlyList<(string ItemId, int Answer)> rows, string? body, string authorKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scored = rows.Where(r => r.Answer != AnswerValue.DontKnow).ToList();
        var outcome = await connection.OneOrDefaultAsync<Outcome>(Statement, new
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
        }, transaction, cancellationToken);

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

    private sealed class Outcome
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
