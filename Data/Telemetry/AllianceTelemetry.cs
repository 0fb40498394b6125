using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;

namespace AllianceBot.Data.Telemetry;

/// <summary>
/// The bot's own OpenTelemetry signals: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <c>AllianceBot</c>, for what operators watch (docs/operations.md#alerts). No personal data goes into a tag: no names,
/// no texts, no answers; a user appears only as <see cref="Pseudonym"/>, and only on traces. Tag values are low-cardinality
/// words from the code (channel, intent, kind, reason), never text a caller chose.
/// </summary>
public sealed class AllianceTelemetry : IDisposable
{
    public const string Name = "AllianceBot";

    /// <summary>Spans of turns, outbox sends and round steps (static: an ActivitySource cannot be scoped to a container).</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter meter;

    /// <summary>The meter (for a test's MeterListener to pick exactly this instance's instruments).</summary>
    public Meter Meter => meter;
    private readonly Counter<long> turns;
    private readonly Counter<long> answers;
    private readonly Counter<long> outboxSent;
    private readonly Counter<long> outboxFailed;
    private readonly Counter<long> outboxUnreachable;
    private readonly Counter<long> outboxThrottled;
    private readonly Gauge<double> backlogAge;
    private readonly Counter<long> roundsOpened;
    private readonly Counter<long> roundsClosed;
    private readonly Histogram<double> participation;
    private readonly Counter<long> authRejections;

    /// <param name="meters">The host's meter factory (its meters are scoped to the host); null for a standalone meter.</param>
    public AllianceTelemetry(IMeterFactory? meters = null)
    {
        meter = meters?.Create(Name) ?? new Meter(Name);
        turns = meter.CreateCounter<long>("alliancebot.turns", "{turn}", "Turns handled, by channel, kind and recognized intent");
        answers = meter.CreateCounter<long>("alliancebot.answers.recorded", "{submission}", "Pulse submissions stored");
        outboxSent = meter.CreateCounter<long>("alliancebot.outbox.sent", "{message}", "Proactive messages delivered, by channel and kind");
        outboxFailed = meter.CreateCounter<long>("alliancebot.outbox.failed", "{message}", "Proactive messages given up on, by channel and kind");
        outboxUnreachable = meter.CreateCounter<long>("alliancebot.outbox.unreachable", "{message}", "Proactive messages to people who blocked or removed the bot");
        outboxThrottled = meter.CreateCounter<long>("alliancebot.outbox.throttled", "{response}", "429 answers from a channel, by channel");
        backlogAge = meter.CreateGauge<double>("alliancebot.outbox.backlog.age", "s", "How long the oldest message this instance holds has been due (0 when none)");
        roundsOpened = meter.CreateCounter<long>("alliancebot.rounds.opened", "{round}", "Pulse rounds opened");
        roundsClosed = meter.CreateCounter<long>("alliancebot.rounds.closed", "{round}", "Pulse rounds closed");
        participation = meter.CreateHistogram<double>("alliancebot.rounds.participation", "1", "Share of invited members who answered, per closed round (0-1)");
        authRejections = meter.CreateCounter<long>("alliancebot.auth.rejections", "{request}", "Inbound requests refused by authentication, by channel and reason");
    }

    public void TurnHandled(string channel, string kind, string intent) =>
        turns.Add(1, new("alliancebot.channel", channel), new("alliancebot.turn.kind", kind), new("alliancebot.intent", intent));

    public void AnswersRecorded() => answers.Add(1);

    public void OutboxSent(string channel, string kind) => outboxSent.Add(1, new("alliancebot.channel", channel), new("alliancebot.message.kind", kind));

    public void OutboxFailed(string channel, string kind) => outboxFailed.Add(1, new("alliancebot.channel", channel), new("alliancebot.message.kind", kind));

    public void OutboxUnreachable(string channel, string kind) => outboxUnreachable.Add(1, new("alliancebot.channel", channel), new("alliancebot.message.kind", kind));

    public void OutboxThrottled(string channel) => outboxThrottled.Add(1, new KeyValuePair<string, object?>("alliancebot.channel", channel));

    public void OutboxBacklogAge(TimeSpan age) => backlogAge.Record(Math.Max(0, age.TotalSeconds));

    public void RoundOpened() => roundsOpened.Add(1);

    public void RoundClosed(int invited, int respondents)
    {
        roundsClosed.Add(1);
        if (invited > 0)
        {
            participation.Record(Math.Clamp((double)respondents / invited, 0, 1));
        }
    }

    public void AuthRejected(string channel, string reason) =>
        authRejections.Add(1, new("alliancebot.channel", channel), new("alliancebot.auth.reason", reason));

    /// <summary>
    /// A stable pseudonym for a person (SHA-256 of channel, tenant and user id, first 16 hex digits): lets one trace
    /// be followed across turns without carrying the id itself.
    /// </summary>
    public static string Pseudonym(string channel, string? tenantId, string userId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{channel}\n{tenantId}\n{userId}"));
        return Convert.ToHexStringLower(hash)[..16];
    }

    public void Dispose() => meter.Dispose();
}
