using System.Collections.Concurrent;
using AllianceBot.Data.Members;

namespace AllianceBot.Scheduling.Tests.Fakes;

/// <summary>Records what the dispatcher tells the contact store (unreachable members, created conversations).</summary>
public sealed class RecordingContactStore : IContactStore
{
    public ConcurrentDictionary<MemberIdentity, string> Unreachable { get; } = new();

    public ConcurrentDictionary<MemberIdentity, string> Conversations { get; } = new();

    public Task<Contact> RecordSightingAsync(ContactSighting sighting, CancellationToken cancellationToken) =>
        Task.FromResult(new Contact(Guid.NewGuid(), sighting.Reference.Identity, sighting.Reference, sighting.DisplayName, sighting.Locale, sighting.TimeZone, true, sighting.SeenAt));

    public Task<Contact?> FindAsync(MemberIdentity identity, CancellationToken cancellationToken) => Task.FromResult<Contact?>(null);

    public Task MarkUnreachableAsync(MemberIdentity identity, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Unreachable[identity] = reason;
        return Task.CompletedTask;
    }

    public Task SetPersonalConversationAsync(MemberIdentity identity, string conversationId, CancellationToken cancellationToken)
    {
        Conversations[identity] = conversationId;
        return Task.CompletedTask;
    }
}
