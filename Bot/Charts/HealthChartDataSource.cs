using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Charts;

/// <summary>
/// The data behind /charts/…: the same evaluation as the health-check card, as of the round in the URL (later rounds
/// are left out, so a cached chart never changes meaning). Unknown alliance or round, or a round of another alliance,
/// gives null (404); the URL signature already stopped anyone who was not handed the link.
/// </summary>
internal sealed class HealthChartDataSource(HealthEvaluator evaluator) : IChartDataSource
{
    /// <summary>The id (alliance and round) of the model's own picture on the explain cards: no alliance, no figures.</summary>
    public const string ModelId = "model";

    public async Task<ChartInput?> GetAsync(string allianceId, string roundId, ChartKind kind, Language language, CancellationToken cancellationToken)
    {
        if (allianceId == ModelId && roundId == ModelId)
        {
            return kind == ChartKind.Nav ? NavChartInput.Model(language) : null;
        }

        if (!Guid.TryParse(allianceId, out var alliance) || !Guid.TryParse(roundId, out var round))
        {
            return null;
        }

        var health = await evaluator.EvaluateAsync(alliance, language, round, cancellationToken);
        if (health is null || !health.Rounds.Any(r => r.Disclosed.ScoresVisible))
        {
            return null;
        }

        return kind == ChartKind.Nav ? HealthCharts.Nav(health, language) : HealthCharts.Trend(health, language);
    }
}

/// <summary>The chart inputs of an evaluated alliance: the NAV course and the anchors' trend. Pure.</summary>
public static class HealthCharts
{
    /// <summary>
    /// The current phase has no end date yet; it is drawn as if it lasts at least this long, so one month into a
    /// phase sits near its start, not at its end.
    /// </summary>
    public static readonly TimeSpan NominalPhaseLength = TimeSpan.FromDays(365);

    private const double Margin = 0.05;

    /// <summary>
    /// Each shown round at x = phase number + its place within the phase it was closed in (time since that phase was
    /// declared, over the phase's length: until the next declared phase, or <see cref="NominalPhaseLength"/> — longer when
    /// the phase already lasts longer — for the current one), y = its balance. Suppressed rounds are left out, and so are
    /// rounds that asked the replaced calculative anchor (issue 13): their balance is another question's, and the course
    /// starts again at the change like the trend line.
    /// </summary>
    public static NavChartInput Nav(AllianceHealth health, Language language)
    {
        ArgumentNullException.ThrowIfNull(health);
        var shown = health.Rounds.Where(r => !r.BeforeRestart && r.Disclosed.Balance is not null).ToList();
        var course = shown.Select((r, i) => new NavCoursePoint(
            Position(health.History, shown, r.Disclosed.ClosedAt),
            r.Disclosed.Balance!.Value,
            i % 3 == 0 && i < shown.Count - 1 ? ChartTexts.Month(r.Disclosed.ClosedAt, language) : null)).ToList();
        // One balance (issue 17): "you are here" is the health card's balance (the anchors pooled over the report's window),
        // not the last round's own, so the picture and the card show the same number.
        var here = health.Report.Position.Evidence.Balance;
        var current = course.Count > 0
            ? course[^1] with { Balance = here ?? course[^1].Balance, Label = ChartTexts.Month(shown[^1].Disclosed.ClosedAt, language) }
            : new NavCoursePoint(1 + Margin, 0);
        return new NavChartInput(language, course, current, health.Alliance.Name);
    }

    /// <summary>
    /// The last <see cref="HealthCards.TrendRounds"/> rounds; a suppressed round is a gap, never a zero. The points are
    /// the card's own (<see cref="EvaluatedRound.TrendCalculative"/>): rounds that asked a replaced anchor have no point
    /// on that line, so the line starts again at the change instead of joining two different questions (the card's note
    /// says from which round).
    /// </summary>
    public static TrendChartInput Trend(AllianceHealth health, Language language)
    {
        ArgumentNullException.ThrowIfNull(health);
        return new TrendChartInput(language,
            [.. health.Rounds.TakeLast(HealthCards.TrendRounds).Select(r => new TrendRound(
                ChartTexts.Month(r.Disclosed.ClosedAt, language), r.TrendCalculative, r.TrendRelational))],
            health.Alliance.Name);
    }

    /// <summary>Where along the phase axis (1.0 … 4.0) a round closed at <paramref name="closedAt"/> belongs.</summary>
    public static double Position(PhaseHistory history, IReadOnlyList<EvaluatedRound> rounds, DateTimeOffset closedAt)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rounds);
        var changes = history.Changes;
        var index = Math.Max(0, changes.ToList().FindLastIndex(c => c.Since <= closedAt));
        var segment = changes[index];
        var elapsed = closedAt - segment.Since;
        TimeSpan length;
        if (index + 1 < changes.Count)
        {
            length = changes[index + 1].Since - segment.Since;
        }
        else
        {
            var lastInPhase = rounds.Select(r => r.Disclosed.ClosedAt).Where(t => t >= segment.Since).DefaultIfEmpty(closedAt).Max() - segment.Since;
            length = TimeSpan.FromTicks(Math.Max(NominalPhaseLength.Ticks, (long)(lastInPhase.Ticks / (1 - (2 * Margin)))));
        }

        var fraction = length <= TimeSpan.Zero ? 0 : Math.Clamp(elapsed / length, 0, 1);
        return (int)segment.Phase + Margin + ((1 - (2 * Margin)) * fraction);
    }
}

/// <summary>The dialogs' chart-link port over the host's signed links.</summary>
internal sealed class HealthChartLinks(IChartLinks links) : IHealthChartLinks
{
    public string Nav(Guid allianceId, Guid roundId, Language language) => links.For(allianceId.ToString(), roundId.ToString(), ChartKind.Nav, language);

    public string Model(Language language) => links.For(HealthChartDataSource.ModelId, HealthChartDataSource.ModelId, ChartKind.Nav, language);

    public string Trend(Guid allianceId, Guid roundId, Language language) => links.For(allianceId.ToString(), roundId.ToString(), ChartKind.Trend, language);
}
