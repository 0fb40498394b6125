using AllianceBot.Trust;

namespace AllianceBot.Bot.Charts;

/// <summary>The charts the bot draws; the slug is the file name in the chart URL.</summary>
public enum ChartKind
{
    /// <summary>The NAV-model picture: phases left to right, relational above / calculative below the dotted line.</summary>
    Nav,

    /// <summary>The two anchors (calculative, relational) over the last rounds on the 1–5 scale.</summary>
    Trend,
}

public static class ChartKinds
{
    public static string Slug(this ChartKind kind) => kind == ChartKind.Trend ? "trend" : "nav";

    public static bool TryParse(string? slug, out ChartKind kind)
    {
        kind = ChartKind.Nav;
        if (string.Equals(slug, "nav", StringComparison.Ordinal))
        {
            return true;
        }

        kind = ChartKind.Trend;
        return string.Equals(slug, "trend", StringComparison.Ordinal);
    }
}

/// <summary>What a chart is drawn from. Already aggregated: it never holds an individual's answer.</summary>
public abstract record ChartInput(Language Language)
{
    public abstract ChartKind Kind { get; }
}

/// <summary>
/// One point of the alliance's course in the NAV picture.
/// <see cref="Position"/> is the place along x in phase units: 1.0 is the start of phase 1, 2.5 the middle of
/// phase 2, 4.0 the end of phase 3. <see cref="Balance"/> is relational − calculative on the 1–5 scale (−4..4):
/// above zero means relational emphasis (above the dotted line).
/// </summary>
public sealed record NavCoursePoint(double Position, double Balance, string? Label = null);

/// <summary>Input of the NAV-model chart: the measured course (oldest first) and where the alliance is now.</summary>
public sealed record NavChartInput(
    Language Language,
    IReadOnlyList<NavCoursePoint> Course,
    NavCoursePoint Current,
    string? AllianceName = null) : ChartInput(Language)
{
    public override ChartKind Kind => ChartKind.Nav;

    /// <summary>The model's picture alone (the explain cards): phases, the dotted line and the intended course; no measured course, no marker.</summary>
    public bool ModelOnly { get; init; }

    public static NavChartInput Model(Language language) => new(language, [], new NavCoursePoint(1, 0)) { ModelOnly = true };
}

/// <summary>One round of the anchor trend; a null score means the round was suppressed (too few answers).</summary>
public sealed record TrendRound(string Label, double? Calculative, double? Relational);

/// <summary>Input of the trend chart: the last rounds, oldest first (6 or more reads best).</summary>
public sealed record TrendChartInput(
    Language Language,
    IReadOnlyList<TrendRound> Rounds,
    string? AllianceName = null) : ChartInput(Language)
{
    public override ChartKind Kind => ChartKind.Trend;
}

/// <summary>
/// Port to the data behind a chart, implemented by the dialog layer. Returns null when the alliance, round or data is
/// unknown (the endpoint answers 404). Called at most once per (alliance, round, kind, language) while cached.
/// </summary>
public interface IChartDataSource
{
    Task<ChartInput?> GetAsync(string allianceId, string roundId, ChartKind kind, Language language, CancellationToken cancellationToken);
}
