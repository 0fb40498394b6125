using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AllianceBot.Bot.Slack.Inbound;
using AllianceBot.Bot.Slack.Signing;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Turns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>The real bot host with Slack switched on, pointed at a <see cref="SlackApiStandIn"/>.</summary>
internal sealed class SlackHost(SlackApiStandIn api, ITurnHandler? handler = null, string environment = "Development", string? secret = SlackHost.Secret) : WebApplicationFactory<Program>
{
    public const string Secret = "test-signing-secret-0123456789";

    public RecordingContactStore Contacts { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Slack:Enabled", "true");
        builder.UseSetting("Slack:ApiBaseUrl", api.BaseUrl.ToString());
        if (secret is not null)
        {
            builder.UseSetting("Slack:SigningSecret", secret);
            builder.UseSetting("Slack:BotToken", "xoxb-test-token");
        }

        builder.ConfigureTestServices(services =>
        {
            // Test-only until the Data area's persisted implementations are merged.
            services.RemoveAll<IInboundDeduplicator>().AddSingleton<IInboundDeduplicator, InMemoryInboundDeduplicator>();
            services.RemoveAll<IContactStore>().AddSingleton<IContactStore>(Contacts);
            if (handler is not null)
            {
                services.RemoveAll<ITurnHandler>().AddSingleton(handler);
            }
        });
    }

    public Task WhenIdleAsync() => Services.GetRequiredService<SlackWorkQueue>().WhenIdleAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

    public Task<HttpResponseMessage> PostAsync(string path, string body, string contentType, DateTimeOffset? signedAt = null, string? signature = null, Action<HttpRequestMessage>? tweak = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var ts = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(SlackSignature.TimestampHeader, ts);
        request.Headers.Add(SlackSignature.SignatureHeader, signature ?? SlackSignature.Compute(Secret, ts, Encoding.UTF8.GetBytes(body)));
        tweak?.Invoke(request);
        return CreateClient().SendAsync(request);
    }

    public Task<HttpResponseMessage> PostEventAsync(string json, Action<HttpRequestMessage>? tweak = null) =>
        PostAsync("/api/slack/events", json, "application/json", tweak: tweak);

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        PostAsync(path, new FormUrlEncodedContent(fields).ReadAsStringAsync().GetAwaiter().GetResult(), "application/x-www-form-urlencoded");
}
