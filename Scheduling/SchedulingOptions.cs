using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Scheduling;

/// <summary>Section "Scheduling" (env: Scheduling__Enabled, Scheduling__MisfireThreshold, ...).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Runs the Quartz scheduler. Tests that do not exercise scheduling switch it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How late a trigger may fire before it counts as misfired (then it fires once, right away).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many more times a failed round opening is tried before it is given up (logged as an error).</summary>
    [Range(0, 20)]
    public int OpenRetryAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry of a failed opening; doubles per attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OpenRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Clustered stores (PostgreSQL, SQL Server): how often a node checks in; a node silent for longer is failed over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>Worker threads of the Quartz scheduler.</summary>
    [Range(1, 50)]
    public int MaxConcurrency { get; set; } = 4;
}
