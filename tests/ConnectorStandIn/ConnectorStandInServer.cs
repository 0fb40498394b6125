using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AllianceBot.ConnectorStandIn;

/// <summary>The stand-in as a real Kestrel server on 127.0.0.1 (a free port), for tests and the benchmark.</summary>
public sealed class ConnectorStandInServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ConnectorStandInServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public ConnectorState State => app.Services.GetRequiredService<ConnectorState>();

    public static WebApplication Build(string[] args, StandInOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var resolved = options ?? StandInOptions.FromConfiguration(builder.Configuration);
        var state = new ConnectorState(resolved, TimeProvider.System);
        builder.Services.AddSingleton(state);

        // Connections and requests are counted, so a test can tell when a killed client's last request has been
        // handled (ConnectorState.Idle) instead of sleeping "long enough".
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(async (connection, next) =>
        {
            using var open = state.TrackConnection();
            await next();
        })));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            using var request = state.TrackRequest();
            await next(context);
        });
        app.MapConnector();
        return app;
    }

    public static async Task<ConnectorStandInServer> StartAsync(StandInOptions options)
    {
        var app = Build(["--urls", "http://127.0.0.1:0"], options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConnectorStandInServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
