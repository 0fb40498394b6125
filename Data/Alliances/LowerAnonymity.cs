using System.Data.Common;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Alliances;

/// <summary>Where a lowering of k stands: the k in force, and a pending lower k with who has and has not confirmed it.</summary>
public sealed record AnonymityState(
    int K,
    int? PendingK,
    DateTimeOffset? EffectiveFrom,
    IReadOnlyList<string> ConfirmedPartners,
    IReadOnlyList<string> WaitingPartners);

public enum LowerOutcome
{
    /// <summary>A new lowering was proposed; managers of the other partners must confirm it.</summary>
    Proposed,

    /// <summary>This partner's confirmation was recorded; others must still confirm.</summary>
    Confirmed,

    /// <summary>Every partner confirmed: the lower k applies to rounds that close from EffectiveFrom on.</summary>
    Scheduled,

    /// <summary>This partner had already confirmed this lowering: nothing changed.</summary>
    AlreadyConfirmed,
}

public sealed record LowerResult(LowerOutcome Outcome, AnonymityState State);

/// <summary>The open lowering of k (proposed, not yet agreed by every partner): which one, by which partner and contact.</summary>
public sealed record PendingLowering(Guid Id, int K, Guid PartnerId, Guid? ProposedBy, DateTimeOffset ProposedAt);

