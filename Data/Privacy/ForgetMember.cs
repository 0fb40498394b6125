using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Privacy;

public sealed record ForgetReport(bool ContactFound, int Memberships, int Answers, int Comments, int OutboxMessages);

/// <summary>
/// "Forget me": removes every row that names the person, in every alliance, in one transaction.
/// Their answers are deleted, so open rounds count without them; closed rounds keep their frozen snapshot
/// (round_snapshots, anonymous aggregates taken when the round closed) and stored result, so no view of a closed
/// round changes and nobody can learn the person's answer by comparing before and after. Invited counts are left as
/// they were.
/// Comments are found through their keyed author hash and deleted. Rows that only mention the person as the actor
/// (phase changes, audit entries, alliances and join codes they created) are kept with the actor set to NULL, and so
/// are the alliance's commitments they owned, made or marked done (shown as "a former member", docs/commitments.md).
/// </summary>
public static class ForgetMemberUseCase
{
    public static async Task<ForgetReport> ForgetMemberAsync(this Database database, MemberIdentity identity, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        var key = await database.CommentKeyAsync(cancellationToken);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var who = new { id.Channel, id.TenantId, id.UserId };
            await connection.ExecAsync("DELETE FROM dialog_states WHERE channel = @Channel AND tenant_id = @TenantId AND user_id = @UserId", who, transaction, cancellationToken);
            await connection.ExecAsync("DELETE FROM join_code_failures WHERE channel = @Channel AND tenant_id = @TenantId AND user_id = @UserId", who, transaction, cancellationToken);
            var targeted = new { pattern = Sql.LikeContains(id.UserId), id.Channel, id.TenantId };
            var outbox = await connection.ExecAsync("DELETE FROM outbox WHERE channel = @Channel AND tenant_id = @TenantId AND target LIKE @pattern ESCAPE '\\'",
                targeted, transaction, cancellationToken);

            var contactId = await connection.OneOrDefaultAsync<Guid?>("SELECT id FROM contacts WHERE channel = @Channel AND tenant_id = @TenantId AND user_id = @UserId",
                who, transaction, cancellationToken);
            if (contactId is null)
            {
                return new ForgetReport(false, 0, 0, 0, outbox);
            }

            var members = await connection.ListAsync<Guid>("SELECT id FROM members WHERE contact_id = @contactId", new { contactId }, transaction, cancellationToken);
            int answers = 0, comments = 0;
            foreach (var memberId in members)
            {
                var rounds = await connection.ListAsync<Guid>("SELECT r.id FROM rounds r JOIN members m ON m.alliance_id = r.alliance_id WHERE m.id = @memberId",
                    new { memberId }, transaction, cancellationToken);
                foreach (var roundId in rounds)
                {
                    comments += await connection.ExecAsync("DELETE FROM comments WHERE round_id = @roundId AND author_key = @authorKey",
                        new { roundId, authorKey = CommentKey.AuthorKey(key, roundId, memberId) }, transaction, cancellationToken);
                }

                answers += await connection.ExecAsync("DELETE FROM responses WHERE member_id = @memberId", new { memberId }, transaction, cancellationToken);
                answers += await connection.ExecAsync("DELETE FROM dont_know_answers WHERE member_id = @memberId", new { memberId }, transaction, cancellationToken);

                // Commitments belong to the alliance: they stay, and their owner becomes "a former member".
                await connection.ExecAsync("UPDATE commitments SET owner_member_id = NULL WHERE owner_member_id = @memberId", new { memberId }, transaction, cancellationToken);
                await connection.ExecAsync("UPDATE commitments SET made_by_member_id = NULL WHERE made_by_member_id = @memberId", new { memberId }, transaction, cancellationToken);
                await connection.ExecAsync("UPDATE commitments SET settled_by_member_id = NULL WHERE settled_by_member_id = @memberId", new { memberId }, transaction, cancellationToken);
                outbox += await connection.ExecAsync("DELETE FROM outbox WHERE member_id = @memberId", new { memberId }, transaction, cancellationToken);
                await connection.ExecAsync("DELETE FROM audit_log WHERE subject_member_id = @memberId OR detail_json LIKE @pattern ESCAPE '\\'",
                    new { memberId, pattern = Sql.LikeContains(memberId.ToString("D")) }, transaction, cancellationToken);
            }

            var contact = new { contactId, pattern = Sql.LikeContains(contactId.Value.ToString("D")), userPattern = Sql.LikeContains(id.UserId) };
            await connection.ExecAsync("DELETE FROM audit_log WHERE detail_json LIKE @pattern ESCAPE '\\' OR detail_json LIKE @userPattern ESCAPE '\\'", contact, transaction, cancellationToken);
            await connection.ExecAsync("UPDATE audit_log SET actor_id = NULL WHERE actor_id = @contactId", contact, transaction, cancellationToken);
            await connection.ExecAsync("UPDATE alliance_phases SET changed_by = NULL WHERE changed_by = @contactId", contact, transaction, cancellationToken);
            await connection.ExecAsync("UPDATE alliances SET created_by = NULL WHERE created_by = @contactId", contact, transaction, cancellationToken);
            await connection.ExecAsync("UPDATE join_codes SET created_by = NULL WHERE created_by = @contactId", contact, transaction, cancellationToken);
            await connection.ExecAsync("UPDATE k_proposals SET proposed_by = NULL WHERE proposed_by = @contactId", contact, transaction, cancellationToken);
            await connection.ExecAsync("UPDATE k_confirmations SET confirmed_by = NULL WHERE confirmed_by = @contactId", contact, transaction, cancellationToken);
            await connection.ExecAsync("DELETE FROM members WHERE contact_id = @contactId", contact, transaction, cancellationToken);
            await connection.ExecAsync("DELETE FROM contacts WHERE id = @contactId", contact, transaction, cancellationToken);
            return new ForgetReport(true, members.Count, answers, comments, outbox);
        }, cancellationToken);
    }
}
