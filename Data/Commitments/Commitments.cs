using AllianceBot.Data.Storage;
using AllianceBot.Trust;

namespace AllianceBot.Data.Commitments;

/// <summary>Where a commitment stands: open until its due round closes; kept when marked done before that; else missed.</summary>
public enum CommitmentStatus
{
    Open,
    Kept,
    Missed,
}

/// <summary>
/// An advice item an alliance promised to carry out (docs/commitments.md). <see cref="Number"/> is the alliance's own
/// running number ("done 1"); <see cref="OwnerName"/> is null once the owner was forgotten ("a former member").
/// Nothing here says how anyone answered a pulse.
/// </summary>
public sealed record Commitment(
    Guid Id,
    Guid AllianceId,
    int Number,
    string AdviceId,
    Dimension Dimension,
    Guid? OwnerMemberId,
    string? OwnerName,
    Guid? MadeByMemberId,
    int? BaseRound,
    int DueRound,
    CommitmentStatus Status,
    DateTimeOffset MadeAt,
    DateTimeOffset? SettledAt);

/// <summary>What a new commitment needs; the number is given by storage.</summary>
public sealed record NewCommitment(Guid AllianceId, string AdviceId, Dimension Dimension, Guid OwnerMemberId, Guid MadeByMemberId, int? BaseRound, int DueRound);

public static class CommitmentsUseCase
{
    private const string Columns = """
        c.id, c.alliance_id, c.number, c.advice_id, c.dimension, c.owner_member_id, p.display_name AS owner_name,
        c.made_by_member_id, c.base_round, c.due_round, c.status, c.made_at, c.settled_at
        """;

    private const string From = """
        FROM commitments c
        LEFT JOIN members m ON m.id = c.owner_member_id
        LEFT JOIN contacts p ON p.id = m.contact_id
        """;

