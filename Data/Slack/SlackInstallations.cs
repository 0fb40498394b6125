using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Slack;

/// <summary>
/// One installation of the Slack app: a workspace (<see cref="TeamId"/>), or a whole Enterprise Grid org for an
/// org-wide install (<see cref="IsEnterpriseInstall"/>, <see cref="EnterpriseId"/>, no team). The tokens are already
/// encrypted by the caller: this layer never sees a token in plain text.
/// </summary>
public sealed record SlackInstallation(
    string? TeamId,
    string? EnterpriseId,
    bool IsEnterpriseInstall,
    string? AppId,
    string? BotUserId,
    string? BotTokenEncrypted,
    string? RefreshTokenEncrypted,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset InstalledAt,
    DateTimeOffset? RevokedAt = null)
{
    /// <summary>'E:enterprise' for an org-wide install, 'T:team' for a workspace.</summary>
    public string Key => KeyOf(IsEnterpriseInstall ? null : TeamId, EnterpriseId, IsEnterpriseInstall);

    public static string KeyOf(string? teamId, string? enterpriseId, bool isEnterpriseInstall) =>
        isEnterpriseInstall
            ? "E:" + (enterpriseId ?? throw StorageException.Invalid("An org-wide Slack installation needs its enterprise id."))
            : "T:" + (teamId ?? throw StorageException.Invalid("A Slack workspace installation needs its team id."));
}

public static class SlackInstallationsUseCase
{
    private const string Columns = """
        team_id, enterprise_id, is_enterprise_install, app_id, bot_user_id, bot_token_encrypted, refresh_token_encrypted,
        expires_at, installed_at, revoked_at
        """;

    /// <summary>Stores the installation, replacing an earlier (or revoked) one of the same workspace or org.</summary>
    public static Task SaveSlackInstallationAsync(this Database database, SlackInstallation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var row = new
        {
            installation.Key,
            TeamId = Guard.OptionalText(installation.TeamId, "Team id", Guard.TenantLength),
            EnterpriseId = Guard.OptionalText(installation.EnterpriseId, "Enterprise id", Guard.TenantLength),
            installation.IsEnterpriseInstall,
            AppId = Guard.OptionalText(installation.AppId, "App id", 100),
            BotUserId = Guard.OptionalText(installation.BotUserId, "Bot user id", 100),
            BotToken = Guard.Text(installation.BotTokenEncrypted, "Bot token", 4000),
            RefreshToken = Guard.OptionalText(installation.RefreshTokenEncrypted, "Refresh token", 4000),
            installation.ExpiresAt,
            installation.InstalledAt,
        };
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecAsync("DELETE FROM slack_installations WHERE installation_key = @Key", row, transaction, cancellationToken);
            return await connection.ExecAsync("""
                INSERT INTO slack_installations (installation_key, team_id, enterprise_id, is_enterprise_install, app_id, bot_user_id,
                    bot_token_encrypted, refresh_token_encrypted, expires_at, installed_at, revoked_at, refresh_lease_until)
                VALUES (@Key, @TeamId, @EnterpriseId, @IsEnterpriseInstall, @AppId, @BotUserId, @BotToken, @RefreshToken,
                    @ExpiresAt, @InstalledAt, NULL, NULL)
                """, row, transaction, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// The live installation that serves a request from <paramref name="teamId"/>: the workspace's own, else the org-wide
    /// install of its Grid org (<paramref name="enterpriseId"/>). Revoked installations are not returned.
    /// </summary>
    public static Task<SlackInstallation?> FindSlackInstallationAsync(this Database database, string? teamId, string? enterpriseId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            if (string.IsNullOrEmpty(enterpriseId) && !string.IsNullOrEmpty(teamId))
            {
                enterpriseId = await connection.OneOrDefaultAsync<string>(
                    "SELECT enterprise_id FROM slack_enterprise_teams WHERE team_id = @teamId", new { teamId }, null, cancellationToken);
            }

            foreach (var key in Keys(teamId, enterpriseId))
            {
                var row = await connection.OneOrDefaultAsync<InstallationRow>(
                    $"SELECT {Columns} FROM slack_installations WHERE installation_key = @key AND revoked_at IS NULL",
                    new { key }, null, cancellationToken);
                if (row is not null)
                {
                    return row.ToInstallation();
                }
            }

            return null;
        }, cancellationToken);

    /// <summary>Every installation, live and revoked (for operators and tests).</summary>
    public static Task<IReadOnlyList<SlackInstallation>> ListSlackInstallationsAsync(this Database database, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var rows = await connection.ListAsync<InstallationRow>($"SELECT {Columns} FROM slack_installations ORDER BY installation_key", null, null, cancellationToken);
            return (IReadOnlyList<SlackInstallation>)[.. rows.Select(r => r.ToInstallation())];
        }, cancellationToken);

