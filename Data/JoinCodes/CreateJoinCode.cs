using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.JoinCodes;

public sealed record NewJoinCode(Guid AllianceId, Guid PartnerId, MemberRole Role, DateTimeOffset ExpiresAt, Guid CreatedBy);

/// <summary>The only time the plain code exists: hand it to the manager, it is not stored.</summary>
public sealed record IssuedJoinCode(Guid Id, string Code, DateTimeOffset ExpiresAt);

/// <summary>A code that can still be redeemed; <see cref="CodeHash"/> only for comparing a typed code (never shown).</summary>
public sealed record OpenJoinCode(Guid Id, Guid PartnerId, MemberRole Role, string CodeHash, DateTimeOffset ExpiresAt);

public static class CreateJoinCodeUseCase
{
    public static Task<IssuedJoinCode> CreateJoinCodeAsync(this Database database, JoinCodeHasher hasher, NewJoinCode request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(request);
        if (request.ExpiresAt <= now)
        {
            throw StorageException.Invalid("A join code must expire in the future.");
        }

        var issued = new IssuedJoinCode(Guid.NewGuid(), JoinCodeHasher.Generate(), request.ExpiresAt);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var partnerAlliance = await connection.OneOrDefaultAsync<Guid?>("SELECT alliance_id FROM partners WHERE id = @PartnerId", request, transaction, cancellationToken);
            if (partnerAlliance != request.AllianceId)
            {
                throw partnerAlliance is null
                    ? StorageException.NotFound("Partner", request.PartnerId)
                    : new StorageException(StorageErrorKind.Conflict, $"Partner {request.PartnerId} belongs to another alliance.");
            }

            await Alliances.CreateAllianceUseCase.ContactExistsAsync(connection, transaction, request.CreatedBy, cancellationToken);
            await connection.ExecAsync("""
                INSERT INTO join_codes (id, alliance_id, partner_id, role, code_hash, created_by, created_at, expires_at, revoked_at, redeemed_count)
                VALUES (@Id, @AllianceId, @PartnerId, @Role, @CodeHash, @CreatedBy, @CreatedAt, @ExpiresAt, NULL, 0)
                """, new
            {
                issued.Id, request.AllianceId, request.PartnerId, Role = request.Role.Text(), CodeHash = hasher.Hash(issued.Code),
                request.CreatedBy, CreatedAt = now, request.ExpiresAt,
            }, transaction, cancellationToken);
            return issued;
        }, cancellationToken);
    }

    /// <summary>The alliance's codes that are neither revoked nor expired, soonest expiry first.</summary>
    public static Task<IReadOnlyList<OpenJoinCode>> ListOpenJoinCodesAsync(this Database database, Guid allianceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => (IReadOnlyList<OpenJoinCode>)(await connection.ListAsync<OpenCodeRow>(
                "SELECT id, partner_id, role, code_hash, expires_at FROM join_codes WHERE alliance_id = @allianceId AND revoked_at IS NULL AND expires_at > @now",
                new { allianceId, now }, null, cancellationToken))
            .Select(r => new OpenJoinCode(r.Id, r.PartnerId, string.Equals(r.Role, "manager", StringComparison.Ordinal) ? MemberRole.Manager : MemberRole.Member, r.CodeHash, r.ExpiresAt))
            .OrderBy(c => c.ExpiresAt)
            .ToList(), cancellationToken);

    public static Task RevokeJoinCodeAsync(this Database database, Guid joinCodeId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var changed = await connection.ExecAsync("UPDATE join_codes SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @joinCodeId",
                new { joinCodeId, now }, null, cancellationToken);
            return changed == 1 ? changed : throw StorageException.NotFound("Join code", joinCodeId);
        }, cancellationToken);

    private sealed class OpenCodeRow
    {
        public Guid Id { get; set; }
        public Guid PartnerId { get; set; }
        public string Role { get; set; } = "";
        public string CodeHash { get; set; } = "";
        public DateTimeOffset ExpiresAt { get; set; }
    }
}
