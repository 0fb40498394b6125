using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Channels;

namespace AllianceBot.Scheduling.Outbox;

/// <summary>What the dispatcher does with a send's result. Pure: the random number for jitter is passed in.</summary>
public abstract record DeliveryDecision
{
    public sealed record MarkSent(string? MessageId, string? NewConversationId) : DeliveryDecision;

    /// <summary>Try again at <paramref name="At"/>; when <paramref name="PauseBuckets"/>, the message's buckets wait too (429).</summary>
    public sealed record Retry(DateTimeOffset At, bool PauseBuckets, string Error) : DeliveryDecision;

    /// <summary>Final state (<see cref="OutboxStatus.Unreachable"/> or <see cref="OutboxStatus.Failed"/>).</summary>
    public sealed record Final(string Status, string Error) : DeliveryDecision;

    /// <param name="attempts">Attempts made including this one.</param>
    /// <param name="throttlesInARow">429s in a row on the message's bucket, including this one.</param>
    /// <param name="random01">A number in [0, 1) for jitter.</param>
    public static DeliveryDecision Decide(
        DeliveryResult result,
        int attempts,
        int throttlesInARow,
        DateTimeOffset now,
        OutboxDispatcherOptions options,
        double random01) =>
        result.Status switch
        {
            DeliveryStatus.Sent => new MarkSent(result.MessageId, result.ConversationId),
            DeliveryStatus.Throttled => new Retry(
                now + (result.RetryAfter is { } after && after > TimeSpan.Zero
                    ? after
                    : Backoff.Delay(throttlesInARow, options.ThrottleBackoffBase, options.BackoffCap, random01)),
                PauseBuckets: true,
                result.Error ?? "throttled (429)"),
            DeliveryStatus.Transient when attempts >= options.MaxAttempts =>
                new Final(OutboxStatus.Failed, $"gave up after {attempts} attempts: {result.Error ?? "transient failure"}"),
            // A 503 may say when to come back (the Teams messenger passes Retry-After on); never retry sooner than that.
            DeliveryStatus.Transient => new Retry(
                now + Max(Backoff.Delay(attempts, options.BackoffBase, options.BackoffCap, random01), result.RetryAfter ?? TimeSpan.Zero),
                PauseBuckets: false,
                result.Error ?? "transient failure"),
            DeliveryStatus.Unreachable => new Final(OutboxStatus.Unreachable, result.Error ?? "unreachable"),
            _ => new Final(OutboxStatus.Failed, result.Error ?? "failed"),
        };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>Exponential backoff with "equal jitter": half the delay fixed, half random, so retries spread out but never bunch at zero.</summary>
public static class Backoff
{
    /// <param name="attempt">1 for the first retry.</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan cap, double random01)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var full = Math.Min(cap.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)((full / 2) + (full / 2 * Math.Clamp(random01, 0, 1))));
    }
}
