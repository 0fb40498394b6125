namespace AllianceBot.Trust;

/// <summary>The two kinds of trust in the NAV-model.</summary>
public enum Dimension
{
    /// <summary>Calculatief: contracts, safeguards, competence, economics, information.</summary>
    Calculative = 1,

    /// <summary>Relationeel: good intentions, promises kept, openness, personal bond.</summary>
    Relational = 2,
}