    /// <summary>Stores a commitment under the alliance's next number (1, 2, …); the owner and maker must be its members.</summary>
    public static Task<Commitment> MakeCommitmentAsync(this Database database, NewCommitment commitment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        var adviceId = Guard.Text(commitment.AdviceId, "Advice id", Guard.ItemIdLength);
        Guard.Range(commitment.DueRound, "Due round", 1, 100_000);
        if (commitment.BaseRound is { } baseRound && baseRound >= commitment.DueRound)
        {
            throw StorageException.Invalid($"The due round ({commitment.DueRound}) must come after the round the commitment is measured from ({baseRound}).");
        }

        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var members = await connection.ScalarAsync<int>(
                "SELECT COUNT(*) FROM members WHERE alliance_id = @AllianceId AND removed_at IS NULL AND (id = @OwnerMemberId OR id = @MadeByMemberId)",
                commitment, transaction, cancellationToken);
            var expected = commitment.OwnerMemberId == commitment.MadeByMemberId ? 1 : 2;
            if (members != expected)
            {
                throw StorageException.Invalid("The owner and the maker of a commitment must be active members of its alliance.");
            }

            // Numbers are per alliance: hold the alliance's row until commit so a second commitment made at the same
            // moment reads MAX(number) after this one is in (without it both took the same number on PostgreSQL and
            // the unique key refused one). SQLite has one writer, so its transactions never interleave.
            if (database.Provider != StorageProvider.Sqlite)
            {
                await connection.ScalarAsync<Guid?>(LockAlliance(database.Provider), commitment, transaction, cancellationToken);
            }

            var number = await connection.ScalarAsync<int>("SELECT COALESCE(MAX(number), 0) + 1 FROM commitments WHERE alliance_id = @AllianceId",
                commitment, transaction, cancellationToken);
            var id = Guid.NewGuid();
            await connection.ExecAsync("""
                INSERT INTO commitments (id, alliance_id, number, advice_id, dimension, owner_member_id, made_by_member_id, base_round, due_round, status, made_at)
                VALUES (@id, @AllianceId, @number, @adviceId, @dimension, @OwnerMemberId, @MadeByMemberId, @BaseRound, @DueRound, 'open', @now)
                """,
                new
                {
                    id, commitment.AllianceId, number, adviceId, dimension = DimensionName(commitment.Dimension), commitment.OwnerMemberId,
                    commitment.MadeByMemberId, commitment.BaseRound, commitment.DueRound, now,
                }, transaction, cancellationToken);
            return (await connection.ListAsync<CommitmentRow>($"SELECT {Columns} {From} WHERE c.id = @id", new { id }, transaction, cancellationToken))[0].ToCommitment();
        }, cancellationToken);
    }

    private static string LockAlliance(StorageProvider provider) => provider == StorageProvider.SqlServer
        ? "SELECT id FROM alliances WITH (UPDLOCK, HOLDLOCK, ROWLOCK) WHERE id = @AllianceId"
        : "SELECT id FROM alliances WHERE id = @AllianceId FOR UPDATE";

    /// <summary>The alliance's commitments, by number.</summary>
    public static Task<IReadOnlyList<Commitment>> ListCommitmentsAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => (IReadOnlyList<Commitment>)(await connection.ListAsync<CommitmentRow>(
                $"SELECT {Columns} {From} WHERE c.alliance_id = @allianceId ORDER BY c.number", new { allianceId }, null, cancellationToken))
            .Select(r => r.ToCommitment()).ToList(), cancellationToken);

    /// <summary>
    /// Marks an open commitment kept (done). Null when there is no such number; an already kept or missed commitment is
    /// returned unchanged (the caller tells the user). Who may do this is the dialog's decision.
    /// </summary>
    public static Task<Commitment?> MarkCommitmentDoneAsync(this Database database, Guid allianceId, int number, Guid byMemberId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecAsync("""
                UPDATE commitments SET status = 'kept', settled_at = @now, settled_by_member_id = @byMemberId
                WHERE alliance_id = @allianceId AND number = @number AND status = 'open'
                """, new { allianceId, number, byMemberId, now }, transaction, cancellationToken);
            return (await connection.ListAsync<CommitmentRow>($"SELECT {Columns} {From} WHERE c.alliance_id = @allianceId AND c.number = @number",
                new { allianceId, number }, transaction, cancellationToken)).FirstOrDefault()?.ToCommitment();
        }, cancellationToken);

    /// <summary>
    /// Round <paramref name="closedRound"/> of the alliance closed: every commitment still open that was due by then is
    /// missed. Idempotent (a second close finds none open). Returns how many were marked.
    /// </summary>
    public static Task<int> MarkCommitmentsMissedAsync(this Database database, Guid allianceId, int closedRound, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(connection => connection.ExecAsync("""
            UPDATE commitments SET status = 'missed', settled_at = @now
            WHERE alliance_id = @allianceId AND status = 'open' AND due_round <= @closedRound
            """, new { allianceId, closedRound, now }, null, cancellationToken), cancellationToken);

    /// <summary>Whether members who are not managers may make commitments (default false).</summary>
    public static Task<bool> MembersMayCommitAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.OneOrDefaultAsync<bool?>(
            "SELECT members_may_commit FROM alliances WHERE id = @allianceId", new { allianceId }, null, cancellationToken) ?? false, cancellationToken);

    public static Task SetMembersMayCommitAsync(this Database database, Guid allianceId, bool allowed, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var updated = await connection.ExecAsync("UPDATE alliances SET members_may_commit = @allowed WHERE id = @allianceId", new { allianceId, allowed }, null, cancellationToken);
            return updated == 1 ? updated : throw StorageException.NotFound("Alliance", allianceId);
        }, cancellationToken);

    internal static string DimensionName(Dimension dimension) => dimension == Dimension.Relational ? "relational" : "calculative";

    private sealed class CommitmentRow
    {
        public Guid Id { get; set; }
        public Guid AllianceId { get; set; }
        public int Number { get; set; }
        public string AdviceId { get; set; } = "";
        public string Dimension { get; set; } = "";
        public Guid? OwnerMemberId { get; set; }
        public string? OwnerName { get; set; }
        public Guid? MadeByMemberId { get; set; }
        public int? BaseRound { get; set; }
        public int DueRound { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset MadeAt { get; set; }
        public DateTimeOffset? SettledAt { get; set; }

        public Commitment ToCommitment() => new(Id, AllianceId, Number, AdviceId,
            string.Equals(Dimension, "relational", StringComparison.Ordinal) ? Trust.Dimension.Relational : Trust.Dimension.Calculative,
            OwnerMemberId, OwnerName, MadeByMemberId, BaseRound, DueRound,
            Status switch { "kept" => CommitmentStatus.Kept, "missed" => CommitmentStatus.Missed, _ => CommitmentStatus.Open },
            MadeAt, SettledAt);
    }
}
