using System.Globalization;
using System.Text;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Trust;

namespace AllianceBot.Data.Privacy;

/// <summary>
/// One line of the export: a mean per round, item and slice ("all" or a partner), or suppressed below k; on the "all"
/// line, how many answered "don't know / not applicable" to the item (null when the round had fewer than k
/// respondents, and on partner lines: those counts are not kept per partner).
/// </summary>
public sealed record AggregateLine(int Round, DateTimeOffset ClosedAt, string Slice, string ItemId, int Respondents, double? Mean, int? DontKnow = null);

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
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            // "Don't know" counts: whole alliance only, shown under the round's participation rule (RoundSnapshot).
            var dontKnows = closed.Frozen.Cells.Where(c => c.Slice == RoundSnapshot.All && c.Measure.StartsWith(RoundSnapshot.DontKnowPrefix, StringComparison.Ordinal))
                .ToDictionary(c => c.Measure[RoundSnapshot.DontKnowPrefix.Length..], c => c.Shown ? c.N : (int?)null, StringComparer.Ordinal);
            foreach (var itemId in items.Keys.Union(dontKnows.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var dontKnow = dontKnows.TryGetValue(itemId, out var d) ? d : closed.Frozen.Respondents >= closed.Frozen.K ? 0 : null;
                var cells = items.GetValueOrDefault(itemId) ?? [];
                if (!cells.Any(c => c.Slice == RoundSnapshot.All))
                {
                    // Everyone who met the statement said "don't know": no mean, only the count.
                    cells.Insert(0, new SnapshotCell(RoundSnapshot.All, RoundSnapshot.ItemPrefix + itemId, 0, false, null, null));
                }

                var slices = cells.Select(c => (Cell: c, Name: c.Slice == RoundSnapshot.All ? AllPartners : partners.GetValueOrDefault(c.Slice, c.Slice)))
                    .OrderBy(x => x.Cell.Slice == RoundSnapshot.All ? 0 : 1).ThenBy(x => x.Name, StringComparer.Ordinal);
                lines.AddRange(slices.Select(x =>
                {
                    var count = x.Cell.Slice == RoundSnapshot.All ? dontKnow : null;
                    return x.Cell is { Shown: true, Mean: { } mean }
                        ? new AggregateLine(closed.Round.Number, closedAt, x.Name, itemId, x.Cell.N, Math.Round(mean, 2), count)
                        : new AggregateLine(closed.Round.Number, closedAt, x.Name, itemId, 0, null, count);
                }));
            }
        }

        return lines;
    }

    public static async Task<string> ExportAggregatesCsvAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        ToCsv(await database.ExportAggregatesAsync(allianceId, cancellationToken));

    public static string ToCsv(IEnumerable<AggregateLine> lines)
    {
        var csv = new StringBuilder("round,closed_at,slice,item,respondents,mean,dont_know\n");
        foreach (var line in lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{line.Round},{DapperTypeHandlers.ToText(line.ClosedAt)},{Field(line.Slice)},{Field(line.ItemId)},")
                .Append(line.Mean is null ? "suppressed," : line.Respondents.ToString(CultureInfo.InvariantCulture) + ",")
                .Append(line.Mean?.ToString("0.00", CultureInfo.InvariantCulture) ?? "")
                .Append(',')
                .Append(line.DontKnow?.ToString(CultureInfo.InvariantCulture) ?? "")
                .Append('\n');
        }

        return csv.ToString();
    }

    // A leading = + - @ would make a spreadsheet evaluate a partner's name as a formula.
    private static string Field(string value) => Quote(value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value);

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
