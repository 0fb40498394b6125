using AllianceBot.Bot.Slack.WebApi;
using AllianceBot.Data.Slack;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Slack.Install;

/// <summary>
/// Token rotation: every <c>Slack:TokenRefreshInterval</c> the tokens that expire within <c>Slack:TokenRefreshAhead</c>
/// are exchanged for new ones (oauth.v2.access, grant_type=refresh_token). A refresh token is single-use, so each
/// installation is leased in the database first: with several instances only one of them refreshes it.
/// </summary>
public sealed class SlackTokenRefresher(
    Database database,
    SlackApiClient api,
    SlackTokenCipher cipher,
    IOptions<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackTokenRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is StorageException or HttpRequestException)
            {
                logger.LogWarning(e, "Slack token refresh pass failed; trying again in {Interval}", options.Value.TokenRefreshInterval);
            }

            await Task.Delay(options.Value.TokenRefreshInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One pass; returns how many installations got new tokens.</summary>
    public async Task<int> RefreshDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var refreshed = 0;
        foreach (var installation in await database.ListSlackInstallationsExpiringAsync(now + settings.TokenRefreshAhead, now, cancellationToken))
        {
            if (!await database.TryLeaseSlackRefreshAsync(installation.Key, now, now + Lease, cancellationToken))
            {
                continue;
            }

            var refreshToken = cipher.Decrypt(installation.RefreshTokenEncrypted, installation.Key);
            if (refreshToken is null)
            {
                logger.LogError("The refresh token of Slack installation {Key} cannot be decrypted with the configured keys", installation.Key);
                continue;
            }

            var answer = await api.OAuthAccessAsync(
            [
                new("client_id", settings.ClientId!), new("client_secret", settings.ClientSecret!),
                new("grant_type", "refresh_token"), new("refresh_token", refreshToken),
            ], cancellationToken);
            var token = answer.Ok ? answer.Get("access_token") : null;
            if (token is null)
            {
                // The lease runs out and the next pass tries again, while the old token still works.
                logger.LogWarning("Slack refused to refresh the token of {Key}: {Error}", installation.Key, answer.Error);
                continue;
            }

            var expiresIn = answer.Body?["expires_in"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<long>(out var s) ? s : (long?)null;
            var nextRefresh = answer.Get("refresh_token") ?? refreshToken;
            if (await database.UpdateSlackTokensAsync(
                installation.Key, cipher.Encrypt(token, installation.Key), cipher.Encrypt(nextRefresh, installation.Key),
                expiresIn is { } ttl ? clock.GetUtcNow().AddSeconds(ttl) : null, cancellationToken))
            {
                refreshed++;
                logger.LogInformation("Refreshed the Slack token of {Key}", installation.Key);
            }
        }

        return refreshed;
    }
}
