using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Bot.Teams;

/// <summary>
/// Settings of the Teams channel (section <c>Teams</c>, environment variables <c>Teams__AppId</c> and so on).
/// Without an <see cref="AppId"/> the channel runs in development mode (no inbound auth, no outbound tokens),
/// which the host allows only in the Development environment.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The bot's Microsoft App ID (Entra application id). Also the expected token audience.</summary>
    public string? AppId { get; set; }

    /// <summary>
    /// The Azure Bot's identity type (its <c>msaAppType</c>): <see cref="TeamsAppType.SingleTenant"/> (default; new bots
    /// since 31 July 2025), <see cref="TeamsAppType.UserAssignedMSI"/> or the legacy <see cref="TeamsAppType.MultiTenant"/>.
    /// </summary>
    public TeamsAppType AppType { get; set; } = TeamsAppType.SingleTenant;

    /// <summary>The client secret used to get outbound connector tokens (SingleTenant/MultiTenant).</summary>
    public string? AppPassword { get; set; }

    /// <summary>
    /// The Entra tenant of the bot (required for SingleTenant): outbound tokens come from that tenant and Entra-issued
    /// inbound tokens from it are accepted. MultiTenant bots get their tokens from botframework.com.
    /// </summary>
    public string? TenantId { get; set; }

    /// <summary>A certificate instead of a secret (SingleTenant/MultiTenant): PEM (certificate and private key) or PFX/PKCS#12, raw or base64 as Key Vault mounts it.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>Password of an encrypted PEM key or a PFX file; empty when it has none.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>
    /// A federated credential instead of a secret (SingleTenant/MultiTenant): the file holding the client assertion, re-read
    /// for every token request. Defaults to the <c>AZURE_FEDERATED_TOKEN_FILE</c> environment variable (workload identity)
    /// when no secret or certificate is configured.
    /// </summary>
    public string? FederatedTokenFile { get; set; }

    /// <summary>The client id of the user-assigned managed identity (UserAssignedMSI).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>OpenID metadata of the Bot Framework token service (inbound tokens, issuer api.botframework.com).</summary>
    [Required]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata for Entra-issued inbound tokens (single-tenant bots).</summary>
    [Required]
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>How often the signing keys are refreshed even when every key is still found (at most 24 h).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The login host for outbound client-credential tokens.</summary>
    [Required]
    public string LoginAuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>The scope of outbound connector tokens.</summary>
    [Required]
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Largest accepted <c>/api/messages</c> body; larger ones get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Timeout of one connector call.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Callers (<c>appid</c> of v1, <c>azp</c> of v2 tokens) whose Entra-issued tokens are accepted. Any app registered in
    /// the tenant can get an Entra token with our app id as audience, so none is trusted unless named here on purpose;
    /// not even the bot's own app id. Teams itself sends Bot Framework tokens. Empty by default.
    /// </summary>
    public string[] AllowedCallers { get; set; } = [];

    /// <summary>
    /// Connector hosts a serviceUrl may name, inbound and outbound (<c>*</c> = one label). Unset: Microsoft's connector
    /// hosts (<see cref="Auth.ServiceUrlPolicy.MicrosoftConnectorHosts"/>); set: exactly the hosts listed.
    /// </summary>
    public string[]? AllowedServiceUrlHosts { get; set; }

    public bool DevelopmentMode => string.IsNullOrWhiteSpace(AppId);

    /// <summary>
    /// The credential the configured settings select, or null when they select none (or more than one) — start-up
    /// validation then names what is missing. <paramref name="ambientFederatedTokenFile"/> is <c>AZURE_FEDERATED_TOKEN_FILE</c>.
    /// </summary>
    public TeamsCredential? Credential(string? ambientFederatedTokenFile)
    {
        if (AppType == TeamsAppType.UserAssignedMSI)
        {
            return TeamsCredential.ManagedIdentity;
        }

        var explicitOnes = new List<TeamsCredential>();
        if (!string.IsNullOrWhiteSpace(AppPassword))
        {
            explicitOnes.Add(TeamsCredential.ClientSecret);
        }

        if (!string.IsNullOrWhiteSpace(ClientCertificatePath))
        {
            explicitOnes.Add(TeamsCredential.Certificate);
        }

        if (!string.IsNullOrWhiteSpace(FederatedTokenFile))
        {
            explicitOnes.Add(TeamsCredential.FederatedToken);
        }

        return explicitOnes.Count switch
        {
            1 => explicitOnes[0],
            0 when !string.IsNullOrWhiteSpace(ambientFederatedTokenFile) => TeamsCredential.FederatedToken,
            _ => null,
        };
    }

    /// <summary>The token file of a federated credential: the setting, else the workload-identity variable.</summary>
    public string? EffectiveFederatedTokenFile(string? ambientFederatedTokenFile) =>
        string.IsNullOrWhiteSpace(FederatedTokenFile) ? ambientFederatedTokenFile : FederatedTokenFile;
}

/// <summary>The Azure Bot resource's <c>msaAppType</c>.</summary>
public enum TeamsAppType
{
    /// <summary>An Entra app registration in the bot's tenant; tokens from <c>{LoginAuthorityHost}/{TenantId}</c>.</summary>
    SingleTenant,

    /// <summary>A user-assigned managed identity; tokens from the platform's managed-identity endpoint, no secret.</summary>
    UserAssignedMSI,

    /// <summary>Legacy (bots created before 31 July 2025); tokens from <c>{LoginAuthorityHost}/botframework.com</c>.</summary>
    MultiTenant,
}

/// <summary>How the bot proves its identity when it asks for a connector token.</summary>
public enum TeamsCredential
{
    ClientSecret,
    Certificate,
    FederatedToken,
    ManagedIdentity,
}
