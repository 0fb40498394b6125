using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>One Web API call as the stand-in received it.</summary>
internal sealed record SlackApiCall(string Method, string? Authorization, JsonObject? Json, IReadOnlyDictionary<string, string> Form)
{
    public string? Field(string name) => Json?[name] is JsonValue v ? v.ToString() : Form.GetValueOrDefault(name);
}

/// <summary>
/// A local stand-in for https://slack.com/api/ on 127.0.0.1 (real Kestrel) that records every call and answers the
/// way the Web API documents: HTTP 200 with <c>{"ok": true, ...}</c>, or a scripted failure.
/// </summary>
internal sealed class SlackApiStandIn : IAsyncDisposable
{
    public const string BotUserId = "UBOT";
    public const string TeamId = "T0ALLIANCE";

    /// <summary>users.info says en-US for user ids starting with this, nl-NL for everyone else.</summary>
    public const string EnglishUserPrefix = "UEN";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<SlackApiCall> calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> scripted = new(StringComparer.Ordinal);
    private int nextTs;

    private SlackApiStandIn(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<SlackApiCall> Calls => [.. calls];

    public IEnumerable<SlackApiCall> CallsTo(string method) => calls.Where(c => c.Method == method);

    public static async Task<SlackApiStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new SlackApiStandIn(app);
        app.MapPost("/api/{method}", standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.BaseUrl = new Uri(address.TrimEnd('/') + "/api/");
        return standIn;
    }

    /// <summary>The next call to <paramref name="method"/> is answered by <paramref name="answer"/> instead of ok.</summary>
    public void Script(string method, Func<HttpContext, Task> answer) =>
        scripted.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(answer);

    public void ScriptError(string method, string error) =>
        Script(method, ctx => ctx.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = error }));

    private async Task HandleAsync(HttpContext context, string method)
    {
        JsonObject? json = null;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasJsonContentType())
        {
            json = await context.Request.ReadFromJsonAsync<JsonObject>();
        }
        else if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync())
            {
                form[key] = value.ToString();
            }
        }

        var call = new SlackApiCall(method, context.Request.Headers.Authorization.ToString(), json, form);
        calls.Enqueue(call);
        if (scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }

        await context.Response.WriteAsJsonAsync(Ok(call));
    }

    private JsonObject Ok(SlackApiCall call) => call.Method switch
    {
        "auth.test" => new JsonObject { ["ok"] = true, ["user_id"] = BotUserId, ["team_id"] = TeamId, ["bot_id"] = "BBOT" },
        "users.info" => new JsonObject
        {
            ["ok"] = true,
            ["user"] = new JsonObject
            {
                ["id"] = call.Field("user"), ["name"] = "anna", ["real_name"] = "Anna de Vries", ["is_bot"] = false,
                ["tz"] = "Europe/Amsterdam", ["locale"] = call.Field("include_locale") != "true" ? null : call.Field("user")!.StartsWith(EnglishUserPrefix, StringComparison.Ordinal) ? "en-US" : "nl-NL",
                ["profile"] = new JsonObject { ["display_name"] = "Anna" },
            },
        },
        "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + call.Field("users") } },
        "chat.postMessage" => new JsonObject
        {
            ["ok"] = true, ["channel"] = call.Field("channel"),
            ["ts"] = "1750000000." + Interlocked.Increment(ref nextTs).ToString("D6", CultureInfo.InvariantCulture),
        },
        "chat.update" => new JsonObject { ["ok"] = true, ["channel"] = call.Field("channel"), ["ts"] = call.Field("ts") },
        _ => new JsonObject { ["ok"] = false, ["error"] = "unknown_method" },
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
