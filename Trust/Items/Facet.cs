namespace AllianceBot.Trust;

/// <summary>What an item measures within its dimension (DESIGN §4).</summary>
public enum Facet
{
    // Calculative
    Agreements = 1,
    Competence = 2,
    Economics = 3,
    Transparency = 4,

    // Relational
    Intentions = 11,
    Promises = 12,
    Openness = 13,
    Bond = 14,
}

public static class Facets
{
    /// <summary>The JSON key of each facet, as written in the item bank.</summary>
    public static readonly IReadOnlyDictionary<string, Facet> ByKey = new Dictionary<string, Facet>(StringComparer.Ordinal)
    {
        ["agreements"] = Facet.Agreements,
        ["competence"] = Facet.Competence,
        ["economics"] = Facet.Economics,
        ["transparency"] = Facet.Transparency,
        ["intentions"] = Facet.Intentions,
        ["promises"] = Facet.Promises,
        ["openness"] = Facet.Openness,
        ["bond"] = Facet.Bond,
    };

    public static Dimension DimensionOf(this Facet facet) => (int)facet < 10 ? Dimension.Calculative : Dimension.Relational;

    public static string Key(this Facet facet) => ByKey.First(p => p.Value == facet).Key;

    public static LocalizedText Name(this Facet facet) => ByKey.Values.Contains(facet)
        ? new($"facet.{facet.Key()}")
        : throw new ArgumentOutOfRangeException(nameof(facet), facet, "Unknown facet.");

    public static LocalizedText Name(this Dimension dimension) =>
        new(dimension == Dimension.Calculative ? "dimension.calculative" : "dimension.relational");
}
