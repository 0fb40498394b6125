using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Bot.Report;

/// <summary>Configuration section <c>Report</c>. The link is signed by the one signed-links service (<c>Links:SigningKey</c>, purpose <c>report-v1</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "Report";

    /// <summary>How long a report link works. A steering committee meets weeks apart: long enough to prepare, short enough to die.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);
}
