using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AllianceBot.Bot.Tests.Export;

/// <summary>The Teams roster port against a local stand-in of the Bot Connector's pagedmembers (PROTOCOLS.md).</summary>
public sealed class TeamsRosterSourceTests : IAsyncLifetime
{
    private LocalServer connector = null!;
    private TeamsHost host = null!;

    public async Task InitializeAsync()
    {
        connector = await LocalServer.StartAsync();
        host = new TeamsHost(handler: new Mock<ITurnHandler>().Object);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await connector.DisposeAsync();
    }

    private static Task Answer(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static JsonObject Member(string id, string name, string? tenant = "tenant-a") =>
        new() { ["id"] = id, ["name"] = name, ["aadObjectId"] = "aad-" + name, ["tenantId"] = tenant };

    [Fact]
    public async Task FollowsContinuationTokensOnTheChannelsTeamAndLeavesBotsOut()
    {
        connector.Respond = (context, request) => request.PathAndQuery.Contains("continuationToken=t2", StringComparison.Ordinal)
            ? Answer(context, 200, new JsonObject { ["members"] = new JsonArray(Member("29:c", "Cas", "tenant-b")) })
            : Answer(context, 200, new JsonObject { ["members"] = new JsonArray(Member("29:a", "Ada"), Member("28:other-bot", "Bot"), Member("29:b", "Bo", null)), ["continuationToken"] = "t2" });
        var source = host.Services.GetRequiredService<IRosterSource>();
        var conversation = new ConversationReference(MemberIdentity.Teams, "tenant-a", "29:anna", connector.BaseUrl, "19:general@thread.tacv2;messageid=1700000000", "28:alliancebot", "AllianceBot");

        var roster = await source.GetRosterAsync(conversation, CancellationToken.None);

        Assert.Equal(RosterStatus.Ok, roster.Status);
        Assert.Equal(["29:a", "29:b", "29:c"], roster.Entries.Select(e => e.Reference.UserId));
        Assert.Equal(["tenant-a", "tenant-a", "tenant-b"], roster.Entries.Select(e => e.Reference.TenantId));
        Assert.All(roster.Entries, e => Assert.Equal((connector.BaseUrl, (string?)null, "28:alliancebot"), (e.Reference.ServiceUrl, e.Reference.ConversationId, e.Reference.BotId)));
        Assert.Equal(
            ["/v3/conversations/19%3Ageneral%40thread.tacv2/pagedmembers?pageSize=500",
             "/v3/conversations/19%3Ageneral%40thread.tacv2/pagedmembers?pageSize=500&continuationToken=t2"],
            connector.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task AThrottledPageFailsTheImportInsteadOfReturningHalfARoster()
    {
        connector.Respond = (context, request) => request.PathAndQuery.Contains("continuationToken", StringComparison.Ordinal)
            ? Answer(context, 429, new JsonObject())
            : Answer(context, 200, new JsonObject { ["members"] = new JsonArray(Member("29:a", "Ada")), ["continuationToken"] = "t2" });
        var source = host.Services.GetRequiredService<IRosterSource>();
        var conversation = new ConversationReference(MemberIdentity.Teams, "tenant-a", "29:anna", connector.BaseUrl, "19:chat@thread.v2", "28:alliancebot");

        Assert.Equal(RosterStatus.Failed, (await source.GetRosterAsync(conversation, CancellationToken.None)).Status);
    }
}
