using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Bot.Slack;

/// <summary>
/// Settings of the Slack channel (configuration section <c>Slack</c>, environment variables <c>Slack__...</c>).
/// The channel is on when <see cref="Enabled"/> is true or when a signing secret or bot token is configured.
/// </summary>
public sealed record SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Turns the channel on without secrets (development mode); secrets alone also turn it on.</summary>
    public bool Enabled { get; init; }

    /// <summary>App credentials → Signing Secret. Required outside Development.</summary>
    public string? SigningSecret { get; init; }

    /// <summary>OAuth &amp; Permissions → Bot User OAuth Token (xoxb-...). Required outside Development.</summary>
    public string? BotToken { get; init; }

    /// <summary>Base URL of the Web API; tests point it at a local stand-in.</summary>
    [Required]
    public Uri ApiBaseUrl { get; init; } = new("https://slack.com/api/");

    /// <summary>How long users.info answers (locale, time zone, name) are reused.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan UserInfoCacheDuration { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Inbound work items waiting for the background worker; when full, Slack gets a 503 and retries.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>Timeout of one Web API call; the dispatcher retries, so keep it short.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ApiTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Basic Information → Client ID. Set, the app can be installed in many workspaces (OAuth v2).</summary>
    public string? ClientId { get; init; }

    /// <summary>Basic Information → Client Secret. Required with <see cref="ClientId"/>.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>
    /// Keys that encrypt installation tokens at rest (AES-256-GCM): key id → base64 of 32 random bytes. The newest id
    /// (ordinal order) encrypts; every id decrypts. Required with <see cref="ClientId"/> outside Development.
    /// </summary>
    public Dictionary<string, string> TokenEncryptionKeys { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The OAuth redirect URL registered in the app (…/api/slack/oauth_redirect); by default built from the request.</summary>
    public Uri? RedirectUrl { get; init; }

    /// <summary>Slack's authorize page; tests point it elsewhere.</summary>
    [Required]
    public Uri AuthorizeUrl { get; init; } = new("https://slack.com/oauth/v2/authorize");

    /// <summary>How long an install attempt (its signed state) stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan InstallStateLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>With token rotation: refresh a token this long before it expires (Slack's tokens live 12 h).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "11:00:00")]
    public TimeSpan TokenRefreshAhead { get; init; } = TimeSpan.FromHours(2);

    /// <summary>How often the refresher looks for tokens to refresh.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan TokenRefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The bot scopes asked for on install; the same as manifest/slack/manifest.json.</summary>
    public static IReadOnlyList<string> BotScopes { get; } = ["chat:write", "im:write", "im:history", "commands", "app_mentions:read", "users:read"];

    public bool IsDistributed => !string.IsNullOrEmpty(ClientId);

    public bool IsEnabled => Enabled || !string.IsNullOrEmpty(SigningSecret) || !string.IsNullOrEmpty(BotToken) || IsDistributed;
}