/// <summary>
/// k is never lowered after the fact (DESIGN §4). Raising it is immediate (<see cref="SetAnonymityUseCase"/>).
/// Lowering it is a proposal that a manager of every partner with members must confirm (and at least two people);
/// once confirmed, it applies only to rounds that close at least <see cref="AllianceDefaults.LowerAnonymityProposalDays"/>
/// days later, so nobody answers a round under a k that is lowered before it closes. A closed round keeps the k it
/// closed under for ever (its snapshot).
/// </summary>
public static class AnonymityThreshold
{
    /// <summary>The k in force now, and any pending lowering.</summary>
    public static Task<AnonymityState> GetAnonymityStateAsync(this Database database, Guid allianceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync((connection, transaction) => StateAsync(connection, transaction, allianceId, now, cancellationToken), cancellationToken);

    /// <summary>
    /// A manager (contact <paramref name="contactId"/> of partner <paramref name="partnerId"/>) asks for k =
    /// <paramref name="k"/>, lower than the k in force: proposes it, or confirms the pending proposal of the same k.
    /// A different pending lowering is replaced (its confirmations do not carry over).
    /// </summary>
    public static Task<LowerResult> RequestLowerAnonymityAsync(this Database database, Guid allianceId, int k, Guid contactId, Guid partnerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Guard.Range(k, "Anonymity threshold", AllianceDefaults.MinAnonymityK, AllianceDefaults.MaxAnonymityK);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var current = await StateAsync(connection, transaction, allianceId, now, cancellationToken);
            if (k >= current.K)
            {
                throw StorageException.Invalid($"k {k} is not lower than the k in force ({current.K}); raising k needs no confirmation.");
            }

            var pending = await PendingAsync(connection, transaction, allianceId, cancellationToken);
            var outcome = LowerOutcome.Confirmed;
            if (pending is null || pending.K != k || pending.ConfirmedAt is not null)
            {
                await connection.ExecAsync("UPDATE k_proposals SET withdrawn_at = @now WHERE alliance_id = @allianceId AND withdrawn_at IS NULL",
                    new { allianceId, now }, transaction, cancellationToken);
                pending = new ProposalRow { Id = Guid.NewGuid(), K = k };
                await connection.ExecAsync("""
                    INSERT INTO k_proposals (id, alliance_id, k, proposed_by, partner_id, proposed_at, confirmed_at, effective_from, withdrawn_at)
                    VALUES (@Id, @allianceId, @k, @contactId, @partnerId, @now, NULL, NULL, NULL)
                    """, new { pending.Id, allianceId, k, contactId, partnerId, now }, transaction, cancellationToken);
                outcome = LowerOutcome.Proposed;
            }

            var confirmedBefore = await connection.ListAsync<ConfirmationRow>("SELECT partner_id, confirmed_by FROM k_confirmations WHERE proposal_id = @Id",
                new { pending.Id }, transaction, cancellationToken);
            if (confirmedBefore.Any(c => c.PartnerId == partnerId))
            {
                return new LowerResult(LowerOutcome.AlreadyConfirmed, current);
            }

            await connection.ExecAsync("INSERT INTO k_confirmations (proposal_id, partner_id, confirmed_by, confirmed_at) VALUES (@Id, @partnerId, @contactId, @now)",
                new { pending.Id, partnerId, contactId, now }, transaction, cancellationToken);
            var people = confirmedBefore.Select(c => c.ConfirmedBy).Append(contactId).OfType<Guid>().Distinct().Count();
            var waiting = await WaitingPartnersAsync(connection, transaction, allianceId, pending.Id, cancellationToken);
            if (waiting.Count == 0 && people >= 2)
            {
                var effectiveFrom = now.AddDays(AllianceDefaults.LowerAnonymityProposalDays);
                await connection.ExecAsync("UPDATE k_proposals SET confirmed_at = @now, effective_from = @effectiveFrom WHERE id = @Id",
                    new { pending.Id, now, effectiveFrom }, transaction, cancellationToken);
                outcome = LowerOutcome.Scheduled;
            }

            return new LowerResult(outcome, await StateAsync(connection, transaction, allianceId, now, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>
    /// The lowering still waiting for agreement, or null when there is none (none proposed, withdrawn, declined, or
    /// already agreed by every partner). A confirmation card names the proposal it was sent for and checks it here.
    /// </summary>
    public static Task<PendingLowering?> GetOpenLoweringAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var row = await connection.OneOrDefaultAsync<OpenRow>("""
                SELECT id, k, partner_id, proposed_by, proposed_at FROM k_proposals
                WHERE alliance_id = @allianceId AND withdrawn_at IS NULL AND confirmed_at IS NULL
                ORDER BY proposed_at DESC
                """, new { allianceId }, transaction, cancellationToken);
            return row is null ? null : new PendingLowering(row.Id, row.K, row.PartnerId, row.ProposedBy, row.ProposedAt);
        }, cancellationToken);

    /// <summary>
    /// A manager declines the open lowering <paramref name="proposalId"/>: it is withdrawn (k stays as it is). False
    /// when that proposal is no longer open (withdrawn, replaced, declined or already agreed by every partner): nothing changes.
    /// </summary>
    public static Task<bool> DeclineLowerAnonymityAsync(this Database database, Guid allianceId, Guid proposalId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecAsync("""
                UPDATE k_proposals SET withdrawn_at = @now
                WHERE id = @proposalId AND alliance_id = @allianceId AND withdrawn_at IS NULL AND confirmed_at IS NULL
                """, new { proposalId, allianceId, now }, transaction, cancellationToken);
            return changed == 1;
        }, cancellationToken);

    /// <summary>
    /// The k a round closing at <paramref name="at"/> closes under. A confirmed lowering that is due by then is
    /// applied to the alliance first (written once; the proposal is then done).
    /// </summary>
    internal static async Task<int> EffectiveKAsync(DbConnection connection, DbTransaction transaction, Guid allianceId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var due = await connection.OneOrDefaultAsync<ProposalRow>("""
            SELECT id, k, confirmed_at, effective_from FROM k_proposals
            WHERE alliance_id = @allianceId AND withdrawn_at IS NULL AND effective_from IS NOT NULL AND effective_from <= @at
            ORDER BY effective_from DESC
            """, new { allianceId, at }, transaction, cancellationToken);
        if (due is not null)
        {
            await connection.ExecAsync("UPDATE alliances SET anonymity_k = @K WHERE id = @allianceId", new { due.K, allianceId }, transaction, cancellationToken);
            await connection.ExecAsync("UPDATE k_proposals SET withdrawn_at = @at WHERE alliance_id = @allianceId AND withdrawn_at IS NULL AND effective_from <= @at",
                new { allianceId, at }, transaction, cancellationToken);
        }

        return await connection.OneOrDefaultAsync<int?>("SELECT anonymity_k FROM alliances WHERE id = @allianceId", new { allianceId }, transaction, cancellationToken)
            ?? throw StorageException.NotFound("Alliance", allianceId);
    }

    /// <summary>Raising k (or setting the same k) ends any pending lowering.</summary>
    internal static Task WithdrawPendingAsync(DbConnection connection, DbTransaction transaction, Guid allianceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecAsync("UPDATE k_proposals SET withdrawn_at = @now WHERE alliance_id = @allianceId AND withdrawn_at IS NULL", new { allianceId, now }, transaction, cancellationToken);

    private static async Task<AnonymityState> StateAsync(DbConnection connection, DbTransaction transaction, Guid allianceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var k = await EffectiveKAsync(connection, transaction, allianceId, now, cancellationToken);
        var pending = await PendingAsync(connection, transaction, allianceId, cancellationToken);
        if (pending is null)
        {
            return new AnonymityState(k, null, null, [], []);
        }

        var confirmed = await connection.ListAsync<string>(
            "SELECT p.name FROM k_confirmations c JOIN partners p ON p.id = c.partner_id WHERE c.proposal_id = @Id ORDER BY p.name", new { pending.Id }, transaction, cancellationToken);
        var waiting = await WaitingPartnersAsync(connection, transaction, allianceId, pending.Id, cancellationToken);
        return new AnonymityState(k, pending.K, pending.EffectiveFrom, confirmed, [.. waiting.Select(w => w.Name)]);
    }

    private static async Task<ProposalRow?> PendingAsync(DbConnection connection, DbTransaction transaction, Guid allianceId, CancellationToken cancellationToken) =>
        await connection.OneOrDefaultAsync<ProposalRow>(
            "SELECT id, k, confirmed_at, effective_from FROM k_proposals WHERE alliance_id = @allianceId AND withdrawn_at IS NULL ORDER BY proposed_at DESC",
            new { allianceId }, transaction, cancellationToken);

    // Partners with active members that have not confirmed yet (a partner without members has no one to protect).
    private static async Task<IReadOnlyList<PartnerName>> WaitingPartnersAsync(DbConnection connection, DbTransaction transaction, Guid allianceId, Guid proposalId, CancellationToken cancellationToken) =>
        await connection.ListAsync<PartnerName>("""
            SELECT p.id, p.name FROM partners p
            WHERE p.alliance_id = @allianceId
              AND EXISTS (SELECT 1 FROM members m WHERE m.partner_id = p.id AND m.removed_at IS NULL)
              AND NOT EXISTS (SELECT 1 FROM k_confirmations c WHERE c.proposal_id = @proposalId AND c.partner_id = p.id)
            ORDER BY p.name
            """, new { allianceId, proposalId }, transaction, cancellationToken);

    private sealed class ProposalRow
    {
        public Guid Id { get; set; }
        public int K { get; set; }
        public DateTimeOffset? ConfirmedAt { get; set; }
        public DateTimeOffset? EffectiveFrom { get; set; }
    }

    private sealed class OpenRow
    {
        public Guid Id { get; set; }
        public int K { get; set; }
        public Guid PartnerId { get; set; }
        public Guid? ProposedBy { get; set; }
        public DateTimeOffset ProposedAt { get; set; }
    }

    private sealed class ConfirmationRow
    {
        public Guid PartnerId { get; set; }
        public Guid? ConfirmedBy { get; set; }
    }

    private sealed class PartnerName
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
    }
}
