using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Bot.Charts;

/// <summary>Configuration section <c>Charts</c>. The links are signed by the one signed-links service (<c>Links:SigningKey</c>).</summary>
public sealed class ChartOptions
{
    public const string Section = "Charts";

    /// <summary>How long a chart link stays valid. Cards live in chat history, so days rather than minutes.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Upper bound of the rendered-PNG cache in bytes (each chart is tens of KB).</summary>
    [Range(1024 * 1024, 1024L * 1024 * 1024)]
    public long CacheSizeLimitBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>How long a rendered chart stays cached; bounds staleness while a round is still open.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(6);
}
