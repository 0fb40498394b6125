using AllianceBot.Data.Storage;
using AllianceBot.Trust;

namespace AllianceBot.Data.Alliances;

/// <summary>One declared phase change; ChangedBy is a contact id, null once that person asked to be forgotten.</summary>
public sealed record PhaseChange(Phase Phase, Guid? ChangedBy, DateTimeOffset ChangedAt, string? Reason);

public static class SetPhaseUseCase
{
    public static Task<Alliance> SetPhaseAsync(this Database database, Guid allianceId, Phase phase, Guid changedBy, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(phase))
        {
            throw StorageException.Invalid($"Phase {(int)phase} does not exist; phases are 1, 2 and 3.");
        }

        var why = Guard.OptionalText(reason, "Reason", Guard.ReasonLength);
        Guard.Id(changedBy, "Changed by");
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await GetAllianceUseCase.RequireAsync(connection, transaction, allianceId, cancellationToken);
            await CreateAllianceUseCase.ContactExistsAsync(connection, transaction, changedBy, cancellationToken);
            await connection.ExecAsync("UPDATE alliances SET phase = @phase WHERE id = @allianceId", new { allianceId, phase = (int)phase }, transaction, cancellationToken);
            await connection.ExecAsync(CreateAllianceUseCase.InsertPhase, new
            {
                Id = Guid.NewGuid(), AllianceId = allianceId, Phase = (int)phase, ChangedBy = changedBy, ChangedAt = now, Reason = why,
            }, transaction, cancellationToken);
            return await GetAllianceUseCase.RequireAsync(connection, transaction, allianceId, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Oldest first; the first entry is the phase the alliance was created in.</summary>
    public static Task<IReadOnlyList<PhaseChange>> GetPhaseHistoryAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var rows = await connection.ListAsync<PhaseRow>(
                "SELECT phase, changed_by, changed_at, reason FROM alliance_phases WHERE alliance_id = @allianceId ORDER BY changed_at, id",
                new { allianceId }, null, cancellationToken);
            return (IReadOnlyList<PhaseChange>)rows.Select(r => new PhaseChange((Phase)r.Phase, r.ChangedBy, r.ChangedAt, r.Reason)).ToList();
        }, cancellationToken);

    private sealed class PhaseRow
    {
        public int Phase { get; set; }
        public Guid? ChangedBy { get; set; }
        public DateTimeOffset ChangedAt { get; set; }
        public string? Reason { get; set; }
    }
}
