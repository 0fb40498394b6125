using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AllianceBot.Bot.Teams.Auth;

/// <summary>
/// One issuer's OpenID metadata and signing keys, cached. Refreshed when older than the refresh interval, and on demand
/// when a token names an unknown key id (the issuer rolled its keys) — but an on-demand refresh is granted at most once
/// per <see cref="MinimumForcedRefreshInterval"/>, so forged key ids cannot make the bot fetch keys on every request.
/// A failed refresh keeps the last keys that were fetched.
/// </summary>
internal sealed class SigningKeySource(string metadataUrl, IDocumentRetriever documents, TimeSpan refreshInterval, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset? _lastForced;

    /// <summary>The cached configuration, fetched first when there is none yet or it is older than the refresh interval.</summary>
    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) =>
        _current is { } current && time.GetUtcNow() - _fetchedAt < refreshInterval
            ? Task.FromResult(current)
            : FetchAsync(force: false, cancellationToken);

    /// <summary>Fetches again if no forced refresh happened within the minimum interval; otherwise the cached configuration.</summary>
    public Task<OpenIdConnectConfiguration> RefreshAsync(CancellationToken cancellationToken) => FetchAsync(force: true, cancellationToken);

    private async Task<OpenIdConnectConfiguration> FetchAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_current is { } current)
            {
                var fresh = now - _fetchedAt < refreshInterval;
                var mayForce = _lastForced is not { } last || now - last >= MinimumForcedRefreshInterval;
                if ((!force && fresh) || (force && !mayForce))
                {
                    return current;
                }
            }

            if (force)
            {
                _lastForced = now;
            }

            try
            {
                _current = await OpenIdConnectConfigurationRetriever.GetAsync(metadataUrl, documents, cancellationToken);
                _fetchedAt = now;
            }
            catch (Exception e) when (_current is not null && e is InvalidOperationException or IOException or HttpRequestException or ArgumentException or System.Text.Json.JsonException)
            {
                logger.LogWarning(e, "Refreshing the signing keys from {Url} failed; keeping the previous ones", metadataUrl);
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }
}
