using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Turns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AllianceBot.Bot.Tests.Hosting;

/// <summary>
/// The real bot host (Program) on the real SQLite store in a temp folder of its own, with only the edges swapped:
/// configuration and, optionally, the turn handler (a Moq mock, to see whether anything reached the dialogs).
/// Pass <paramref name="data"/> to let a second host start on the first one's database (a restart); the caller
/// then owns and deletes that folder.
/// </summary>
public sealed class TeamsHost(
    string environment = "Development",
    IReadOnlyDictionary<string, string?>? settings = null,
    ITurnHandler? handler = null,
    Action<IServiceCollection>? services = null,
    TestDataFolder? data = null) : WebApplicationFactory<Program>
{
    private readonly bool _ownsData = data is null;

    public TestDataFolder Data { get; } = data ?? new TestDataFolder();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Storage:DataFolder", Data.Path);

        // Outside Development the chart links need a signing key; these hosts are about Teams, so one is given.
        builder.UseSetting("Charts:SigningKey", "teams-host-chart-key-0123456789-0123456789");
        builder.UseSetting("Dialogs:JoinCodes:HashKey", "teams-host-join-code-key-0123456789-0123456789");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(s =>
        {
            if (handler is not null)
            {
                s.RemoveAll<ITurnHandler>();
                s.AddSingleton(handler);
            }

            services?.Invoke(s);
        });
    }

    /// <summary>The contact as the real store has it (null when the person was never seen).</summary>
    public Task<Contact?> FindContactAsync(string userId = Activities.UserId, string tenantId = Activities.TenantId) =>
        Services.GetRequiredService<IContactStore>().FindAsync(new MemberIdentity(MemberIdentity.Teams, tenantId, userId), CancellationToken.None);

    /// <summary>How many contacts the database holds, whoever they are (for "nothing was stored").</summary>
    public Task<long> CountContactsAsync() => StoredRows.CountContactsAsync(Services.GetRequiredService<Database>());

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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsData)
        {
            Data.Dispose();
        }
    }
}

/// <summary>Reads straight from the database, for assertions the ports have no query for.</summary>
public static class StoredRows
{
    public static async Task<long> CountContactsAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM contacts";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
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
