using System.Text.Json;
using System.Text.Json.Serialization;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.HealthCheck;

/// <summary>
/// What a closed round stores as its result (rounds.result_json): the disclosed round and the model's verdict at
/// closing time. Only anonymity-filtered data, so a database reader learns nothing a card would not show.
/// </summary>
public static class RoundResults
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Json(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = new StoredResult(
            Version: 1,
            Phase: report.Phase.Phase,
            Round: report.Latest,
            Measured: report.Position.Measured,
            MatchesPhase: report.Position.MatchesIntended,
            Findings: [.. report.Findings.Select(f => f.Kind)],
            Alerts: [.. report.Alerts.Select(a => new StoredAlert(a.Kind, a.Level))],
            Readiness: report.Readiness.Kind);
        return JsonSerializer.Serialize(result, Options);
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
