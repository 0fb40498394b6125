using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AllianceBot.ConnectorStandIn;

namespace AllianceBot.Scheduling.Tests.Outbox;

/// <summary>The stand-in itself must judge fairly: limits enforced with Retry-After, bad input answered with 400.</summary>
public class ConnectorStandInTests
{
    private static JsonObject Activity(string tenant, string user) => new()
    {
        ["type"] = "message",
        ["text"] = "hi",
        ["recipient"] = new JsonObject { ["id"] = user },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
    };

    [Fact]
    public async Task TheEighthMessageToAConversationWithinASecondIsAnsweredWith429AndRetryAfter()
    {
        await using var server = await ConnectorStandInServer.StartAsync(new StandInOptions());
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 8; i++)
        {
            last = await http.PostAsJsonAsync("v3/conversations/a:one/activities", Activity("t1", "29:one"));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 7).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(TimeSpan.FromSeconds(1), last!.Headers.RetryAfter!.Delta);
        var stats = server.State.Snapshot(includeMembers: true);
        Assert.Equal(7, stats.Messages);
        Assert.Equal(6, stats.Duplicates);
        Assert.Equal(1, stats.Throttled);
    }

    [Fact]
    public async Task TheTenantLimitCountsEveryConversation()
    {
        await using var server = await ConnectorStandInServer.StartAsync(new StandInOptions { TenantRate = 5 });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await http.PostAsJsonAsync($"v3/conversations/a:{i}/activities", Activity("t1", $"29:{i}"))).StatusCode);
        }

        var otherTenant = await http.PostAsJsonAsync("v3/conversations/a:x/activities", Activity("t2", "29:x"));

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.Created, otherTenant.StatusCode);
    }

    [Fact]
    public async Task CreatingThePersonalConversationTwiceGivesTheSameId()
    {
        await using var server = await ConnectorStandInServer.StartAsync(new StandInOptions());
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var create = new JsonObject
        {
            ["bot"] = new JsonObject { ["id"] = "28:bot" },
            ["members"] = new JsonArray(new JsonObject { ["id"] = "29:u" }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "t1" } },
        };

        var first = await (await http.PostAsJsonAsync("v3/conversations", create)).Content.ReadFromJsonAsync<JsonObject>();
        var second = await (await http.PostAsJsonAsync("v3/conversations", create.DeepClone())).Content.ReadFromJsonAsync<JsonObject>();

        Assert.StartsWith("a:", first!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(first["id"]!.GetValue<string>(), second!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("v3/conversations", "not json")]
    [InlineData("v3/conversations", "{\"bot\":{\"id\":5},\"members\":[{\"id\":\"29:u\"}],\"channelData\":{\"tenant\":{\"id\":\"t\"}}}")]
    [InlineData("v3/conversations", "[1,2]")]
    [InlineData("v3/conversations/a:1/activities", "{\"type\":\"message\"}")]
    [InlineData("v3/conversations/a:1/activities", "{\"type\":7,\"recipient\":{\"id\":\"29:u\"}}")]
    public async Task MalformedRequestsGetA400NeverA500(string path, string body)
    {
        await using var server = await ConnectorStandInServer.StartAsync(new StandInOptions());
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
