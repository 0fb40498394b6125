namespace AllianceBot.Trust;

/// <summary>What a phase asks of the two dimensions.</summary>
public enum IntendedEmphasis
{
    /// <summary>Phase 1: relational trust ahead of calculative.</summary>
    RelationalAhead = 1,

    /// <summary>Phase 2: calculative trust ahead of, or level with, relational.</summary>
    CalculativeAheadOrLevel = 2,

    /// <summary>Phase 3: relational ahead while calculative trust stays healthy.</summary>
    RelationalAheadCalculativeHealthy = 3,
}

/// <summary>A phase with its name, one-line meaning and intended emphasis, in both languages.</summary>
public sealed record PhaseProfile(
    Phase Phase,
    int Number,
    LocalizedText Name,
    LocalizedText Meaning,
    IntendedEmphasis Emphasis,
    LocalizedText EmphasisText);

public static class Phases
{
    public static readonly IReadOnlyList<PhaseProfile> All =
    [
        new(Phase.GettingAcquainted, 1,
            new("Getting acquainted", "Kennismaking"),
            new("Lots of talking and informal meetings over coffee: the partners size each other up.",
                "Veel praten en koffie langs de snelweg: de partners tasten elkaar af."),
            IntendedEmphasis.RelationalAhead,
            new("relational trust ahead", "relationeel vertrouwen voorop")),
        new(Phase.Confirmation, 2,
            new("Confirmation", "Bevestiging"),
            new("Agreements go on paper: how revenue is split and what happens when one side is unhappy.",
                "Afspraken gaan op papier: hoe de opbrengst verdeeld wordt en wat er gebeurt bij ontevredenheid."),
            IntendedEmphasis.CalculativeAheadOrLevel,
            new("calculative trust ahead or level", "calculatief vertrouwen voorop of gelijk")),
        new(Phase.Execution, 3,
            new("Execution and closure", "Uitvoer en afsluiting"),
            new("The work is done together: fewer controls and meetings, real knowledge sharing.",
                "Het werk wordt samen gedaan: minder controles en vergaderingen, echt kennis delen."),
            IntendedEmphasis.RelationalAheadCalculativeHealthy,
            new("relational trust ahead, calculative trust still healthy",
                "relationeel vertrouwen voorop, calculatief vertrouwen blijft gezond")),
    ];

    public static PhaseProfile Profile(this Phase phase) => All.First(p => p.Phase == phase);

    /// <summary>The phase to the right of this one, or null in the last phase.</summary>
    public static Phase? Next(this Phase phase) => phase == Phase.Execution ? null : phase + 1;

    /// <summary>The phase to the left of this one, or null in the first phase.</summary>
    public static Phase? Previous(this Phase phase) => phase == Phase.GettingAcquainted ? null : phase - 1;
}

/// <summary>A manager declared that the alliance entered <paramref name="Phase"/> at <paramref name="Since"/>.</summary>
public sealed record PhaseChange(Phase Phase, DateTimeOffset Since);

/// <summary>The declared phases over time. Baselines for alerts reset at every change.</summary>
public sealed record PhaseHistory
{
    public PhaseHistory(IEnumerable<PhaseChange> changes)
    {
        Changes = changes.OrderBy(c => c.Since).ToArray();
        if (Changes.Count == 0)
            throw new ArgumentException("A phase history needs at least one declared phase.", nameof(changes));
    }

    /// <summary>A history with a single phase declared at <paramref name="since"/>.</summary>
    public static PhaseHistory Starting(Phase phase, DateTimeOffset since) => new([new PhaseChange(phase, since)]);

    public IReadOnlyList<PhaseChange> Changes { get; }

    public PhaseChange Current => Changes[^1];

    /// <summary>The phase declared at a moment (the first declared phase for moments before it).</summary>
    public Phase At(DateTimeOffset moment) => Changes.LastOrDefault(c => c.Since <= moment)?.Phase ?? Changes[0].Phase;
}
