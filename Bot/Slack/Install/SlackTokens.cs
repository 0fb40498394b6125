using System.Collections.Concurrent;
using AllianceBot.Bot.Slack.WebApi;
using AllianceBot.Data.Slack;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Slack.Install;

/// <summary>The token to call the Web API with for one workspace, and the bot user it belongs to there.</summary>
public sealed record SlackAccess(string Token, string? BotUserId);

/// <summary>Why no token could be found (null access): nobody installed the app there, or a passing failure.</summary>
public sealed record SlackAccessLookup(SlackAccess? Access, bool Transient = false);

/// <summary>Where the Web API client gets the token for a workspace.</summary>
public interface ISlackTokenSource
{
    Task<SlackAccessLookup> GetAsync(string teamId, CancellationToken cancellationToken);
}

/// <summary>
/// Routes every Web API call to its own installation: the workspace's installation (or the org-wide install of its
/// Enterprise Grid org), else the single <c>Slack:BotToken</c> when that token belongs to this very workspace
/// (auth.test, asked once). A workspace without either gets no token at all: a token is never sent to a workspace it
/// was not issued for.
/// </summary>
public sealed class SlackTokens(
    Database database,
    SlackTokenCipher cipher,
    IOptions<SlackOptions> options,
    IServiceProvider services,
    ILogger<SlackTokens> logger) : ISlackTokenSource
{
    /// <summary>Team → its Grid org, already recorded in the database (saves a write per request).</summary>
    private readonly ConcurrentDictionary<string, string> enterprises = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim legacyGate = new(1, 1);
    private (string TeamId, string? BotUserId)? legacy;

    /// <summary>
    /// Notes the Grid org of a workspace a request came from, in memory and (the first time) in the database, so the
    /// org-wide install also serves proactive sends after a restart and its revocation reaches these people.
    /// </summary>
    public async Task RememberAsync(string teamId, string? enterpriseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(enterpriseId) || enterprises.TryGetValue(teamId, out var known) && known == enterpriseId)
        {
            return;
        }

        try
        {
            await database.RememberSlackEnterpriseTeamAsync(teamId, enterpriseId, at, cancellationToken);
            enterprises[teamId] = enterpriseId;
        }
        catch (StorageException e)
        {
            logger.LogWarning(e, "Could not record that Slack workspace {TeamId} belongs to {EnterpriseId}", teamId, enterpriseId);
        }
    }

    public async Task<SlackAccessLookup> GetAsync(string teamId, CancellationToken cancellationToken)
    {
        SlackInstallation? installation;
        try
        {
            installation = await database.FindSlackInstallationAsync(teamId, enterprises.GetValueOrDefault(teamId), cancellationToken);
        }
        catch (StorageException e)
        {
            logger.LogWarning(e, "Could not read the Slack installation of {TeamId}", teamId);
            return new SlackAccessLookup(null, Transient: true);
        }

        if (installation is not null)
        {
            var token = cipher.Decrypt(installation.BotTokenEncrypted, installation.Key);
            if (token is not null)
            {
                return new SlackAccessLookup(new SlackAccess(token, installation.BotUserId));
            }

            logger.LogError("The token of Slack installation {Key} cannot be decrypted with the configured Slack:TokenEncryptionKeys", installation.Key);
        }

        var botToken = options.Value.BotToken;
        if (string.IsNullOrEmpty(botToken))
        {
            return new SlackAccessLookup(null);
        }

        var owner = await LegacyOwnerAsync(botToken, cancellationToken);
        return owner is null
            ? new SlackAccessLookup(null, Transient: true)
            : string.Equals(owner.Value.TeamId, teamId, StringComparison.Ordinal)
                ? new SlackAccessLookup(new SlackAccess(botToken, owner.Value.BotUserId))
                : new SlackAccessLookup(null);
    }

    /// <summary>The workspace Slack:BotToken was issued for (auth.test); null while it cannot be asked.</summary>
    private async Task<(string TeamId, string? BotUserId)?> LegacyOwnerAsync(string botToken, CancellationToken cancellationToken)
    {
        if (legacy is { } known)
        {
            return known;
        }

        await legacyGate.WaitAsync(cancellationToken);
        try
        {
            if (legacy is null)
            {
                var answer = await services.GetRequiredService<SlackApiClient>().AuthTestWithAsync(botToken, cancellationToken);
                if (answer.Ok && answer.Get("team_id") is { } team)
                {
                    legacy = (team, answer.Get("user_id"));
                }
            }

            return legacy;
        }
        finally
        {
            legacyGate.Release();
        }
    }
}
