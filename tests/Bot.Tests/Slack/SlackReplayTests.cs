using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using static AllianceBot.Bot.Tests.Slack.SlackRequests;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// A signature stays valid for 5 minutes. Within them a captured /commands or /interactive request sent again — same
/// timestamp, same body, so the same valid signature — must not run again (409); events were already de-duplicated by
/// event_id. A genuinely new request (a new timestamp) still runs.
/// </summary>
public sealed class SlackReplayTests : IAsyncLifetime
{
    private SlackApiStandIn api = null!;

    public async Task InitializeAsync() => api = await SlackApiStandIn.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    private static string Form(IEnumerable<KeyValuePair<string, string>> fields) =>
        new FormUrlEncodedContent(fields).ReadAsStringAsync().GetAwaiter().GetResult();

    [Fact]
    public async Task AReplayedSlashCommandIsRefusedAndRunsOnce()
    {
        var handler = new ScriptedTurnHandler(_ => TurnResult.Reply(new MessageView("ok")));
        await using var host = new SlackHost(api, handler);
        var signedAt = DateTimeOffset.UtcNow;
        var body = Form(Command("round now"));

        var first = await host.PostAsync("/api/slack/commands", body, "application/x-www-form-urlencoded", signedAt);
        var replay = await host.PostAsync("/api/slack/commands", body, "application/x-www-form-urlencoded", signedAt);
        await host.WhenIdleAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, replay.StatusCode));
        Assert.Single(handler.Turns);
    }

    [Fact]
    public async Task TheSameCommandSentAgainLaterIsANewRequestAndRuns()
    {
        var handler = new ScriptedTurnHandler(_ => TurnResult.Reply(new MessageView("ok")));
        await using var host = new SlackHost(api, handler);
        var body = Form(Command("help"));

        var first = await host.PostAsync("/api/slack/commands", body, "application/x-www-form-urlencoded", DateTimeOffset.UtcNow.AddSeconds(-30));
        var second = await host.PostAsync("/api/slack/commands", body, "application/x-www-form-urlencoded", DateTimeOffset.UtcNow);
        await host.WhenIdleAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, handler.Turns.Count);
    }

    [Fact]
    public async Task AReplayedButtonClickIsRefusedAndRunsOnce()
    {
        var card = new CardView(CardKind.Confirm, "Sure?", [new Paragraph("Close the round?")],
            [new SubmitAction("Close", "round-close", new Dictionary<string, string> { ["round"] = "r1" })], "Sure?");
        var handler = new ScriptedTurnHandler(turn => turn.Kind == TurnKind.CardAction ? TurnResult.Reply(new MessageView("closed")) : TurnResult.Reply(card));
        await using var host = new SlackHost(api, handler);
        await host.PostFormAsync("/api/slack/commands", Command("close round"));
        await host.WhenIdleAsync();
        var blocks = Assert.Single(api.CallsTo("chat.postMessage")).Json!["blocks"]!.AsArray();
        var button = blocks.Single(b => (string?)b!["type"] == "actions")!["elements"]![0]!;
        var payload = BlockActions("DU2147483697", "1750000000.000001", blocks, new JsonObject());
        payload["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["block_id"] = "alliance.actions.0", ["action_id"] = (string?)button["action_id"],
            ["value"] = (string?)button["value"], ["action_ts"] = "1750000001.000100",
        });
        var body = Form([new("payload", payload.ToJsonString())]);
        var signedAt = DateTimeOffset.UtcNow;

        var click = await host.PostAsync("/api/slack/interactive", body, "application/x-www-form-urlencoded", signedAt);
        var replay = await host.PostAsync("/api/slack/interactive", body, "application/x-www-form-urlencoded", signedAt);
        await host.WhenIdleAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (click.StatusCode, replay.StatusCode));
        Assert.Single(handler.Turns, t => t.Kind == TurnKind.CardAction);
    }

    [Fact]
    public async Task AReplayAfterARestartIsStillRefused()
    {
        using var data = new TestDataFolder();
        var signedAt = DateTimeOffset.UtcNow;
        var body = Form(Command("help"));
        await using (var host = new SlackHost(api, new ScriptedTurnHandler(_ => TurnResult.None), data: data))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/api/slack/commands", body, "application/x-www-form-urlencoded", signedAt)).StatusCode);
            await host.WhenIdleAsync();
        }

        var handler = new ScriptedTurnHandler(_ => TurnResult.None);
        await using (var host = new SlackHost(api, handler, data: data))
        {
            var replay = await host.PostAsync("/api/slack/commands", body, "application/x-www-form-urlencoded", signedAt);
            await host.WhenIdleAsync();

            Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
            Assert.Empty(handler.Turns);
        }
    }

    [Fact]
    public async Task AReplayedEventIsAcknowledgedAndIgnored()
    {
        var handler = new ScriptedTurnHandler(_ => TurnResult.Reply(new MessageView("ok")));
        await using var host = new SlackHost(api, handler);
        var signedAt = DateTimeOffset.UtcNow;
        var body = DirectMessage("Ev-replayed", "help");

        var first = await host.PostAsync("/api/slack/events", body, "application/json", signedAt);
        var replay = await host.PostAsync("/api/slack/events", body, "application/json", signedAt);
        await host.WhenIdleAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode));
        Assert.Single(handler.Turns);
    }
}
