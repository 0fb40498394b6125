using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Scheduling.Maintenance;

/// <summary>
/// Section "Scheduling:Maintenance" (env: Scheduling__Maintenance__Interval, ...). How old a round may get is
/// Storage:RetentionMonths (default 36), owned by the Data layer's settings.
/// </summary>
public sealed class RetentionPruningOptions
{
    public const string Section = "Scheduling:Maintenance";

    /// <summary>Prune on a timer. Switched off only by operators who prune by hand.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Wait after start-up before the first run, so a restart loop cannot turn into a delete loop.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time between runs (daily).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
