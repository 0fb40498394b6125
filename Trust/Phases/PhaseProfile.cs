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

/// <summary>A phase with its name, one-line meaning and intended emphasis; the texts live in the Trust catalogs.</summary>
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
        new(Phase.GettingAcquainted, 1, new("phase.1.name"), new("phase.1.meaning"), IntendedEmphasis.RelationalAhead, new("phase.1.emphasis")),
        new(Phase.Confirmation, 2, new("phase.2.name"), new("phase.2.meaning"), IntendedEmphasis.CalculativeAheadOrLevel, new("phase.2.emphasis")),
        new(Phase.Execution, 3, new("phase.3.name"), new("phase.3.meaning"), IntendedEmphasis.RelationalAheadCalculativeHealthy, new("phase.3.emphasis")),
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
