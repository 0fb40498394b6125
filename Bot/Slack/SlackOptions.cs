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

    public bool IsEnabled => Enabled || !string.IsNullOrEmpty(SigningSecret) || !string.IsNullOrEmpty(BotToken);
}
