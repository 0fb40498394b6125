using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AllianceBot.Scheduling.Outbox.RateLimits;

namespace AllianceBot.Scheduling.Outbox;

/// <summary>Section "Outbox:Dispatcher" (env: Outbox__Dispatcher__MaxInFlight, ...). Defaults follow PROTOCOLS.md.</summary>
public sealed class OutboxDispatcherOptions : IValidatableObject
{
    public const string Section = "Outbox:Dispatcher";

    public bool Enabled { get; set; } = true;

    /// <summary>Identifies this process's claims; default machine-pid-random.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Sends in flight at once (across all buckets; one per conversation at a time).</summary>
    [Range(1, 256)]
    public int MaxInFlight { get; set; } = 32;

    /// <summary>Messages claimed per store round trip; the dispatcher claims more when half are used.</summary>
    [Range(1, 5000)]
    public int ClaimBatchSize { get; set; } = 200;

    /// <summary>How long a claim holds; a crashed instance's messages become claimable again after this.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an idle dispatcher looks for due messages.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Teams: requests per second per app per tenant (Microsoft documents 30 in older and 50 in newer pages).</summary>
    [Range(1, 1000)]
    public int TeamsTenantRequestsPerSecond { get; set; } = 30;

    /// <summary>Teams: per bot per conversation, every window must hold. Format "limit/seconds,...".</summary>
    public string TeamsConversationLimits { get; set; } = "7/1,8/2,60/30,1800/3600";

    /// <summary>Slack: chat.postMessage per channel per second.</summary>
    [Range(1, 100)]
    public int SlackChannelMessagesPerSecond { get; set; } = 1;

    /// <summary>
    /// Added to every window length so that jitter between our clock and the server's arrival times does not turn a
    /// request at the edge of a window into a 429 (20 ms on a 1 s window costs 2 % of the rate).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan WindowSlack { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Attempts (including the first) before a transiently failing message is marked failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// First retry delay of a transient failure; doubles per attempt, with jitter, up to <see cref="BackoffCap"/>.
    /// Also the longest a later message to the same person waits behind a message waiting for its retry.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Pause after a 429 without Retry-After; doubles per throttle in a row, with jitter, up to <see cref="BackoffCap"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ThrottleBackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<WindowLimit> TenantLimits =>
        [new WindowLimit(TeamsTenantRequestsPerSecond, TimeSpan.FromSeconds(1) + WindowSlack)];

    public IReadOnlyList<WindowLimit> ConversationLimits =>
        (ParseLimits(TeamsConversationLimits) ?? []).Select(l => l with { Length = l.Length + WindowSlack }).ToList();

    public IReadOnlyList<WindowLimit> SlackChannelLimits =>
        [new WindowLimit(SlackChannelMessagesPerSecond, TimeSpan.FromSeconds(1) + WindowSlack)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ParseLimits(TeamsConversationLimits) is not { Count: > 0 })
        {
            yield return new ValidationResult(
                $"Outbox:Dispatcher:TeamsConversationLimits must look like \"7/1,8/2,60/30,1800/3600\" (requests/seconds), got \"{TeamsConversationLimits}\".",
                [nameof(TeamsConversationLimits)]);
        }

        if (BackoffCap < BackoffBase)
        {
            yield return new ValidationResult("Outbox:Dispatcher:BackoffCap must not be below BackoffBase.", [nameof(BackoffCap)]);
        }

        if (Lease <= PollInterval * 2)
        {
            yield return new ValidationResult("Outbox:Dispatcher:Lease must be well above PollInterval.", [nameof(Lease)]);
        }
    }

    internal static List<WindowLimit>? ParseLimits(string? text)
    {
        var limits = new List<WindowLimit>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('/');
            if (pieces.Length != 2
                || !int.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1
                || !double.TryParse(pieces[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
            {
                return null;
            }

            limits.Add(new WindowLimit(limit, TimeSpan.FromSeconds(seconds)));
        }

        return limits;
    }
}
