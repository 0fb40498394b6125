using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// A Bot Framework connector on 127.0.0.1 (a Teams member's service URL) that accepts activities posted to a
/// conversation, answers with a resource id as the connector does, and records them.
/// </summary>
internal sealed class TeamsConnectorRecorder : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Conversation, JsonObject Activity)> activities = new();

    private TeamsConnectorRecorder(WebApplication app) => this.app = app;

    public Uri ServiceUrl { get; private set; } = null!;

    public IReadOnlyList<(string Conversation, JsonObject Activity)> Activities => [.. activities];

    public static async Task<TeamsConnectorRecorder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var recorder = new TeamsConnectorRecorder(app);
        app.MapPost("/v3/conversations/{conversation}/activities", async (HttpContext context, string conversation) =>
        {
            var activity = await context.Request.ReadFromJsonAsync<JsonObject>();
            if (activity is null)
            {
                return Results.BadRequest();
            }

            recorder.activities.Enqueue((conversation, activity));
            return Results.Json(new JsonObject { ["id"] = "1:" + Guid.NewGuid().ToString("N") }, statusCode: StatusCodes.Status201Created);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        recorder.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
