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

    /// <summary>The last <paramref name="count"/> closed rounds with their snapshots, oldest first.</summary>
    public static async Task<IReadOnlyList<ClosedRoundSnapshot>> ListFrozenRoundsAsync(this Database database, Guid allianceId, int count, CancellationToken cancellationToken)
    {
        var rounds = await database.ListClosedRoundsAsync(allianceId, count, cancellationToken);
        var result = new List<ClosedRoundSnapshot>(rounds.Count);
        foreach (var round in rounds)
        {
            result.Add(new ClosedRoundSnapshot(round, await database.GetFrozenRoundAsync(round, cancellationToken)));
        }

        return result;
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
        var respondents = cells.FirstOrDefault(c => c.Slice == RoundSnapshot.All && c.Measure == RoundSnapshot.Respondents)?.N ?? 0;
        return new FrozenRound(round.Id.ToString(), round.ClosedAt ?? round.ClosesAt, Math.Max(round.InvitedCount, respondents), k.Value,
            [.. cells.Select(c => new SnapshotCell(c.Slice, c.Measure, c.N, c.Shown, c.Mean, c.Sd))]);
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
