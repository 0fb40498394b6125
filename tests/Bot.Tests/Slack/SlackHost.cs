using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AllianceBot.Bot.Slack.Inbound;
using AllianceBot.Bot.Slack.Signing;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Turns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// The real bot host with Slack switched on, pointed at a <see cref="SlackApiStandIn"/>, on the real SQLite store in
/// a temp folder of its own (or on <paramref name="data"/>, owned by the caller, to play a restart).
/// </summary>
internal sealed class SlackHost(
    SlackApiStandIn api,
    ITurnHandler? handler = null,
    string environment = "Development",
    string? secret = SlackHost.Secret,
    TestDataFolder? data = null,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string Secret = "test-signing-secret-0123456789";

    private readonly bool ownsData = data is null;

    public TestDataFolder Data { get; } = data ?? new TestDataFolder();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Slack:Enabled", "true");
        builder.UseSetting("Slack:ApiBaseUrl", api.BaseUrl.ToString());
        builder.UseSetting("Storage:DataFolder", Data.Path);
        if (secret is not null)
        {
            builder.UseSetting("Slack:SigningSecret", secret);
            builder.UseSetting("Slack:BotToken", "xoxb-test-token");
        }

        builder.UseSetting("Charts:SigningKey", "slack-host-chart-key-0123456789-0123456789");
        builder.UseSetting("Dialogs:JoinCodes:HashKey", "slack-host-join-code-key-0123456789-0123456789");
        builder.UseSetting("Bot:PublicBaseUrl", "https://bot.example.com/");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (handler is not null)
        {
            builder.ConfigureTestServices(services => services.RemoveAll<ITurnHandler>().AddSingleton(handler));
        }
    }

    /// <summary>The Slack contact as the real store has it (null when the person was never seen).</summary>
    public Task<Contact?> FindContactAsync(string userId, string teamId = SlackApiStandIn.TeamId) =>
        Services.GetRequiredService<IContactStore>().FindAsync(new MemberIdentity(MemberIdentity.Slack, teamId, userId), CancellationToken.None);

    public Task<long> CountContactsAsync() => StoredRows.CountContactsAsync(Services.GetRequiredService<Database>());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsData)
        {
            Data.Dispose();
        }
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
