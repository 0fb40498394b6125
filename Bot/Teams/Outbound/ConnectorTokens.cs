using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

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

/// <summary>Picks the token provider for <c>Teams:AppType</c> and the configured credential (PROTOCOLS.md, outbound auth).</summary>
internal static class ConnectorTokens
{
    /// <summary>The workload-identity variable naming the federated token file.</summary>
    public const string FederatedTokenFileVariable = "AZURE_FEDERATED_TOKEN_FILE";

    public static IConnectorTokenProvider Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        if (options.DevelopmentMode)
        {
            return new NoConnectorToken();
        }

        var httpClients = new MsalHttpClients(services.GetRequiredService<IHttpClientFactory>());
        var ambient = services.GetRequiredService<IConfiguration>()[FederatedTokenFileVariable];
        return options.Credential(ambient) switch
        {
            TeamsCredential.ManagedIdentity => new ManagedIdentityConnectorTokenProvider(options, httpClients),
            { } credential => new MsalConnectorTokenProvider(options, credential, options.EffectiveFederatedTokenFile(ambient), httpClients),
            null => throw new InvalidOperationException("No Teams credential configured (start-up validation should have stopped the host)."),
        };
    }

    /// <summary>MSAL's HTTP calls go through the factory (named client), so they share handlers and test hooks.</summary>
    internal sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(nameof(ConnectorTokens));
    }
}

/// <summary>
/// Client-credential tokens from Entra (scope <c>Teams:ConnectorScope</c>, https://api.botframework.com/.default). The
/// authority is the bot's tenant for SingleTenant bots and botframework.com for legacy MultiTenant bots; the credential a
/// client secret, a certificate (signed client assertion with its thumbprint) or a federated client assertion read from
/// the token file on every request (the platform rotates it). MSAL caches the token until shortly before expiry.
/// </summary>
internal sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;

    public MsalConnectorTokenProvider(TeamsOptions o, TeamsCredential credential, string? federatedTokenFile, IMsalHttpClientFactory httpClients)
    {
        var tenant = o.AppType == TeamsAppType.MultiTenant ? "botframework.com" : o.TenantId;
        _scopes = [o.ConnectorScope];
        var builder = ConfidentialClientApplicationBuilder.Create(o.AppId)
            .WithAuthority($"{o.LoginAuthorityHost.TrimEnd('/')}/{tenant}")
            // The authority is fixed by configuration; no alias discovery (it would call the public cloud's metadata).
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(httpClients);
        builder = credential switch
        {
            TeamsCredential.ClientSecret => builder.WithClientSecret(o.AppPassword),
            TeamsCredential.Certificate => builder.WithCertificate(ClientCertificate.Load(o.ClientCertificatePath!, o.ClientCertificatePassword)),
            TeamsCredential.FederatedToken => builder.WithClientAssertion(ReadAssertion(federatedTokenFile!)),
            _ => throw new ArgumentOutOfRangeException(nameof(credential), credential, null),
        };
        _app = builder.Build();
    }

    private static Func<CancellationToken, Task<string>> ReadAssertion(string file) =>
        async cancellationToken => (await File.ReadAllTextAsync(file, cancellationToken)).Trim();

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}

/// <summary>
/// UserAssignedMSI: tokens for the resource https://api.botframework.com from the platform's managed-identity endpoint
/// (MSAL finds it from <c>IDENTITY_ENDPOINT</c>/<c>IDENTITY_HEADER</c> on App Service and Container Apps, else IMDS),
/// asked for the identity <c>Teams:ManagedIdentityClientId</c>. No secret is involved.
/// </summary>
internal sealed class ManagedIdentityConnectorTokenProvider : IConnectorTokenProvider
{
    private readonly IManagedIdentityApplication _app;
    private readonly string _resource;

    public ManagedIdentityConnectorTokenProvider(TeamsOptions o, IMsalHttpClientFactory httpClients)
    {
        const string defaultSuffix = "/.default";
        _resource = o.ConnectorScope.EndsWith(defaultSuffix, StringComparison.Ordinal) ? o.ConnectorScope[..^defaultSuffix.Length] : o.ConnectorScope;
        _app = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(o.ManagedIdentityClientId))
            .WithHttpClientFactory(httpClients)
            .Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _app.AcquireTokenForManagedIdentity(_resource).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
