using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Bot.Export;

/// <summary>Configuration section <c>Export</c>. The link is signed by the one signed-links service (<c>Links:SigningKey</c>).</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";

    /// <summary>How long a download link works. Short: whoever holds the link gets the CSV.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);
}
