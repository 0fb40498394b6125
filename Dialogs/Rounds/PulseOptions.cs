using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Dialogs.Rounds;

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

    /// <summary>
    /// When the owner of an open commitment gets its reminder (docs/commitments.md): this many hours after their pulse
    /// of the round the commitment is due in goes out. 0 (default) sends it with the pulse; it is always before that
    /// round closes (a delay past the close is cut to one hour before it).
    /// </summary>
    [Range(0, 24 * 30)]
    public int CommitmentReminderDelayHours { get; set; }
}
