using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Teams;
using AllianceBot.Dialogs.Turns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AllianceBot.Bot.Tests.Hosting;

/// <summary>
/// The real bot host (Program) with only the edges swapped: configuration, optionally the turn handler (a Moq
/// mock, to see whether anything reached the dialogs), and the storage ports (test-only stand-ins for now).
/// </summary>
public sealed class TeamsHost(
    string environment = "Development",
    IReadOnlyDictionary<string, string?>? settings = null,
    ITurnHandler? handler = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(s =>
        {
            s.AddTestOnlyStorage();
            if (handler is not null)
            {
                s.RemoveAll<ITurnHandler>();
                s.AddSingleton(handler);
            }

            services?.Invoke(s);
        });
    }

    public TestOnlyContactStore Contacts => Services.GetRequiredService<TestOnlyContactStore>();

    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? authorization = null)
    {
        var client = CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return client.SendAsync(request);
    }
}

/// <summary>Activities as Teams sends them, for tests.</summary>
public static class Activities
{
    public const string BotId = "28:alliancebot";
    public const string UserId = "29:user-1";
    public const string TenantId = "tenant-1";
    public const string PersonalConversation = "a:personal-1";

    public static JsonObject Message(string serviceUrl, string text, string id = "act-1", string channelId = "msteams") => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["timestamp"] = "2026-03-01T10:00:00Z",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = channelId,
        ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Ada", ["aadObjectId"] = "aad-ada" },
        ["conversation"] = new JsonObject { ["id"] = PersonalConversation, ["conversationType"] = "personal", ["tenantId"] = TenantId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "AllianceBot" },
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-US",
        ["localTimezone"] = "Europe/Amsterdam",
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };
}
