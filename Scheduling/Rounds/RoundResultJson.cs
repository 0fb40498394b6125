using System.Text.Json;
using System.Text.Json.Serialization;
using AllianceBot.Trust;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>
/// What a closed round stores as its result (rounds.result_json): the disclosed round and the model's verdict at
/// closing time. Only anonymity-filtered aggregates, so a database reader learns nothing a card would not show.
/// </summary>
public static class RoundResultJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Of(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(new StoredResult(
            1,
            report.Phase.Phase,
            report.Latest,
            report.Position.Measured,
            report.Position.MatchesIntended,
            [.. report.Findings.Select(f => f.Kind)],
            [.. report.Alerts.Select(a => new StoredAlert(a.Kind, a.Level))],
            report.Readiness.Kind), Options);
    }

    private sealed record StoredResult(
        int Version,
        Phase Phase,
        DisclosedRound? Round,
        MeasuredEmphasis? Measured,
        bool? MatchesPhase,
        IReadOnlyList<FindingKind> Findings,
        IReadOnlyList<StoredAlert> Alerts,
        ReadinessKind Readiness);

    private sealed record StoredAlert(AlertKind Kind, AlertLevel Level);
}
