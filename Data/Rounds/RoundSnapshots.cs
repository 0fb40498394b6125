using System.Data.Common;
using System.Text.Json;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Storage;
using AllianceBot.Trust;

namespace AllianceBot.Data.Rounds;

/// <summary>A closed round with its frozen snapshot: what every view of it shows.</summary>
public sealed record ClosedRoundSnapshot(Round Round, FrozenRound Frozen);

/// <summary>
/// Closed rounds are frozen: the snapshot is written in the transaction that closes the round, under the k the round
/// closes under, from the answers as they are at that moment. Every view of a closed round reads the snapshot,
/// never the live answers, so "forget me", a partner move or a later lower k change nothing already shown. Rounds
/// closed before snapshots existed are frozen at their first read.
/// </summary>
public static class RoundSnapshotsUseCase
{
    private const string Insert = """
        INSERT INTO round_snapshots (round_id, slice, measure, n, shown, mean, sd)
        VALUES (@RoundId, @Slice, @Measure, @N, @Shown, @Mean, @Sd)
        """;

    /// <summary>
    /// The last <paramref name="count"/> closed rounds with their snapshots, oldest first. One read for all of them
    /// (the rounds, their frozen k and every snapshot cell: three statements on one connection) instead of two
    /// statements per round: a health check over 18 rounds made 37 round trips.
    /// </summary>
    public static async Task<IReadOnlyList<ClosedRoundSnapshot>> ListFrozenRoundsAsync(this Database database, Guid allianceId, int count, CancellationToken cancellationToken)
    {
        Guard.Range(count, "Count", 1, 1000);
        var (rows, frozenK, cells) = await database.ReadAsync(async connection =>
        {
            var rounds = await ClosedRoundsAsync(database, connection, allianceId, count, cancellationToken);
            if (rounds.Count == 0)
            {
                return (rounds, (IReadOnlyList<RoundK>)[], (IReadOnlyList<RoundCellRow>)[]);
            }

            var oldest = rounds.Min(r => r.Number);
            var ks = await connection.ListAsync<RoundK>(
                "SELECT id, frozen_k FROM rounds WHERE alliance_id = @allianceId AND closed_at IS NOT NULL AND number >= @oldest",
                new { allianceId, oldest }, null, cancellationToken);
            var all = await connection.ListAsync<RoundCellRow>("""
                SELECT s.round_id, s.slice, s.measure, s.n, s.shown, s.mean, s.sd
                FROM round_snapshots s JOIN rounds r ON r.id = s.round_id
                WHERE r.alliance_id = @allianceId AND r.closed_at IS NOT NULL AND r.number >= @oldest
                ORDER BY s.round_id, s.slice, s.measure
                """, new { allianceId, oldest }, null, cancellationToken);
            return (rounds, ks, all);
        }, cancellationToken);

        var kOf = frozenK.ToDictionary(k => k.Id, k => k.FrozenK);
        var cellsOf = cells.GroupBy(c => c.RoundId).ToDictionary(g => g.Key, g => g.Select(c => c.Cell).ToList());
        var result = new List<ClosedRoundSnapshot>(rows.Count);
        foreach (var round in rows.Select(r => r.ToRound()))
        {
            var frozen = kOf.GetValueOrDefault(round.Id) is { } k
                ? Frozen(round, k, cellsOf.GetValueOrDefault(round.Id) ?? [])
                : await database.GetFrozenRoundAsync(round, cancellationToken); // closed before snapshots existed: frozen now, once
            result.Add(new ClosedRoundSnapshot(round, frozen));
        }

        return result;
    }

    /// <summary>The newest <paramref name="count"/> closed rounds of the alliance, oldest first (the database keeps only those).</summary>
    internal static async Task<IReadOnlyList<RoundRow>> ClosedRoundsAsync(Database database, DbConnection connection, Guid allianceId, int count, CancellationToken cancellationToken)
    {
        var limit = database.Provider == StorageProvider.SqlServer ? "OFFSET 0 ROWS FETCH NEXT @count ROWS ONLY" : "LIMIT @count";
        var rows = await connection.ListAsync<RoundRow>(
            $"SELECT {RoundRow.Columns} FROM rounds r WHERE r.alliance_id = @allianceId AND r.closed_at IS NOT NULL ORDER BY r.number DESC {limit}",
            new { allianceId, count }, null, cancellationToken);
        return [.. rows.Reverse()];
    }

    private static FrozenRound Frozen(Round round, int k, IReadOnlyList<CellRow> cells)
    {
        var respondents = cells.FirstOrDefault(c => c.Slice == RoundSnapshot.All && c.Measure == RoundSnapshot.Respondents)?.N ?? 0;
        return new FrozenRound(round.Id.ToString(), round.ClosedAt ?? round.ClosesAt, Math.Max(round.InvitedCount, respondents), k,
            [.. cells.Select(c => new SnapshotCell(c.Slice, c.Measure, c.N, c.Shown, c.Mean, c.Sd))]);
    }

