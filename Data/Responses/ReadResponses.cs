using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Responses;

/// <summary>
/// A member's own answers (for their thank-you card); shown only to that member. A value is a score 1–5 or
/// <see cref="AnswerValue.DontKnow"/>.
/// </summary>
public sealed record MyAnswers(IReadOnlyDictionary<string, int> Answers, string? Comment);

/// <summary>
/// One answer without its author: RespondentKey groups the answers of one person within this result only (it is
/// random per call, not derived from the member id), PartnerId allows per-partner slices. Value is a score 1–5 or
/// <see cref="AnswerValue.DontKnow"/> (answered, not scored: the trust model's input keeps it apart from the scores).
/// </summary>
public sealed record AnonymousAnswer(string RespondentKey, Guid PartnerId, string ItemId, int Value);

/// <summary>Comments of a round; Texts is empty (and Suppressed true) while fewer than the alliance's comment k wrote one.</summary>
public sealed record RoundComments(int Count, bool Suppressed, IReadOnlyList<string> Texts);

public static class ReadResponsesUseCase
{
    public static async Task<MyAnswers> GetMyAnswersAsync(this Database database, Guid roundId, Guid memberId, CancellationToken cancellationToken)
    {
        var authorKey = await CommentKey.AuthorKeyAsync(database, roundId, memberId, cancellationToken);
        return await database.RunAsync(async connection =>
        {
            var answers = await connection.ListAsync<ItemValue>($"""
                SELECT item_id, answer FROM responses WHERE round_id = @roundId AND member_id = @memberId
                UNION ALL SELECT item_id, {AnswerValue.DontKnow} AS answer FROM dont_know_answers WHERE round_id = @roundId AND member_id = @memberId
                """, new { roundId, memberId }, null, cancellationToken);
            var comment = await connection.OneOrDefaultAsync<string>("SELECT body FROM comments WHERE round_id = @roundId AND author_key = @authorKey",
                new { roundId, authorKey }, null, cancellationToken);
            return new MyAnswers(answers.ToDictionary(a => a.ItemId, a => a.Answer, StringComparer.Ordinal), comment);
        }, cancellationToken);
    }

    /// <summary>System use only (reminders): active members who joined before the round opened and have not answered.</summary>
    public static Task<IReadOnlyList<RoundRecipient>> ListNonRespondentsAsync(this Database database, Guid roundId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => (IReadOnlyList<RoundRecipient>)(await connection.ListAsync<ListRoundMembersUseCase.RecipientRow>($"""
                {ListRoundMembersUseCase.Select}
                JOIN rounds r ON r.alliance_id = m.alliance_id
                WHERE r.id = @roundId AND m.removed_at IS NULL AND m.joined_at <= r.opened_at
                  AND NOT EXISTS (SELECT 1 FROM responses x WHERE x.round_id = r.id AND x.member_id = m.id)
                  AND NOT EXISTS (SELECT 1 FROM dont_know_answers d WHERE d.round_id = r.id AND d.member_id = m.id)
                ORDER BY m.joined_at, m.id
                """, new { roundId }, null, cancellationToken)).Select(r => r.ToRecipient()).ToList(), cancellationToken);

    /// <summary>
    /// The round's answers for the trust model, with no member id in the result, each with the partner the member
    /// answered for. For an open round only (the closing job): closed rounds are read from their snapshot. A
    /// don't-know comes with <see cref="AnswerValue.DontKnow"/> and the same respondent key as that member's scores.
    /// </summary>
    public static Task<IReadOnlyList<AnonymousAnswer>> ListRoundAnswersAsync(this Database database, Guid roundId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var rows = await connection.ListAsync<AnswerRow>(RoundAnswersSql + " ORDER BY item_id, answer", new { roundId }, null, cancellationToken);
            var keys = new Dictionary<Guid, string>();
            return (IReadOnlyList<AnonymousAnswer>)rows.Select(r =>
            {
                if (!keys.TryGetValue(r.MemberId, out var key))
                {
                    keys[r.MemberId] = key = Guid.NewGuid().ToString("N")[..12];
                }

                return new AnonymousAnswer(key, r.PartnerId, r.ItemId, r.Answer);
            }).ToList();
        }, cancellationToken);

    /// <summary>Every answer of a round (@roundId), scores and don't-knows, with the partner each was given for.</summary>
    internal static readonly string RoundAnswersSql = $"""
        SELECT x.member_id, COALESCE(x.partner_id, m.partner_id) AS partner_id, x.item_id, x.answer FROM responses x JOIN members m ON m.id = x.member_id
        WHERE x.round_id = @roundId
        UNION ALL
        SELECT d.member_id, COALESCE(d.partner_id, m.partner_id) AS partner_id, d.item_id, {AnswerValue.DontKnow} AS answer FROM dont_know_answers d JOIN members m ON m.id = d.member_id
        WHERE d.round_id = @roundId
        """;

    /// <summary>Comment texts in random order, only when at least the alliance's comment threshold wrote one.</summary>
    public static Task<RoundComments> ListCommentsAsync(this Database database, Guid roundId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var threshold = await connection.OneOrDefaultAsync<int?>("SELECT a.comment_k FROM rounds r JOIN alliances a ON a.id = r.alliance_id WHERE r.id = @roundId",
                new { roundId }, null, cancellationToken) ?? throw StorageException.NotFound("Round", roundId);
            var texts = await connection.ListAsync<string>("SELECT body FROM comments WHERE round_id = @roundId ORDER BY id", new { roundId }, null, cancellationToken);
            return texts.Count >= threshold ? new RoundComments(texts.Count, false, texts) : new RoundComments(texts.Count, true, []);
        }, cancellationToken);

    private sealed class ItemValue
    {
        public string ItemId { get; set; } = "";
        public int Answer { get; set; }
    }

    private sealed class AnswerRow
    {
        public Guid MemberId { get; set; }
        public Guid PartnerId { get; set; }
        public string ItemId { get; set; } = "";
        public int Answer { get; set; }
    }
}
