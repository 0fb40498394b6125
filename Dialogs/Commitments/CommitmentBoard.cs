using AllianceBot.Data.Commitments;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Localization;

namespace AllianceBot.Dialogs.Commitments;

/// <summary>
/// Who may make commitments in an alliance, and the commitments section for a health check. One place, so the advice
/// card's "Commit" buttons, "commit N" and the card's section agree.
/// </summary>
public sealed class CommitmentBoard(Database database)
{
    /// <summary>Managers always; members only when the alliance allows it ("commitments members on").</summary>
    public async Task<bool> MayCommitAsync(AllianceScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return AccessPolicy.Decide(scope.Actor, Operation.Commit,
            membersMayCommit: !scope.IsManager && await database.MembersMayCommitAsync(scope.Alliance.Id, cancellationToken)).Allowed;
    }

    /// <summary>
    /// The commitments part of the health check for this reader. <paramref name="buttons"/> is false where the card is
    /// read by more people than the asker (a linked room): there the card shows no "Commit" buttons.
    /// </summary>
    public async Task<CommitmentsOnCard> ForCardAsync(AllianceScope scope, AllianceHealth health, Texts texts, bool buttons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        var canCommit = buttons && await MayCommitAsync(scope, cancellationToken);
        var commitments = await database.ListCommitmentsAsync(scope.Alliance.Id, cancellationToken);
        return new CommitmentsOnCard(canCommit, CommitmentCards.Section(CommitmentCards.Progress(commitments, health, texts.Language), texts, canCommit));
    }
}
