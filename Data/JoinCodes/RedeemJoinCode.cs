using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.JoinCodes;

public enum JoinCodeStatus
{
    Valid,
    Expired,
    Revoked,
    Unknown,
}

/// <summary>What a code grants; AllianceId/PartnerId/Role are set only when Status is Valid.</summary>
public sealed record JoinCodeRedemption(JoinCodeStatus Status, Guid? JoinCodeId = null, Guid? AllianceId = null, Guid? PartnerId = null, MemberRole? Role = null);

public static class RedeemJoinCodeUseCase
{
    /// <summary>Checks a typed code and counts the use when valid. The caller then adds the member (AddMemberAsync).</summary>
    public static Task<JoinCodeRedemption> RedeemJoinCodeAsync(this Database database, JoinCodeHasher hasher, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        var normalized = JoinCodeHasher.Normalize(code ?? "");
        if (normalized.Length is 0 or > 64)
        {
            return Task.FromResult(new JoinCodeRedemption(JoinCodeStatus.Unknown));
        }

        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var row = await connection.OneOrDefaultAsync<CodeRow>(
                "SELECT id, alliance_id, partner_id, role, code_hash, expires_at, revoked_at FROM join_codes WHERE code_hash = @hash",
                new { hash = hasher.Hash(normalized) }, transaction, cancellationToken);
            if (row is null || !hasher.Matches(normalized, row.CodeHash))
            {
                return new JoinCodeRedemption(JoinCodeStatus.Unknown);
            }

            if (row.RevokedAt is not null)
            {
                return new JoinCodeRedemption(JoinCodeStatus.Revoked, row.Id);
            }

            if (row.ExpiresAt <= now)
            {
                return new JoinCodeRedemption(JoinCodeStatus.Expired, row.Id);
            }

            await connection.ExecAsync("UPDATE join_codes SET redeemed_count = redeemed_count + 1 WHERE id = @Id", new { row.Id }, transaction, cancellationToken);
            var role = string.Equals(row.Role, "manager", StringComparison.Ordinal) ? MemberRole.Manager : MemberRole.Member;
            return new JoinCodeRedemption(JoinCodeStatus.Valid, row.Id, row.AllianceId, row.PartnerId, role);
        }, cancellationToken);
    }

    private sealed class CodeRow
    {
        public Guid Id { get; set; }
        public Guid AllianceId { get; set; }
        public Guid PartnerId { get; set; }
        public string Role { get; set; } = "";
        public string CodeHash { get; set; } = "";
        public DateTimeOffset ExpiresAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }
    }
}
