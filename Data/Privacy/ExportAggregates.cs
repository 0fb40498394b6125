using System.Globalization;
using System.Text;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Privacy;

/// <summary>One line of the export: a mean per round, item and slice ("all" or a partner), or suppressed below k.</summary>
public sealed record AggregateLine(int Round, DateTimeOffset ClosedAt, string Slice, string ItemId, int Respondents, double? Mean);

public static class ExportAggregatesUseCase
{
    public const string AllPartners = "all";

    /// <summary>
    /// Per closed round and item: the mean over everyone and per partner, computed in the database (no raw answer
    /// leaves it). Slices below the alliance's k show no mean and no count; when one partner slice is suppressed the
    /// next-smallest is too, so it cannot be derived by subtraction from the total.
    /// </summary>
    public static Task<IReadOnlyList<AggregateLine>> ExportAggregatesAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var k = await connection.OneOrDefaultAsync<int?>("SELECT anonymity_k FROM alliances WHERE id = @allianceId", new { allianceId }, null, cancellationToken)
                ?? throw StorageException.NotFound("Alliance", allianceId);
            var groups = await connection.ListAsync<GroupRow>("""
                SELECT r.number, r.closed_at, p.name AS partner, x.item_id, COUNT(*) AS respondents, SUM(x.answer) AS total
                FROM responses x
                JOIN rounds r ON r.id = x.round_id
                JOIN members m ON m.id = x.member_id
                JOIN partners p ON p.id = m.partner_id
                WHERE r.alliance_id = @allianceId AND r.closed_at IS NOT NULL
                GROUP BY r.number, r.closed_at, p.name, x.item_id
                """, new { allianceId }, null, cancellationToken);
            return (IReadOnlyList<AggregateLine>)Aggregate(groups, k);
        }, cancellationToken);

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

    /// <summary>Which slice sizes must be hidden: every one below k, plus the next-smallest when exactly one is.</summary>
    public static IReadOnlySet<int> SuppressedSlices(IReadOnlyList<int> sizes, int k)
    {
        var hidden = Enumerable.Range(0, sizes.Count).Where(i => sizes[i] < k).ToHashSet();
        if (hidden.Count == 1 && sizes.Count > 1)
        {
            hidden.Add(Enumerable.Range(0, sizes.Count).Where(i => !hidden.Contains(i)).MinBy(i => sizes[i]));
        }

        return hidden;
    }

    private static List<AggregateLine> Aggregate(IReadOnlyList<GroupRow> groups, int k)
    {
        var lines = new List<AggregateLine>();
        foreach (var cell in groups.GroupBy(g => (g.Number, g.ClosedAt, g.ItemId)).OrderBy(c => c.Key.Number).ThenBy(c => c.Key.ItemId, StringComparer.Ordinal))
        {
            var slices = cell.OrderBy(s => s.Partner, StringComparer.Ordinal).ToList();
            var respondents = (int)slices.Sum(s => s.Respondents);
            var total = slices.Sum(s => s.Total);
            lines.Add(Line(cell.Key, AllPartners, respondents, total, respondents < k));
            var hidden = SuppressedSlices(slices.Select(s => (int)s.Respondents).ToList(), k);
            lines.AddRange(slices.Select((s, i) => Line(cell.Key, s.Partner, (int)s.Respondents, s.Total, hidden.Contains(i) || respondents < k)));
        }

        return lines;
    }

    private static AggregateLine Line((int Number, DateTimeOffset ClosedAt, string ItemId) key, string slice, int respondents, long total, bool suppressed) =>
        suppressed
            ? new AggregateLine(key.Number, key.ClosedAt, slice, key.ItemId, 0, null)
            : new AggregateLine(key.Number, key.ClosedAt, slice, key.ItemId, respondents, Math.Round((double)total / respondents, 2));

    // A leading = + - @ would make a spreadsheet evaluate a partner's name as a formula.
    private static string Field(string value) => Quote(value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value);

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private sealed class GroupRow
    {
        public int Number { get; set; }
        public DateTimeOffset ClosedAt { get; set; }
        public string Partner { get; set; } = "";
        public string ItemId { get; set; } = "";
        public long Respondents { get; set; }
        public long Total { get; set; }
    }
}
