namespace AllianceBot.Dialogs.Demo;

/// <summary>The <c>Demo</c> configuration section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>
    /// When true (<c>scripts/run.sh --demo</c>, env <c>Demo__ForNewcomers=true</c>), a person who asks "where are we?"
    /// (or "what moves us right?", "drift") before being in any alliance gets a demo alliance on the spot instead of
    /// "no alliance yet". Off by default: a production bot should not invent alliances.
    /// </summary>
    public bool ForNewcomers { get; set; }
}
