using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Bot.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1 (what a collector or Application Insights' OTLP endpoint is to the bot): accepts
/// <c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c> with protobuf bodies, answers 200 with an empty
/// protobuf response, and keeps the raw bodies per signal.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public ConcurrentQueue<(string Path, string ContentType, byte[] Body)> Exports { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver!.Exports.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType ?? "", body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        receiver = new OtlpReceiver(app, app.Urls.First().TrimEnd('/'));
        return receiver;
    }

    /// <summary>Every body received for one signal path, concatenated.</summary>
    public byte[] Signal(string path) => Exports.Where(e => e.Path == path).SelectMany(e => e.Body).ToArray();

    /// <summary>Whether a string occurs, UTF-8 encoded as protobuf carries strings, in the bodies of a signal.</summary>
    public bool Contains(string path, string text) => Signal(path).AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>Whether a string occurs anywhere in what was exported.</summary>
    public bool ContainsAnywhere(string text) => Exports.Any(e => e.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0);

    /// <summary>Waits (up to a minute, for a busy machine) until the exports satisfy a condition; not a timing assertion.</summary>
    public async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"the receiver did not get the expected exports; it got: {string.Join(", ", Exports.Select(e => $"{e.Path} ({e.Body.Length} bytes)"))}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Where a string was exported (signal and surrounding printable text), for failure messages.</summary>
    public string Around(string text) => string.Join(" | ", Exports
        .Select(e => (e.Path, Text: new string(Encoding.UTF8.GetString(e.Body).Select(c => char.IsControl(c) ? ' ' : c).ToArray())))
        .Where(e => e.Text.Contains(text, StringComparison.Ordinal))
        .Select(e => $"{e.Path}: ...{e.Text.Substring(Math.Max(0, e.Text.IndexOf(text, StringComparison.Ordinal) - 120), Math.Min(240, e.Text.Length - Math.Max(0, e.Text.IndexOf(text, StringComparison.Ordinal) - 120)))}..."));

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