    /// <summary>
    /// Ends an installation (app_uninstalled, tokens_revoked): its tokens are deleted, the Slack contacts of that
    /// workspace (of every workspace of the org for an org-wide install) are marked unreachable, and the Slack sends
    /// still waiting for them are final. False when there was no live installation.
    /// </summary>
    public static Task<bool> RevokeSlackInstallationAsync(this Database database, string? teamId, string? enterpriseId, bool isEnterpriseInstall, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = SlackInstallation.KeyOf(teamId, enterpriseId, isEnterpriseInstall);
        var why = Guard.Text(reason, "Reason", Guard.ReasonLength);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var revoked = await connection.ExecAsync("""
                UPDATE slack_installations
                SET revoked_at = @at, bot_token_encrypted = NULL, refresh_token_encrypted = NULL, expires_at = NULL, refresh_lease_until = NULL
                WHERE installation_key = @key AND revoked_at IS NULL
                """, new { key, at }, transaction, cancellationToken);
            if (revoked == 0)
            {
                return false;
            }

            // A workspace install: its own contacts and waiting sends. An org-wide install: those of every workspace
            // seen as part of the org, unless that workspace has an installation of its own.
            var teams = isEnterpriseInstall
                ? await connection.ListAsync<string>("""
                    SELECT t.team_id FROM slack_enterprise_teams t
                    WHERE t.enterprise_id = @enterpriseId
                      AND NOT EXISTS (SELECT 1 FROM slack_installations i WHERE i.team_id = t.team_id AND i.is_enterprise_install = @no AND i.revoked_at IS NULL)
                    """, new { enterpriseId, no = false }, transaction, cancellationToken)
                : [teamId!];
            foreach (var team in teams.Where(t => !string.IsNullOrEmpty(t)))
            {
                await connection.ExecAsync(
                    "UPDATE contacts SET reachable = @Reachable, unreachable_reason = @why WHERE channel = @channel AND tenant_id = @team",
                    new { Reachable = false, why, channel = MemberIdentity.Slack, team }, transaction, cancellationToken);
                await connection.ExecAsync("""
                    UPDATE outbox SET status = @status, last_error = @why, finished_at = @at, claimed_by = NULL, claimed_until = NULL
                    WHERE channel = @channel AND tenant_id = @team AND status IN ('pending', 'claimed')
                    """, new { status = OutboxStatus.Unreachable, why, at, channel = MemberIdentity.Slack, team }, transaction, cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>Records that <paramref name="teamId"/> belongs to the Grid org <paramref name="enterpriseId"/> (idempotent).</summary>
    public static Task RememberSlackEnterpriseTeamAsync(this Database database, string teamId, string enterpriseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = new
        {
            teamId = Guard.Text(teamId, "Team id", Guard.TenantLength),
            enterpriseId = Guard.Text(enterpriseId, "Enterprise id", Guard.TenantLength),
            at,
        };
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecAsync("DELETE FROM slack_enterprise_teams WHERE team_id = @teamId", row, transaction, cancellationToken);
            return await connection.ExecAsync(
                "INSERT INTO slack_enterprise_teams (team_id, enterprise_id, seen_at) VALUES (@teamId, @enterpriseId, @at)", row, transaction, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Live installations whose token expires before <paramref name="before"/> and that no other instance is refreshing.</summary>
    public static Task<IReadOnlyList<SlackInstallation>> ListSlackInstallationsExpiringAsync(this Database database, DateTimeOffset before, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var rows = await connection.ListAsync<InstallationRow>($"""
                SELECT {Columns} FROM slack_installations
                WHERE revoked_at IS NULL AND refresh_token_encrypted IS NOT NULL AND expires_at IS NOT NULL AND expires_at <= @before
                  AND (refresh_lease_until IS NULL OR refresh_lease_until <= @now)
                ORDER BY expires_at
                """, new { before, now }, null, cancellationToken);
            return (IReadOnlyList<SlackInstallation>)[.. rows.Select(r => r.ToInstallation())];
        }, cancellationToken);

    /// <summary>
    /// Takes the refresh lease of one installation until <paramref name="until"/>; false when another instance holds it,
    /// so only one instance spends a (single-use) refresh token.
    /// </summary>
    public static Task<bool> TryLeaseSlackRefreshAsync(this Database database, string installationKey, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.ExecAsync("""
            UPDATE slack_installations SET refresh_lease_until = @until
            WHERE installation_key = @installationKey AND revoked_at IS NULL AND (refresh_lease_until IS NULL OR refresh_lease_until <= @now)
            """, new { installationKey, now, until }, null, cancellationToken) == 1, cancellationToken);

    /// <summary>Stores refreshed tokens and releases the lease.</summary>
    public static Task<bool> UpdateSlackTokensAsync(this Database database, string installationKey, string botTokenEncrypted, string? refreshTokenEncrypted, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var row = new
        {
            installationKey,
            BotToken = Guard.Text(botTokenEncrypted, "Bot token", 4000),
            RefreshToken = Guard.OptionalText(refreshTokenEncrypted, "Refresh token", 4000),
            expiresAt,
        };
        return database.RunAsync(async connection => await connection.ExecAsync("""
            UPDATE slack_installations
            SET bot_token_encrypted = @BotToken, refresh_token_encrypted = @RefreshToken, expires_at = @expiresAt, refresh_lease_until = NULL
            WHERE installation_key = @installationKey AND revoked_at IS NULL
            """, row, null, cancellationToken) == 1, cancellationToken);
    }

    private static IEnumerable<string> Keys(string? teamId, string? enterpriseId)
    {
        if (!string.IsNullOrEmpty(teamId))
        {
            yield return "T:" + teamId;
        }

        if (!string.IsNullOrEmpty(enterpriseId))
        {
            yield return "E:" + enterpriseId;
        }
    }

    private sealed class InstallationRow
    {
        public string? TeamId { get; set; }
        public string? EnterpriseId { get; set; }
        public bool IsEnterpriseInstall { get; set; }
        public string? AppId { get; set; }
        public string? BotUserId { get; set; }
        public string? BotTokenEncrypted { get; set; }
        public string? RefreshTokenEncrypted { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }
        public DateTimeOffset InstalledAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }

        public SlackInstallation ToInstallation() => new(
            TeamId, EnterpriseId, IsEnterpriseInstall, AppId, BotUserId, BotTokenEncrypted, RefreshTokenEncrypted, ExpiresAt, InstalledAt, RevokedAt);
    }
}
