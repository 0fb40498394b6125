using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>What goes into a round (section "Scheduling:Pulse").</summary>
public sealed class PulseOptions
{
    public const string Section = "Scheduling:Pulse";

    /// <summary>
    /// Every n-th round asks the whole item bank (16 statements, about two minutes) instead of the two anchors plus
    /// the rotating items. 0 (default) never does: a monthly pulse should stay under 30 seconds, and the rotation
    /// already brings every item back within about 15 rounds. 3 gives the quarterly full round DESIGN.md allows.
    /// </summary>
    [Range(0, 24)]
    public int FullRoundEvery { get; set; }
}
