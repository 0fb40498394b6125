using AllianceBot.Data.Members;

namespace AllianceBot.Dialogs.Routing.Guided;

/// <summary>
/// The stored state of one guided dialog for one person: the dialog's typed state record as JSON, the conversation it
/// runs in (null: any), when it last moved (the most recent one is the active dialog) and when it expires.
/// </summary>
public sealed record DialogStateRecord(
    string DialogName,
    string StateJson,
    string? ConversationId,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ExpiresAt);

/// <summary>
/// Port for guided-dialog state, keyed by (identity, dialog name). Storage implements it durably (a dialog must
/// survive a restart); the state JSON is opaque to the store.
/// </summary>
public interface IDialogStateStore
{
    /// <summary>Every dialog state of this person that has not expired at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<DialogStateRecord>> ListAsync(MemberIdentity identity, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the state for (identity, record.DialogName).</summary>
    Task SaveAsync(MemberIdentity identity, DialogStateRecord record, CancellationToken cancellationToken);

    /// <summary>Removes the state for (identity, dialogName); no error when there is none.</summary>
    Task DeleteAsync(MemberIdentity identity, string dialogName, CancellationToken cancellationToken);
}
