namespace AllianceBot.Trust;

/// <summary>The alliance life-cycle phases of the NAV-model, left to right.</summary>
public enum Phase
{
    /// <summary>Kennismaking: emphasis on relational trust.</summary>
    GettingAcquainted = 1,

    /// <summary>Bevestiging: agreements on paper, emphasis on calculative trust.</summary>
    Confirmation = 2,

    /// <summary>Uitvoer en afsluiting: relational emphasis while calculative trust stays healthy.</summary>
    Execution = 3,
}
