using System.Collections.Concurrent;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Routing.Guided;

namespace AllianceBot.Dialogs.Tests.Harness;

/// <summary>Dialog state in memory, for tests only: production state must survive a restart (storage implements the port).</summary>
public sealed class InMemoryDialogStateStore : IDialogStateStore
{
    private readonly ConcurrentDictionary<(MemberIdentity, string), DialogStateRecord> records = new();

    public IReadOnlyCollection<DialogStateRecord> All => [.. records.Values];

    public Task<IReadOnlyList<DialogStateRecord>> ListAsync(MemberIdentity identity, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DialogStateRecord>>(
            [.. records.Where(r => r.Key.Item1 == identity && r.Value.ExpiresAt > now).Select(r => r.Value)]);

    public Task SaveAsync(MemberIdentity identity, DialogStateRecord record, CancellationToken cancellationToken)
    {
        records[(identity, record.DialogName)] = record;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(MemberIdentity identity, string dialogName, CancellationToken cancellationToken)
    {
        records.TryRemove((identity, dialogName), out _);
        return Task.CompletedTask;
    }
}
