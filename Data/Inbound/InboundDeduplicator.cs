using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Inbound;

/// <summary>Persisted (channel, delivery key) pairs; the unique key makes the check-and-remember one atomic insert.</summary>
public sealed class InboundDeduplicator(Database database) : IInboundDeduplicator
{
    /// <summary>The remembering insert on PostgreSQL and SQLite (SQL Server wraps it in TRY/CATCH).</summary>
    internal const string Insert = "INSERT INTO inbound_deliveries (channel, delivery_key, seen_at) VALUES (@Channel, @Key, @now)";

    public Task<bool> TryBeginAsync(string channel, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new { Channel = Guard.Text(channel, "Channel", Guard.ChannelLength), Key = Guard.Text(key, "Delivery key", Guard.KeyLength), now };
        var sql = Sql.InsertIgnore(database.Provider, Insert);
        return database.RunAsync(async connection => await connection.ExecAsync(sql, row, null, cancellationToken) > 0, cancellationToken);
    }

    /// <summary>PostgreSQL in a turn: remembered now, sent with the turn's next database call (<see cref="TurnTransaction"/>).</summary>
    public Task<bool> TryBeginDeferredAsync(string channel, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deferred = new DeferredDelivery(Guard.Text(channel, "Channel", Guard.ChannelLength), Guard.Text(key, "Delivery key", Guard.KeyLength), now);
        return database.DeferDelivery(deferred) ? Task.FromResult(true) : TryBeginAsync(channel, key, now, cancellationToken);
    }
}
