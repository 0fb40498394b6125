using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Bot.Tests.Hosting;

/// <summary>A request as a local stand-in server received it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string Body);

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) that plays a remote party — the Bot Framework's OpenID
/// metadata and keys, Entra's token endpoint, or the Bot Connector — and records what it was sent.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers every request; replace it in a test to script the remote party.</summary>
    public Func<HttpContext, RecordedRequest, Task> Respond { get; set; } = (context, _) => { context.Response.StatusCode = 404; return Task.CompletedTask; };

    public string BaseUrl { get; }

    private LocalServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<LocalServer> StartAsync(X509Certificate2? httpsCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (httpsCertificate is not null)
            {
                listen.UseHttps(httpsCertificate);
            }
        }));
        var app = builder.Build();
        LocalServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new RecordedRequest(
                context.Request.Method,
                // The raw target: Request.Path is already unescaped, and escaping is part of the wire format under test.
                context.Features.Get<IHttpRequestFeature>()!.RawTarget,
                context.Request.Headers.Authorization.FirstOrDefault(),
                await reader.ReadToEndAsync());
            server!.Requests.Enqueue(request);
            await server.Respond(context, request);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        server = new LocalServer(app, address.TrimEnd('/') + "/");
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
