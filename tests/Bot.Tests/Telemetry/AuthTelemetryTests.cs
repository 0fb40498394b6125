using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Data.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace AllianceBot.Bot.Tests.Telemetry;

/// <summary>
/// Refused inbound Teams requests are counted by a reason word from a fixed set — never a value the caller chose
/// (an issuer they made up).
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class AuthTelemetryTests
{
    [Fact]
    public async Task RejectedTokensAreCountedByAFixedReason()
    {
        await using var host = new TeamsHost("Production", new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "6f1b7a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b",
            ["Teams:AppPassword"] = "not-used-here",
            ["Teams:TenantId"] = "11111111-2222-3333-4444-555555555555",
        });
        var client = host.CreateClient(); // starts the host
        var telemetry = host.Services.GetRequiredService<AllianceTelemetry>();
        var rejections = new ConcurrentQueue<(string? Channel, string? Reason)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, telemetry.Meter) && instrument.Name == "alliancebot.auth.rejections")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            rejections.Enqueue((all["alliancebot.channel"], all["alliancebot.auth.reason"]));
        });
        listener.Start();
        const string madeUpIssuer = "https://issuer.attacker.example/";
        var forged = $"{Base64UrlEncoder.Encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")}.{Base64UrlEncoder.Encode($"{{\"iss\":\"{madeUpIssuer}\"}}")}.c2ln";

        foreach (var authorization in new string?[] { null, "Basic dXNlcjpwYXNz", "Bearer not-a-token", "Bearer " + forged })
        {
            var response = await host.PostActivityAsync(Activities.Message("https://smba.trafficmanager.net/emea/", "help"), authorization);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        GC.KeepAlive(client);
        Assert.Equal(
            [("msteams", "missing_token"), ("msteams", "not_bearer"), ("msteams", "not_jwt"), ("msteams", "untrusted_issuer")],
            rejections.ToArray());
    }
}
