namespace AllianceBot.Data.Inbound;

/// <summary>
/// Remembers which inbound deliveries (Teams activity ids, Slack event ids) were already processed, persistently,
/// so a retry or a replay after a restart has one effect.
/// </summary>
public interface IInboundDeduplicator
{
    /// <summary>True the first time (channel, key) is seen; false for every later call with the same pair.</summary>
    Task<bool> TryBeginAsync(string channel, string key, DateTimeOffset now, CancellationToken cancellationToken);
}
