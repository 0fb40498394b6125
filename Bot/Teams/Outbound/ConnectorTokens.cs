using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace AllianceBot.Bot.Teams.Outbound;

/// <summary>Bearer tokens for calls to the Bot Connector; null means "send without a token" (development mode).</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Development mode: the Agents Playground's connector takes no token.</summary>
internal sealed class NoConnectorToken : IConnectorTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>
/// Client-credential tokens from Entra (scope https://api.botframework.com/.default). The authority is the bot's
/// tenant for single-tenant bots and botframework.com otherwise. MSAL caches the token until shortly before expiry.
/// </summary>
internal sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;

    public MsalConnectorTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClients)
    {
        var o = options.Value;
        var tenant = string.IsNullOrWhiteSpace(o.TenantId) ? "botframework.com" : o.TenantId;
        _scopes = [o.ConnectorScope];
        _app = ConfidentialClientApplicationBuilder.Create(o.AppId)
            .WithClientSecret(o.AppPassword)
            .WithAuthority($"{o.LoginAuthorityHost.TrimEnd('/')}/{tenant}")
            .WithHttpClientFactory(new MsalHttpClients(httpClients))
            .Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }

    private sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(nameof(MsalConnectorTokenProvider));
    }
}
