using System.Collections.Concurrent;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Members;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// TEST-ONLY in-memory stand-ins for the storage ports while the Data project's SQLite store is being built in
/// parallel. Swap <see cref="AddTestOnlyStorage"/> for the real store in <c>TeamsHost</c> (one line).
/// </summary>
public static class TestOnlyStorage
{
    public static IServiceCollection AddTestOnlyStorage(this IServiceCollection services)
    {
        services.RemoveAll<IContactStore>();
        services.RemoveAll<IInboundDeduplicator>();
        services.AddSingleton<TestOnlyContactStore>();
        services.AddSingleton<IContactStore>(sp => sp.GetRequiredService<TestOnlyContactStore>());
        services.AddSingleton<IInboundDeduplicator, TestOnlyInboundDeduplicator>();
        return services;
    }
}

public sealed class TestOnlyContactStore : IContactStore
{
    private readonly ConcurrentDictionary<MemberIdentity, Contact> _contacts = new();

    public IReadOnlyCollection<Contact> All => _contacts.Values.ToList();

    public Task<Contact> RecordSightingAsync(ContactSighting sighting, CancellationToken cancellationToken)
    {
        var identity = sighting.Reference.Identity;
        var contact = _contacts.AddOrUpdate(
            identity,
            _ => new Contact(Guid.NewGuid(), identity, sighting.Reference, sighting.DisplayName, sighting.Locale, sighting.TimeZone, true, sighting.SeenAt),
            (_, old) => old with
            {
                Reference = sighting.Reference with { ConversationId = sighting.Reference.ConversationId ?? old.Reference.ConversationId },
                DisplayName = sighting.DisplayName ?? old.DisplayName,
                Locale = sighting.Locale ?? old.Locale,
                TimeZone = sighting.TimeZone ?? old.TimeZone,
                Reachable = true,
                LastSeenAt = sighting.SeenAt,
            });
        return Task.FromResult(contact);
    }

    public Task<Contact?> FindAsync(MemberIdentity identity, CancellationToken cancellationToken) =>
        Task.FromResult(_contacts.TryGetValue(identity, out var contact) ? contact : null);

    public Task MarkUnreachableAsync(MemberIdentity identity, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _contacts.AddOrUpdate(identity, _ => throw new InvalidOperationException("unknown contact"), (_, old) => old with { Reachable = false });
        return Task.CompletedTask;
    }

    public Task SetPersonalConversationAsync(MemberIdentity identity, string conversationId, CancellationToken cancellationToken)
    {
        _contacts.AddOrUpdate(identity, _ => throw new InvalidOperationException("unknown contact"), (_, old) => old with { Reference = old.Reference with { ConversationId = conversationId } });
        return Task.CompletedTask;
    }
}

public sealed class TestOnlyInboundDeduplicator : IInboundDeduplicator
{
    private readonly ConcurrentDictionary<(string, string), bool> _seen = new();

    public Task<bool> TryBeginAsync(string channel, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(_seen.TryAdd((channel, key), true));
}
