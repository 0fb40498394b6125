using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Inbound;

/// <summary>Persisted (channel, delivery key) pairs; the unique key makes the check-and-remember one atomic insert.</summary>
public sealed class InboundDeduplicator(Database database) : IInboundDeduplicator
{
    public Task<bool> TryBeginAsync(string channel, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new { Channel = Guard.Text(channel, "Channel", Guard.ChannelLength), Key = Guard.Text(key, "Delivery key", Guard.KeyLength), now };
        var sql = Sql.InsertIgnore(database.Provider, "INSERT INTO inbound_deliveries (channel, delivery_key, seen_at) VALUES (@Channel, @Key, @now)");
        return database.RunAsync(async connection => await connection.ExecAsync(sql, row, null, cancellationToken) > 0, cancellationToken);
    }
}
