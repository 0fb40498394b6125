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

    /// <summary>The client secret used to get outbound connector tokens.</summary>
    public string? AppPassword { get; set; }

    /// <summary>
    /// The Entra tenant of a single-tenant bot. When set, outbound tokens come from that tenant and Entra-issued
    /// inbound tokens from it are accepted; otherwise the authority is botframework.com.
    /// </summary>
    public string? TenantId { get; set; }

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
}
