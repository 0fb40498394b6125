using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AllianceBot.Data.Telemetry;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Dialogs.Tests.Routing;

/// <summary>
/// The router counts every turn by channel, kind and what it turned out to be (an intent, a registered card verb or a
/// fixed word) and traces it with the person only as a pseudonym — never the text, a caller's verb or the user id.
/// </summary>
public sealed class RouterTelemetryTests : IDisposable
{
    private readonly AllianceTelemetry telemetry = new();
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> measurements = new();

    public RouterTelemetryTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
    }

    public void Dispose()
    {
        listener.Dispose();
        telemetry.Dispose();
    }

    [Fact]
    public async Task EveryTurnIsCountedByWhatItTurnedOutToBe()
    {
        using var host = new DialogTestHost(s => s.AddSingleton(telemetry));

        await host.Transcript()
            .Send("help").ExpectCard(CardKind.Help)
            .Send("zebra quokka seventeen").SkipRest()
            .Click("verb-nobody-registered").SkipRest()
            .Install().SkipRest()
            .RunAsync();

        var turns = measurements.Where(m => m.Instrument == "alliancebot.turns").ToList();
        Assert.Equal(["Help", "unrecognized", "unknown_verb", "installed"], turns.Select(t => (string?)t.Tags["alliancebot.intent"]));
        Assert.Equal(["Message", "Message", "CardAction", "Installed"], turns.Select(t => (string?)t.Tags["alliancebot.turn.kind"]));
        Assert.All(turns, t => Assert.Equal(1, t.Value));
        Assert.All(turns, t => Assert.Equal(["alliancebot.channel", "alliancebot.intent", "alliancebot.turn.kind"], t.Tags.Keys.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task TheTurnSpanCarriesAPseudonymNotTheUserOrTheText()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AllianceTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        using var host = new DialogTestHost(s => s.AddSingleton(telemetry));
        // A person of this test only: other tests run in parallel and their spans reach this listener too.
        var user = TranscriptUser.Anna with { Identity = new Data.Members.MemberIdentity(Data.Members.MemberIdentity.Teams, "tenant-a", "29:" + Guid.NewGuid().ToString("N")) };

        await host.Transcript(user).Send("zebra quokka seventeen").SkipRest().RunAsync();

        var pseudonym = AllianceTelemetry.Pseudonym(user.Identity.Channel, user.Identity.TenantId, user.Identity.UserId);
        var span = Assert.Single(spans, s => Equals(s.GetTagItem("alliancebot.user.pseudonym"), pseudonym));
        Assert.Equal("alliancebot.turn", span.OperationName);
        Assert.Equal("unrecognized", span.GetTagItem("alliancebot.intent"));
        var values = span.TagObjects.Select(t => t.Value?.ToString() ?? "").ToList();
        Assert.DoesNotContain(values, v => v.Contains(user.Identity.UserId, StringComparison.Ordinal) || v.Contains("zebra", StringComparison.Ordinal));
        Assert.Equal(16, pseudonym.Length);
        Assert.NotEqual(pseudonym, AllianceTelemetry.Pseudonym(user.Identity.Channel, user.Identity.TenantId, user.Identity.UserId + "x"));
    }
}
