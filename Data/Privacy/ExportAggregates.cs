using System.Globalization;
using System.Text;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Trust;

namespace AllianceBot.Data.Privacy;

/// <summary>One line of the export: a mean per round, item and slice ("all" or a partner), or suppressed below k.</summary>
public sealed record AggregateLine(int Round, DateTimeOffset ClosedAt, string Slice, string ItemId, int Respondents, double? Mean);

public static class ExportAggregatesUseCase
{
    public const string AllPartners = "all";

    /// <summary>
    /// Per closed round and item: the mean over everyone and per partner, read from the round's frozen snapshot (no
    /// raw answer leaves the database, and nothing here is recomputed from live rows). What is shown and what is
    /// suppressed is the trust model's one disclosure rule (<see cref="Disclosure"/>), decided when the round closed
    /// under the k it closed under: the same rule as every card, with its complementary suppression.
    /// </summary>
    public static async Task<IReadOnlyList<AggregateLine>> ExportAggregatesAsync(this Database database, Guid allianceId, CancellationToken cancellationToken)
    {
        if (await database.GetAllianceAsync(allianceId, cancellationToken) is null)
        {
            throw StorageException.NotFound("Alliance", allianceId);
        }

        var partners = (await database.ListPartnersAsync(allianceId, cancellationToken)).ToDictionary(p => p.Id.ToString(), p => p.Name, StringComparer.Ordinal);
        var lines = new List<AggregateLine>();
        foreach (var closed in await database.ListFrozenRoundsAsync(allianceId, 1000, cancellationToken))
        {
            var closedAt = closed.Round.ClosedAt ?? closed.Round.ClosesAt;
            var items = closed.Frozen.Cells.Where(c => c.Measure.StartsWith(RoundSnapshot.ItemPrefix, StringComparison.Ordinal))
                .GroupBy(c => c.Measure[RoundSnapshot.ItemPrefix.Length..], StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var item in items)
            {
                var slices = item.Select(c => (Cell: c, Name: c.Slice == RoundSnapshot.All ? AllPartners : partners.GetValueOrDefault(c.Slice, c.Slice)))
                    .OrderBy(x => x.Cell.Slice == RoundSnapshot.All ? 0 : 1).ThenBy(x => x.Name, StringComparer.Ordinal);
                lines.AddRange(slices.Select(x => x.Cell is { Shown: true, Mean: { } mean }
                    ? new AggregateLine(closed.Round.Number, closedAt, x.Name, item.Key, x.Cell.N, Math.Round(mean, 2))
                    : new AggregateLine(closed.Round.Number, closedAt, x.Name, item.Key, 0, null)));
            }
        }

        return lines;
    }

    public static async Task<string> ExportAggregatesCsvAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        ToCsv(await database.ExportAggregatesAsync(allianceId, cancellationToken));

    public static string ToCsv(IEnumerable<AggregateLine> lines)
    {
        var csv = new StringBuilder("round,closed_at,slice,item,respondents,mean\n");
        foreach (var line in lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{line.Round},{DapperTypeHandlers.ToText(line.ClosedAt)},{Field(line.Slice)},{Field(line.ItemId)},")
                .Append(line.Mean is null ? "suppressed," : line.Respondents.ToString(CultureInfo.InvariantCulture) + ",")
                .Append(line.Mean?.ToString("0.00", CultureInfo.InvariantCulture) ?? "")
                .Append('\n');
        }

        return csv.ToString();
    }

    // A leading = + - @ would make a spreadsheet evaluate a partner's name as a formula.
    private static string Field(string value) => Quote(value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value);

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
