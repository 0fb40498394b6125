namespace AllianceBot.Data.Inbound;

/// <summary>
/// Remembers which inbound deliveries (Teams activity ids, Slack event ids) were already processed, persistently,
/// so a retry or a replay after a restart has one effect.
/// </summary>
public interface IInboundDeduplicator
{
    /// <summary>True the first time (channel, key) is seen; false for every later call with the same pair.</summary>
    Task<bool> TryBeginAsync(string channel, string key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="TryBeginAsync"/> for a caller whose work up to its next database call has no effect outside the
    /// database (the turn pipeline, when the channel's arrival is pure): the store may answer true at once and settle the
    /// question with that next call (PostgreSQL inside a turn: in the same round trip as the contact sighting). When the
    /// delivery turns out to be a repeat, that call fails, the turn is rolled back and runs again from the start, and
    /// there this answers false. Elsewhere it is <see cref="TryBeginAsync"/>.
    /// </summary>
    Task<bool> TryBeginDeferredAsync(string channel, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        TryBeginAsync(channel, key, now, cancellationToken);
}
