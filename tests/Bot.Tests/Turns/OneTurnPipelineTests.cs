using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Bot.Tests.Slack;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using static AllianceBot.Bot.Tests.Slack.SlackRequests;

namespace AllianceBot.Bot.Tests.Turns;

/// <summary>
/// What the one turn pipeline decides, the same on Teams and on Slack: the reason kept with an unreachable person, and
/// who gets the welcome. (Before the pipeline each channel had its own copy, and the copies had drifted apart.)
/// </summary>
public sealed class OneTurnPipelineTests : IAsyncLifetime
{
    private static readonly CardView Card = new(CardKind.Help, "What I can do", [new Paragraph("Ask \"where are we?\"")], [], "Help");
    private LocalServer connector = null!;
    private SlackApiStandIn slack = null!;

    public async Task InitializeAsync()
    {
        connector = await LocalServer.StartAsync();
        slack = await SlackApiStandIn.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task AnUnreachablePersonIsStoredWithTheChannelAndTheStartOfItsErrorOnEveryChannel()
    {
        var handler = new Mock<ITurnHandler>();
        handler.Setup(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>())).ReturnsAsync(TurnResult.Reply(Card));
        connector.Respond = (context, _) =>
        {
            context.Response.StatusCode = 403;
            return context.Response.WriteAsync(new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = "ConversationBlockedByUser", ["message"] = "User blocked the conversation with the bot. " + new string('.', 700) },
            }.ToJsonString());
        };
        await using var teams = new TeamsHost(handler: handler.Object);
        Assert.Equal(HttpStatusCode.OK, (await teams.PostActivityAsync(Activities.Message(connector.BaseUrl, "help", id: "blocked-1"))).StatusCode);

        await using var slackHost = new SlackHost(slack);
        slack.ScriptError("chat.postMessage", "account_inactive");
        Assert.Equal(HttpStatusCode.OK, (await slackHost.PostEventAsync(DirectMessage("Ev-inactive", "help"))).StatusCode);
        await slackHost.WhenIdleAsync();

        var teamsReason = await UnreachableReasonAsync(teams.Services);
        Assert.StartsWith("msteams: ", teamsReason, StringComparison.Ordinal);
        Assert.Contains("ConversationBlockedByUser", teamsReason, StringComparison.Ordinal);
        Assert.Equal(200, teamsReason!.Length);
        Assert.Equal("slack: account_inactive", await UnreachableReasonAsync(slackHost.Services));
    }

    [Fact]
    public async Task ATeamsPersonWhoAlreadyHasTheirPersonalChatIsNotWelcomedAgainWhenTheAppIsUpgraded()
    {
        var handler = new Mock<ITurnHandler>();
        handler.Setup(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>())).ReturnsAsync(TurnResult.None);
        connector.Respond = (context, _) => { context.Response.StatusCode = 201; return context.Response.WriteAsync("""{"id":"sent"}"""); };
        await using var teams = new TeamsHost(handler: handler.Object);
        var install = Activities.Message(connector.BaseUrl, "", id: "install-1");
        install["type"] = "installationUpdate";
        install["action"] = "add";
        await teams.PostActivityAsync(install);

        // Minutes later the app is upgraded: Teams announces the install again.
        var upgrade = Activities.Message(connector.BaseUrl, "", id: "upgrade-1");
        upgrade["type"] = "installationUpdate";
        upgrade["action"] = "add-upgrade";
        upgrade["timestamp"] = "2026-03-01T10:07:00Z";
        Assert.Equal(HttpStatusCode.OK, (await teams.PostActivityAsync(upgrade)).StatusCode);

        handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Kind == TurnKind.Installed), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ASlackPersonMetInAChannelIsWelcomedTheFirstTimeTheyOpenTheDirectMessage()
    {
        await using var host = new SlackHost(slack);
        await host.PostEventAsync(Envelope("Ev-mention", """{"type":"app_mention","user":"U2147483697","text":"<@UBOT> help","ts":"1515449522.000016","channel":"C0LAN2Q65"}"""));
        await host.WhenIdleAsync();
        var beforeHome = slack.CallsTo("chat.postMessage").Count();

        await host.PostEventAsync(Envelope("Ev-home", new JsonObject
        {
            ["type"] = "app_home_opened", ["user"] = UserId, ["channel"] = DirectChannel, ["tab"] = "messages", ["event_ts"] = "1515449522000016",
        }.ToJsonString()));
        await host.WhenIdleAsync();

        var welcome = Assert.Single(slack.CallsTo("chat.postMessage").Skip(beforeHome));
        Assert.Equal(DirectChannel, welcome.Field("channel"));
    }

    private static async Task<string?> UnreachableReasonAsync(IServiceProvider services)
    {
        await using var connection = await services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT unreachable_reason FROM contacts WHERE reachable = 0";
        return await command.ExecuteScalarAsync() as string;
    }
}
