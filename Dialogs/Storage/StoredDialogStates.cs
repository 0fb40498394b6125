using System.Text.Json;
using AllianceBot.Data.DialogStates;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Routing.Guided;

namespace AllianceBot.Dialogs.Storage;

/// <summary>
/// Guided-dialog state in the database, so a half-finished dialog survives a restart and another instance. The
/// conversation id travels with the state in a small envelope; the store itself only keeps opaque JSON.
/// </summary>
public sealed class StoredDialogStates(Database database) : IDialogStateStore
{
    public async Task<IReadOnlyList<DialogStateRecord>> ListAsync(MemberIdentity identity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await database.ListDialogStatesAsync(identity, now, cancellationToken);
        return rows.Select(r =>
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(r.StateJson) ?? new Envelope(null, "{}");
            return new DialogStateRecord(r.Dialog, envelope.State, envelope.Conversation, r.UpdatedAt, r.ExpiresAt);
        }).ToList();
    }

    public Task SaveAsync(MemberIdentity identity, DialogStateRecord record, CancellationToken cancellationToken) =>
        database.SaveDialogStateAsync(identity, record.DialogName, JsonSerializer.Serialize(new Envelope(record.ConversationId, record.StateJson)),
            record.UpdatedAt, record.ExpiresAt, cancellationToken);

    public Task DeleteAsync(MemberIdentity identity, string dialogName, CancellationToken cancellationToken) =>
        database.DeleteDialogStateAsync(identity, dialogName, cancellationToken);

    private sealed record Envelope(string? Conversation, string State);
}
