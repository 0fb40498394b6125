namespace AllianceBot.Data.Members;

/// <summary>What a channel saw of a person on an inbound activity: where to reach them and how they speak.</summary>
public sealed record ContactSighting(
    ConversationReference Reference,
    string? DisplayName,
    string? Locale,
    string? TimeZone,
    DateTimeOffset SeenAt);

/// <summary>Stored contact details of one channel identity, shared by all alliances the person is in.</summary>
public sealed record Contact(
    Guid Id,
    MemberIdentity Identity,
    ConversationReference Reference,
    string? DisplayName,
    string? Locale,
    string? TimeZone,
    bool Reachable,
    DateTimeOffset LastSeenAt);

public interface IContactStore
{
    /// <summary>Upserts the person's conversation reference; a missing locale/time zone keeps the last value seen.</summary>
    Task<Contact> RecordSightingAsync(ContactSighting sighting, CancellationToken cancellationToken);

    /// <summary>
    /// True when the store runs a request's database calls in the order they were made, whether or not the caller waited
    /// for the earlier ones (SQLite: one connection runs every call in turn), so the sighting need not be awaited before
    /// the turn's own reads and writes, which see it anyway — only before the request is answered.
    /// </summary>
    bool KeepsCallOrder => false;

    Task<Contact?> FindAsync(MemberIdentity identity, CancellationToken cancellationToken);

    /// <summary>Teams 403 MessageWritesBlocked, Slack account_inactive...: stop sending until they are seen again.</summary>
    Task MarkUnreachableAsync(MemberIdentity identity, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Saves the 1:1 conversation id created proactively for this person.</summary>
    Task SetPersonalConversationAsync(MemberIdentity identity, string conversationId, CancellationToken cancellationToken);
}