    /// <summary>The snapshot of a closed round; a round closed before snapshots existed is frozen now (once).</summary>
    public static async Task<FrozenRound> GetFrozenRoundAsync(this Database database, Round round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (!round.IsClosed) throw StorageException.Invalid($"Round {round.Id} is not closed: only closed rounds have a snapshot.");
        var stored = await database.RunAsync(connection => ReadAsync(connection, null, round, cancellationToken), cancellationToken);
        if (stored is not null)
        {
            return stored;
        }

        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var k = await BackfillKAsync(connection, transaction, round, cancellationToken);
            await FreezeAsync(connection, transaction, round, k, cancellationToken);
            return (await ReadAsync(connection, transaction, round, cancellationToken))!;
        }, cancellationToken);
    }

    /// <summary>
    /// Writes the snapshot of <paramref name="round"/> (closed, with its ClosedAt) under <paramref name="k"/> inside
    /// the caller's transaction; does nothing when a snapshot exists already (another instance froze it first).
    /// </summary>
    internal static async Task FreezeAsync(DbConnection connection, DbTransaction transaction, Round round, int k, CancellationToken cancellationToken)
    {
        var claimed = await connection.ExecAsync("UPDATE rounds SET frozen_k = @k WHERE id = @Id AND frozen_k IS NULL", new { k, round.Id }, transaction, cancellationToken);
        if (claimed != 1)
        {
            return;
        }

        var commentK = await connection.ScalarAsync<int>("SELECT comment_k FROM alliances WHERE id = @AllianceId", new { round.AllianceId }, transaction, cancellationToken);
        var answers = await connection.ListAsync<AnswerRow>(ReadResponsesUseCase.RoundAnswersSql, new { roundId = round.Id }, transaction, cancellationToken);
        var comments = await connection.ScalarAsync<int>("SELECT COUNT(*) FROM comments WHERE round_id = @Id", new { round.Id }, transaction, cancellationToken);
        var keys = answers.Select(a => a.MemberId).Distinct().Select((id, i) => (id, i)).ToDictionary(x => x.id, x => "r" + x.i);
        var respondents = keys.Count;
        var data = new RoundData(round.Id.ToString(), round.ClosedAt ?? round.ClosesAt, Math.Max(round.InvitedCount, respondents),
            [.. answers.Where(a => a.Answer != AnswerValue.DontKnow).Select(a => new Answer(keys[a.MemberId], a.PartnerId.ToString(), a.ItemId, a.Answer))], comments)
        {
            // Answered, not scored: counted as participation and per item, never in a mean.
            DontKnows = [.. answers.Where(a => a.Answer == AnswerValue.DontKnow).Select(a => new DontKnow(keys[a.MemberId], a.PartnerId.ToString(), a.ItemId))],
        };
        var options = new AnonymityOptions { MinRespondents = k, MinComments = Math.Max(k, commentK) };
        var frozen = RoundSnapshot.Freeze(data, options, ItemBank.Default);
        foreach (var cell in frozen.Cells)
        {
            await connection.ExecAsync(Insert, new { RoundId = round.Id, cell.Slice, cell.Measure, cell.N, cell.Shown, cell.Mean, Sd = cell.StandardDeviation },
                transaction, cancellationToken);
        }
    }

    private static async Task<FrozenRound?> ReadAsync(DbConnection connection, DbTransaction? transaction, Round round, CancellationToken cancellationToken)
    {
        var k = await connection.OneOrDefaultAsync<int?>("SELECT frozen_k FROM rounds WHERE id = @Id", new { round.Id }, transaction, cancellationToken);
        if (k is null)
        {
            return null;
        }

        var cells = await connection.ListAsync<CellRow>("SELECT slice, measure, n, shown, mean, sd FROM round_snapshots WHERE round_id = @Id ORDER BY slice, measure",
            new { round.Id }, transaction, cancellationToken);
        return Frozen(round, k.Value, cells);
    }

    // A round closed before snapshots existed: the k it was shown under when it closed (kept in its stored result)
    // or today's, whichever is higher, so freezing it late never shows more than was shown before.
    private static async Task<int> BackfillKAsync(DbConnection connection, DbTransaction transaction, Round round, CancellationToken cancellationToken)
    {
        var current = await AnonymityThreshold.EffectiveKAsync(connection, transaction, round.AllianceId, round.ClosedAt ?? round.ClosesAt, cancellationToken);
        var atClose = 0;
        if (round.ResultJson is { Length: > 0 } json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.TryGetProperty("round", out var stored) && stored.TryGetProperty("minRespondents", out var k) && k.TryGetInt32(out var value))
                {
                    atClose = value;
                }
            }
            catch (JsonException)
            {
                // A result that cannot be read: today's k stands.
            }
        }

        return Math.Max(current, atClose);
    }

    private sealed class AnswerRow
    {
        public Guid MemberId { get; set; }
        public Guid PartnerId { get; set; }
        public string ItemId { get; set; } = "";
        public int Answer { get; set; }
    }

    private sealed class RoundK
    {
        public Guid Id { get; set; }
        public int? FrozenK { get; set; }
    }

    private sealed class RoundCellRow
    {
        public Guid RoundId { get; set; }
        public string Slice { get; set; } = "";
        public string Measure { get; set; } = "";
        public int N { get; set; }
        public bool Shown { get; set; }
        public double? Mean { get; set; }
        public double? Sd { get; set; }

        public CellRow Cell => new() { Slice = Slice, Measure = Measure, N = N, Shown = Shown, Mean = Mean, Sd = Sd };
    }

    private sealed class CellRow
    {
        public string Slice { get; set; } = "";
        public string Measure { get; set; } = "";
        public int N { get; set; }
        public bool Shown { get; set; }
        public double? Mean { get; set; }
        public double? Sd { get; set; }
    }
}
