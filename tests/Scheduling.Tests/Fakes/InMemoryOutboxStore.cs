using AllianceBot.Data.Outbox;

namespace AllianceBot.Scheduling.Tests.Fakes;

/// <summary>
/// Test double of the outbox, faithful to the IOutboxStore contract: de-duplication keys, due order
/// (NextAttemptAt, then insertion), claims with a lease that expire so another instance can reclaim, attempts + 1
/// on reschedule, final states. Used until the Data layer's SQLite store is merged; the benchmark uses it too.
/// </summary>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly object gate = new();
    private readonly List<Row> rows = [];
    private readonly Dictionary<Guid, Row> byId = [];
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);

    public Task<int> EnqueueAsync(IReadOnlyCollection<NewOutboxMessage> messages, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var added = 0;
            foreach (var m in messages)
            {
                if (m.DeduplicationKey is not null && !keys.Add(m.DeduplicationKey))
                {
                    continue;
                }

                var row = new Row(Guid.NewGuid(), rows.Count, m) { NextAttemptAt = m.NotBefore };
                rows.Add(row);
                byId.Add(row.Id, row);
                added++;
            }

            return Task.FromResult(added);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string instanceId, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var due = rows
                .Where(r => (r.Status == OutboxStatus.Pending && r.NextAttemptAt <= now)
                    || (r.Status == OutboxStatus.Claimed && r.LeaseUntil <= now))
                .OrderBy(r => r.NextAttemptAt).ThenBy(r => r.Order)
                .Take(max)
                .ToList();
            foreach (var row in due)
            {
                row.Status = OutboxStatus.Claimed;
                row.ClaimedBy = instanceId;
                row.LeaseUntil = now + lease;
                row.Claims++;
            }

            return Task.FromResult<IReadOnlyList<OutboxMessage>>(due.Select(r => r.ToMessage()).ToList());
        }
    }

    public Task MarkSentAsync(Guid id, string? channelMessageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Update(id, r =>
        {
            r.Status = OutboxStatus.Sent;
            r.ChannelMessageId = channelMessageId;
            r.FinishedAt = at;
        });

    public Task RescheduleAsync(Guid id, DateTimeOffset nextAttemptAt, string? error, CancellationToken cancellationToken) =>
        Update(id, r =>
        {
            r.Status = OutboxStatus.Pending;
            r.ClaimedBy = null;
            r.NextAttemptAt = nextAttemptAt;
            r.Attempts++;
            r.LastError = error;
        });

    public Task MarkFinalAsync(Guid id, string status, string error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (status is not (OutboxStatus.Unreachable or OutboxStatus.Failed))
        {
            throw new ArgumentException($"'{status}' is not a final status", nameof(status));
        }

        return Update(id, r =>
        {
            r.Status = status;
            r.LastError = error;
            r.FinishedAt = at;
        });
    }

    public IReadOnlyList<Row> Snapshot()
    {
        lock (gate)
        {
            return rows.Select(r => r.Copy()).ToList();
        }
    }

    public int Count(string status)
    {
        lock (gate)
        {
            return rows.Count(r => r.Status == status);
        }
    }

    private Task Update(Guid id, Action<Row> change)
    {
        lock (gate)
        {
            change(byId.TryGetValue(id, out var row) ? row : throw new KeyNotFoundException($"No outbox message {id}"));
            return Task.CompletedTask;
        }
    }

    public sealed class Row(Guid id, int order, NewOutboxMessage message)
    {
        public Guid Id { get; } = id;

        public int Order { get; } = order;

        public NewOutboxMessage Message { get; } = message;

        public string Status { get; set; } = OutboxStatus.Pending;

        public DateTimeOffset NextAttemptAt { get; set; }

        public DateTimeOffset LeaseUntil { get; set; }

        public string? ClaimedBy { get; set; }

        public int Attempts { get; set; }

        public int Claims { get; set; }

        public string? LastError { get; set; }

        public string? ChannelMessageId { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        public OutboxMessage ToMessage() =>
            new(Id, Message.Kind, Message.AllianceId, Message.RoundId, Message.MemberId, Message.Channel, Message.TenantId,
                Message.Target, Message.Payload, Attempts, NextAttemptAt, Status);

        public Row Copy() => (Row)MemberwiseClone();
    }
}
