using System.Collections.Concurrent;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// TEST-ONLY stand-in for the persisted deduplicator that the Data area provides; the contract (first call true,
/// later calls false) is all the Slack channel relies on.
/// </summary>
internal sealed class InMemoryInboundDeduplicator : IInboundDeduplicator
{
    private readonly ConcurrentDictionary<(string, string), DateTimeOffset> seen = new();

    public Task<bool> TryBeginAsync(string channel, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(seen.TryAdd((channel, key), now));
}

/// <summary>TEST-ONLY contact store that records sightings (the real one is the Data area's).</summary>
internal sealed class RecordingContactStore : IContactStore
{
    public ConcurrentQueue<ContactSighting> Sightings { get; } = new();

    public Task<Contact> RecordSightingAsync(ContactSighting sighting, CancellationToken cancellationToken)
    {
        Sightings.Enqueue(sighting);
        return Task.FromResult(new Contact(Guid.NewGuid(), sighting.Reference.Identity, sighting.Reference, sighting.DisplayName, sighting.Locale, sighting.TimeZone, true, sighting.SeenAt));
    }

    public Task<Contact?> FindAsync(MemberIdentity identity, CancellationToken cancellationToken) =>
        Task.FromResult<Contact?>(null);

    public Task MarkUnreachableAsync(MemberIdentity identity, string reason, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SetPersonalConversationAsync(MemberIdentity identity, string conversationId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// TEST-ONLY turn handler used where a specific view must flow through before the real dialogs exist (a pulse card
/// with inputs, a replaced card). It records every turn it sees.
/// </summary>
internal sealed class ScriptedTurnHandler(Func<Turn, TurnResult> answer) : ITurnHandler
{
    public ConcurrentQueue<Turn> Turns { get; } = new();

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        Turns.Enqueue(turn);
        return Task.FromResult(answer(turn));
    }
}
