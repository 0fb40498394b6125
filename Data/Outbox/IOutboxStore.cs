namespace AllianceBot.Data.Outbox;

/// <summary>
/// A proactive message waiting to be delivered. Target is the JSON of a ConversationReference, Payload the JSON
/// of a Dialogs view; the dispatcher renders it for the target's channel at send time.
/// </summary>
public sealed record NewOutboxMessage(
    string Kind,
    Guid? AllianceId,
    Guid? RoundId,
    Guid? MemberId,
    string Channel,
    string TenantId,
    string Target,
    string Payload,
    DateTimeOffset NotBefore,
    string? DeduplicationKey = null);

public sealed record OutboxMessage(
    Guid Id,
    string Kind,
    Guid? AllianceId,
    Guid? RoundId,
    Guid? MemberId,
    string Channel,
    string TenantId,
    string Target,
    string Payload,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string Status);

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Claimed = "claimed";
    public const string Sent = "sent";
    public const string Unreachable = "unreachable";
    public const string Failed = "failed";
}

public interface IOutboxStore
{
    /// <summary>Adds messages; a message whose DeduplicationKey already exists is skipped (opening a round twice sends once).</summary>
    Task<int> EnqueueAsync(IReadOnlyCollection<NewOutboxMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> due messages for this instance until now + lease. Safe with several
    /// instances (SKIP LOCKED / READPAST). Expired claims of a crashed instance become claimable again.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string instanceId, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    Task MarkSentAsync(Guid id, string? channelMessageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Releases the claim and schedules another attempt. <paramref name="failedAttempts"/> is how many sends failed
    /// while it was claimed (added to its attempts): 0 when it is handed back unsent (throttled, lease running out,
    /// waiting behind another message), so waiting never spends the retry budget.
    /// </summary>
    Task RescheduleAsync(Guid id, DateTimeOffset nextAttemptAt, int failedAttempts, string? error, CancellationToken cancellationToken);

    /// <summary>Final state: unreachable or failed, with the reason.</summary>
    Task MarkFinalAsync(Guid id, string status, string error, DateTimeOffset at, CancellationToken cancellationToken);
}
