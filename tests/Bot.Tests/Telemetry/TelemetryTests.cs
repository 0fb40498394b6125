using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Hosting;

namespace AllianceBot.Bot.Tests.Telemetry;

/// <summary>
/// The real host with the standard OTEL_* settings pointed at a loopback OTLP/HTTP receiver: a real turn (a message in,
/// a reply out through a stand-in connector) arrives there as traces, metrics and logs, and nothing that identifies the
/// person does.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string Unrecognized = "zebra quokka seventeen";
    private OtlpReceiver _receiver = null!;
    private ConnectorStandIn _connector = null!;

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _connector = ConnectorStandIn.Start();
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _connector.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task TheOtlpReceiverSeesTracesMetricsAndLogsOfARealTurnWithoutPersonalData()
    {
        await using (var host = new TeamsHost(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "alliancebot-under-test",
            // Export while the host runs (not only at its shutdown, whose flush has a deadline a busy machine can miss).
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(Activities.Message(_connector.BaseUrl, "help", id: "act-1"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(Activities.Message(_connector.BaseUrl, Unrecognized, id: "act-2"))).StatusCode);
            Assert.Equal(2, _connector.Posts);
            await _receiver.WaitForAsync(() => _receiver.Contains("/v1/traces", "unrecognized") && _receiver.Contains("/v1/metrics", "alliancebot.turns")
                                               && _receiver.Contains("/v1/metrics", "unrecognized") && _receiver.Signal("/v1/logs").Length > 0);
        }

        // OTLP/HTTP with protobuf, on the standard paths under the endpoint.
        Assert.All(_receiver.Exports, e => Assert.Equal("application/x-protobuf", e.ContentType));
        Assert.Contains("alliancebot-under-test", System.Text.Encoding.UTF8.GetString(_receiver.Signal("/v1/traces")), StringComparison.Ordinal);

        // Traces: the inbound request, the bot's turn span with its intent, the outbound connector call.
        Assert.True(_receiver.Contains("/v1/traces", "alliancebot.turn"), "the turn span");
        Assert.True(_receiver.Contains("/v1/traces", "Help"), "the recognized intent");
        Assert.True(_receiver.Contains("/v1/traces", "unrecognized"), "the unrecognized turn");
        Assert.True(_receiver.Contains("/v1/traces", "/api/messages"), "ASP.NET Core's server span");
        Assert.True(_receiver.Contains("/v1/traces", "/v3/conversations/{id}/activities/{id}"), "HttpClient's span of the reply, ids redacted");

        // Metrics: the bot's meter and the framework's.
        Assert.True(_receiver.Contains("/v1/metrics", "alliancebot.turns"), "turns by intent");
        Assert.True(_receiver.Contains("/v1/metrics", "alliancebot.intent"), "the intent tag");
        Assert.True(_receiver.Contains("/v1/metrics", "http.server.request.duration"), "ASP.NET Core's metrics");

        // Logs arrive too.
        Assert.NotEmpty(_receiver.Signal("/v1/logs"));

        // Nothing that identifies the person, the chat or what they typed.
        foreach (var personal in new[] { Activities.UserId, "aad-ada", "Ada", Activities.PersonalConversation, Unrecognized, Activities.TenantId })
        {
            Assert.False(_receiver.ContainsAnywhere(personal), $"'{personal}' was exported: {_receiver.Around(personal)}");
        }
    }

    [Fact]
    public async Task WithoutAnOtlpEndpointNothingIsExported()
    {
        await using (var host = new TeamsHost(settings: new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf" }))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(Activities.Message(_connector.BaseUrl, "help"))).StatusCode);
        }

        Assert.Empty(_receiver.Exports);
    }
}

/// <summary>
/// The Bot Connector as a plain HttpListener (not ASP.NET Core): a Kestrel stand-in in the same process would have its
/// own server spans picked up by the bot's ASP.NET Core instrumentation, which listens process-wide — in production the
/// connector is remote. Answers every POST with 201 and an activity id.
/// </summary>
internal sealed class ConnectorStandIn : IDisposable
{
    private readonly HttpListener _listener;
    private int _posts;

    private ConnectorStandIn(HttpListener listener, string baseUrl)
    {
        _listener = listener;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Posts => Volatile.Read(ref _posts);

    public static ConnectorStandIn Start()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var baseUrl = $"http://127.0.0.1:{port}/";
        var listener = new HttpListener();
        listener.Prefixes.Add(baseUrl);
        listener.Start();
        var standIn = new ConnectorStandIn(listener, baseUrl);
        _ = Task.Run(standIn.ServeAsync);
        return standIn;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (context.Request.HttpMethod == "POST")
            {
                Interlocked.Increment(ref _posts);
            }

            var body = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["id"] = "sent-" + _posts }.ToJsonString());
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
