using System.Data.Common;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Members;

public sealed record NewMember(Guid AllianceId, Guid PartnerId, Guid ContactId, MemberRole Role = MemberRole.Member);

public static class AddMemberUseCase
{
    /// <summary>
    /// Adds the contact to the alliance. Idempotent: an existing membership is returned (re-activated when it had been
    /// removed, moved to the given partner); the role is only ever raised here, never lowered.
    /// </summary>
    public static Task<Member> AddMemberAsync(this Database database, NewMember request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var partnerAlliance = await connection.OneOrDefaultAsync<Guid?>("SELECT alliance_id FROM partners WHERE id = @PartnerId", request, transaction, cancellationToken);
            if (partnerAlliance is null)
            {
                throw StorageException.NotFound("Partner", request.PartnerId);
            }

            if (partnerAlliance != request.AllianceId)
            {
                throw new StorageException(StorageErrorKind.Conflict, $"Partner {request.PartnerId} belongs to another alliance.");
            }

            await Alliances.CreateAllianceUseCase.ContactExistsAsync(connection, transaction, request.ContactId, cancellationToken);
            var existing = await connection.OneOrDefaultAsync<MemberRow>(
                $"SELECT {MemberRow.Columns} FROM members m WHERE m.alliance_id = @AllianceId AND m.contact_id = @ContactId", request, transaction, cancellationToken);
            if (existing is null)
            {
                return await InsertMemberAsync(connection, transaction, request, now, cancellationToken);
            }

            var role = existing.ToMember().Role == MemberRole.Manager ? MemberRole.Manager : request.Role;
            await connection.ExecAsync("UPDATE members SET removed_at = NULL, partner_id = @PartnerId, role = @role WHERE id = @Id",
                new { existing.Id, request.PartnerId, role = role.Text() }, transaction, cancellationToken);
            return existing.ToMember() with { RemovedAt = null, PartnerId = request.PartnerId, Role = role };
        }, cancellationToken);
    }

    internal static async Task<Member> InsertMemberAsync(DbConnection connection, DbTransaction transaction, NewMember request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var member = new Member(Guid.NewGuid(), request.AllianceId, request.PartnerId, request.ContactId, request.Role, true, null, now, null);
        await connection.ExecAsync("""
            INSERT INTO members (id, alliance_id, partner_id, contact_id, role, reminders_enabled, language_override, joined_at, removed_at)
            VALUES (@Id, @AllianceId, @PartnerId, @ContactId, @Role, @RemindersEnabled, NULL, @JoinedAt, NULL)
            """, new { member.Id, member.AllianceId, member.PartnerId, member.ContactId, Role = member.Role.Text(), member.RemindersEnabled, member.JoinedAt },
            transaction, cancellationToken);
        return member;
    }
}
