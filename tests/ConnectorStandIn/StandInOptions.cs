using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AllianceBot.ConnectorStandIn;

/// <summary>
/// How the stand-in behaves. From the command line: --tenant-rate 30 --conversation-limits 7/1,8/2,60/30,1800/3600
/// --omit-retry-after true --blocked 29:a,29:b --rejected 29:c --flaky 29:d=2 --flaky-statuses 412,502 --latency-ms 5
/// </summary>
public sealed record StandInOptions
{
    /// <summary>Requests per second per tenant (all calls: create conversation, send, update).</summary>
    public int TenantRate { get; init; } = 30;

    /// <summary>Per-tenant overrides of <see cref="TenantRate"/> (--tenant-rates t1=5,t2=50).</summary>
    public IReadOnlyDictionary<string, int> TenantRates { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Per conversation, every window must hold: (limit, seconds).</summary>
    public IReadOnlyList<(int Limit, double Seconds)> ConversationLimits { get; init; } = [(7, 1), (8, 2), (60, 30), (1800, 3600)];

    /// <summary>Answer 429 without a Retry-After header (clients must back off on their own).</summary>
    public bool OmitRetryAfter { get; init; }

    /// <summary>Users who blocked the bot: 403 with subCode MessageWritesBlocked.</summary>
    public IReadOnlySet<string> BlockedUsers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Users whose messages are refused as malformed: 400.</summary>
    public IReadOnlySet<string> RejectedUsers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Users whose first n sends fail with a retryable status (see <see cref="FlakyStatuses"/>).</summary>
    public IReadOnlyDictionary<string, int> FlakyUsers { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The statuses a flaky user's failures cycle through (--flaky-statuses 412,502,503,504); 503 when empty.</summary>
    public IReadOnlyList<int> FlakyStatuses { get; init; } = [503];

    /// <summary>Simulated service time per request.</summary>
    public int LatencyMs { get; init; }

    /// <summary>
    /// Delay between accepting a send and answering it (--answer-delay-ms): the message is delivered but the bot
    /// does not know yet, the window in which a crash makes at-least-once delivery send it twice.
    /// </summary>
    public int AnswerDelayMs { get; init; }

    public static StandInOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new StandInOptions();
        if (configuration["tenant-rate"] is { } rate)
        {
            options = options with { TenantRate = int.Parse(rate, CultureInfo.InvariantCulture) };
        }

        if (configuration["conversation-limits"] is { } limits)
        {
            options = options with
            {
                ConversationLimits = limits.Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Split('/'))
                    .Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
                    .ToList(),
            };
        }

        return options with
        {
            TenantRates = Pairs(configuration["tenant-rates"]),
            OmitRetryAfter = bool.TryParse(configuration["omit-retry-after"], out var omit) && omit,
            BlockedUsers = Set(configuration["blocked"]),
            RejectedUsers = Set(configuration["rejected"]),
            FlakyUsers = Pairs(configuration["flaky"]),
            FlakyStatuses = (configuration["flaky-statuses"] ?? "503").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(),
            LatencyMs = int.TryParse(configuration["latency-ms"], CultureInfo.InvariantCulture, out var latency) ? latency : 0,
            AnswerDelayMs = int.TryParse(configuration["answer-delay-ms"], CultureInfo.InvariantCulture, out var answerDelay) ? answerDelay : 0,
        };
    }

    private static Dictionary<string, int> Pairs(string? csv) =>
        (csv ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static HashSet<string> Set(string? csv) =>
        new((csv ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
