using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Rounds;

public static class GetRoundsUseCase
{
    public static Task<Round?> GetRoundAsync(this Database database, Guid roundId, CancellationToken cancellationToken) =>
        database.CachedAsync("round", roundId, () => database.ReadAsync(connection => RoundRow.FindAsync(connection, null, roundId, cancellationToken), cancellationToken));

    /// <summary>The alliance's newest round that has not been closed, or null.</summary>
    public static Task<Round?> GetOpenRoundAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => (await connection.ListAsync<RoundRow>(
                $"SELECT {RoundRow.Columns} FROM rounds r WHERE r.alliance_id = @allianceId AND r.closed_at IS NULL ORDER BY r.number DESC",
                new { allianceId }, null, cancellationToken)).FirstOrDefault()?.ToRound(), cancellationToken);

    /// <summary>The last <paramref name="count"/> closed rounds with their stored results, oldest first (ready for a trend).</summary>
    public static Task<IReadOnlyList<Round>> ListClosedRoundsAsync(this Database database, Guid allianceId, int count, CancellationToken cancellationToken)
    {
        Guard.Range(count, "Count", 1, 1000);
        return database.ReadAsync(async connection =>
            (IReadOnlyList<Round>)[.. (await RoundSnapshotsUseCase.ClosedRoundsAsync(database, connection, allianceId, count, cancellationToken)).Select(r => r.ToRound())],
            cancellationToken);
    }
}
