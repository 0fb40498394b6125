using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Slack.BlockKit;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using static AllianceBot.Bot.Tests.Slack.SlackRequests;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>The Slack endpoints through the real host, with the Web API replaced by a recording stand-in.</summary>
public sealed class SlackEndpointTests : IAsyncLifetime
{
    private SlackApiStandIn api = null!;

    public async Task InitializeAsync() => api = await SlackApiStandIn.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task UrlVerificationAnswersWithTheChallenge()
    {
        await using var host = new SlackHost(api);

        var response = await host.PostEventAsync("""{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)body["challenge"]);
    }

    [Fact]
    public async Task DirectMessageHelpIsAnsweredWithTheHelpCardInThatConversation()
    {
        await using var host = new SlackHost(api);

        var response = await host.PostEventAsync(DirectMessage("Ev01", "help"));
        await host.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(api.CallsTo("chat.postMessage"));
        Assert.Equal("Bearer xoxb-test-token", post.Authorization);
        Assert.Equal("D024BE91L", post.Field("channel"));
        Assert.False(string.IsNullOrEmpty(post.Field("text")));
        var header = post.Json!["blocks"]!.AsArray()[0]!;
        Assert.Equal("header", (string?)header["type"]);

        // users.info said nl-NL, so the scaffold answers in Dutch; the stored contact keeps locale, time zone and the DM.
        Assert.Equal("Wat ik kan", (string?)header["text"]!["text"]);
        var contact = await host.FindContactAsync("U2147483697");
        Assert.NotNull(contact);
        Assert.Equal(("nl-NL", "Europe/Amsterdam", "D024BE91L", SlackApiStandIn.BotUserId, null), (contact.Locale, contact.TimeZone, contact.Reference.ConversationId, contact.Reference.BotId, contact.Reference.ServiceUrl));
        Assert.Equal(1, await host.CountContactsAsync());
    }

    [Fact]
    public async Task SlashCommandIsTheSameTurnAsTypingTheTextAndIsAnsweredInTheDirectMessage()
    {
        var handler = new ScriptedTurnHandler(_ => TurnResult.Reply(new MessageView("ok")));
        await using var host = new SlackHost(api, handler);

        var response = await host.PostFormAsync("/api/slack/commands", Command("help"));
        await host.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(handler.Turns);
        Assert.Equal((TurnKind.Message, "help", ConversationKind.Personal, "DU2147483697"), (turn.Kind, turn.Text, turn.ConversationKind, turn.Conversation.ConversationId));
        Assert.Equal("U2147483697", Assert.Single(api.CallsTo("conversations.open")).Field("users"));
        Assert.Equal("DU2147483697", Assert.Single(api.CallsTo("chat.postMessage")).Field("channel"));
    }

    [Fact]
    public async Task SubmittingThePulseCardReachesTheHandlerWithEveryAnswerAndUpdatesTheMessage()
    {
        var thanks = new CardView(CardKind.ThankYou, "Thanks!", [new Paragraph("Your answers are saved.")], [], "Thanks");
        var handler = new ScriptedTurnHandler(turn => turn.Kind == TurnKind.CardAction
            ? new TurnResult([], thanks)
            : TurnResult.Reply(SampleViews.Pulse()));
        await using var host = new SlackHost(api, handler);

        await host.PostFormAsync("/api/slack/commands", Command("pulse"));
        await host.WhenIdleAsync();
        var posted = Assert.Single(api.CallsTo("chat.postMessage"));
        var blocks = posted.Json!["blocks"]!.AsArray();
        var button = blocks.Single(b => (string?)b!["type"] == "actions")!["elements"]![0]!;

        // What Slack sends when the person picks 4, 5, 2, types a comment and presses the button.
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U2147483697", ["team_id"] = SlackApiStandIn.TeamId },
            ["team"] = new JsonObject { ["id"] = SlackApiStandIn.TeamId },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1750000000.000001", ["channel_id"] = "DU2147483697" },
            ["channel"] = new JsonObject { ["id"] = "DU2147483697", ["name"] = "directmessage" },
            ["message"] = new JsonObject { ["ts"] = "1750000000.000001", ["blocks"] = blocks.DeepClone() },
            ["response_url"] = "https://hooks.slack.com/actions/T/1/x",
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    ["q1"] = Radio("4"), ["q2"] = Radio("5"), ["q3"] = Radio("2"),
                    ["comment"] = new JsonObject { [SlackActionIds.Input] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Good & <fast>" } },
                },
            },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["block_id"] = "alliance.actions.0", ["action_id"] = (string?)button["action_id"],
                ["value"] = (string?)button["value"], ["action_ts"] = "1750000001.000100",
            }),
        };
        var response = await host.PostFormAsync("/api/slack/interactive", [new("payload", payload.ToJsonString())]);
        await host.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var action = handler.Turns.Last();
        Assert.Equal(TurnKind.CardAction, action.Kind);
        Assert.Equal("pulse.submit", action.Action!.Verb);
        Assert.Equal(
            new Dictionary<string, string> { ["round"] = "r-42", ["alliance"] = "a-7", ["q1"] = "4", ["q2"] = "5", ["q3"] = "2", ["comment"] = "Good & <fast>" },
            action.Action.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal("1750000000.000001", action.ReplyToId);

        var update = Assert.Single(api.CallsTo("chat.update"));
        Assert.Equal(("DU2147483697", "1750000000.000001"), (update.Field("channel"), update.Field("ts")));
        Assert.Equal("Thanks!", (string?)update.Json!["blocks"]![0]!["text"]!["text"]);
        Assert.Single(api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task AModalSubmissionBecomesACardActionAnsweredInTheDirectMessage()
    {
        var handler = new ScriptedTurnHandler(_ => TurnResult.Reply(new MessageView("saved")));
        await using var host = new SlackHost(api, handler);
        var metadata = new SlackButtonValue("member.rename", new Dictionary<string, string> { ["alliance"] = "a-7" }, false).Encode();
        var payload = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = SlackApiStandIn.TeamId },
            ["user"] = new JsonObject { ["id"] = "U2147483697", ["team_id"] = SlackApiStandIn.TeamId },
            ["view"] = new JsonObject
            {
                ["id"] = "VNHU13V36", ["type"] = "modal", ["private_metadata"] = metadata,
                ["state"] = new JsonObject { ["values"] = new JsonObject { ["name"] = new JsonObject { [SlackActionIds.Input] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Acme" } } } },
            },
        };

        var response = await host.PostFormAsync("/api/slack/interactive", [new("payload", payload.ToJsonString())]);
        await host.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(handler.Turns);
        Assert.Equal(("member.rename", "a-7", "Acme"), (turn.Action!.Verb, turn.Action.Values["alliance"], turn.Action.Values["name"]));
        Assert.Equal("DU2147483697", Assert.Single(api.CallsTo("chat.postMessage")).Field("channel"));
    }

    [Fact]
    public async Task UsersInfoIsAskedOncePerPersonWhileCached()
    {
        await using var host = new SlackHost(api);

        await host.PostEventAsync(DirectMessage("Ev-a", "help"));
        await host.PostEventAsync(DirectMessage("Ev-b", "hulp"));
        await host.WhenIdleAsync();

        Assert.Equal(2, api.CallsTo("chat.postMessage").Count());
        var info = Assert.Single(api.CallsTo("users.info"));
        Assert.Equal(("U2147483697", "true"), (info.Field("user"), info.Field("include_locale")));
    }

    [Fact]
    public async Task RetriesWithTheSameEventIdHaveOneEffect()
    {
        await using var host = new SlackHost(api);

        foreach (var retry in new[] { 0, 1, 2 })
        {
            var response = await host.PostEventAsync(DirectMessage("Ev-retried", "help"), request =>
            {
                if (retry > 0)
                {
                    request.Headers.Add("X-Slack-Retry-Num", retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
                }
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await host.WhenIdleAsync();
        Assert.Single(api.CallsTo("chat.postMessage"));
        Assert.Equal(1, await host.CountContactsAsync());
    }

    [Fact]
    public async Task AnEventRetriedAfterARestartHasNoSecondEffect()
    {
        using var data = new TestDataFolder();
        await using (var host = new SlackHost(api, data: data))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostEventAsync(DirectMessage("Ev-restart", "help"))).StatusCode);
            await host.WhenIdleAsync();
        }

        Assert.Single(api.CallsTo("chat.postMessage"));
        var handler = new ScriptedTurnHandler(_ => TurnResult.Reply(new MessageView("again")));
        await using (var host = new SlackHost(api, handler, data: data))
        {
            var retry = await host.PostEventAsync(DirectMessage("Ev-restart", "help"), request => request.Headers.Add("X-Slack-Retry-Num", "1"));
            var fresh = await host.PostEventAsync(DirectMessage("Ev-after-restart", "hulp"));
            await host.WhenIdleAsync();

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (retry.StatusCode, fresh.StatusCode));
            Assert.Equal("hulp", Assert.Single(handler.Turns).Text);
            Assert.Equal("D024BE91L", (await host.FindContactAsync("U2147483697"))?.Reference.ConversationId);
        }

        Assert.Equal(2, api.CallsTo("chat.postMessage").Count());
    }

    [Theory]
    [InlineData("payload=not-json")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D")]
    [InlineData("other=1")]
    [InlineData("payload=%5B1%2C2%5D")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%2C%22team_id%22%3A%22T1%22%7D%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22alliance.submit.0%22%2C%22value%22%3A%22forged%22%7D%5D%7D")]
    public async Task MalformedInteractivePayloadIsABadRequestAndNothingRuns(string body)
    {
        var handler = new ScriptedTurnHandler(_ => TurnResult.None);
        await using var host = new SlackHost(api, handler);

        var response = await host.PostAsync("/api/slack/interactive", body, "application/x-www-form-urlencoded");
        await host.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(handler.Turns);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public async Task MalformedEventsAndCommandsAreBadRequests()
    {
        await using var host = new SlackHost(api);

        Assert.Equal(HttpStatusCode.BadRequest, (await host.PostEventAsync("{not json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.PostEventAsync("""{"type":"event_callback","team_id":"T1"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.PostFormAsync("/api/slack/commands", [new("command", "/alliance"), new("text", "help")])).StatusCode);
    }

    public static TheoryData<string, string?, int> BadSignatures() => new()
    {
        { "wrong secret", "v0=" + new string('a', 64), 0 },
        { "stale", null, -400 },
        { "future", null, 400 },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task BadSignaturesAreRefusedAndNothingIsProcessed(string why, string? signature, int skewSeconds)
    {
        var handler = new ScriptedTurnHandler(_ => TurnResult.Reply(new MessageView("should not happen")));
        await using var host = new SlackHost(api, handler);

        var response = await host.PostAsync("/api/slack/events", DirectMessage("Ev-bad", "help"), "application/json", DateTimeOffset.UtcNow.AddSeconds(skewSeconds), signature);
        var command = await host.PostAsync("/api/slack/commands", "team_id=T1&user_id=U1&command=%2Falliance&text=help", "application/x-www-form-urlencoded", DateTimeOffset.UtcNow.AddSeconds(skewSeconds), signature);
        await host.WhenIdleAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        Assert.Equal(HttpStatusCode.Unauthorized, command.StatusCode);
        Assert.Empty(handler.Turns);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public async Task MissingSignatureHeadersAreRefused()
    {
        await using var host = new SlackHost(api);

        var response = await host.CreateClient().PostAsync("/api/slack/events", new StringContent(DirectMessage("Ev-unsigned", "help"), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BotPostsEditsAndOwnMessagesAreIgnored()
    {
        var handler = new ScriptedTurnHandler(_ => TurnResult.Reply(new MessageView("echo")));
        await using var host = new SlackHost(api, handler);

        await host.PostEventAsync(Envelope("Ev-bot", """{"type":"message","channel_type":"im","channel":"D1","bot_id":"B1","text":"hi","ts":"1.1"}"""));
        await host.PostEventAsync(Envelope("Ev-edit", """{"type":"message","subtype":"message_changed","channel_type":"im","channel":"D1","message":{"user":"U1","text":"help"},"ts":"1.2"}"""));
        await host.PostEventAsync(Envelope("Ev-self", """{"type":"message","channel_type":"im","channel":"D1","user":"UBOT","text":"help","ts":"1.3"}"""));
        await host.PostEventAsync(Envelope("Ev-public", """{"type":"message","channel_type":"channel","channel":"C1","user":"U1","text":"help","ts":"1.4"}"""));
        await host.WhenIdleAsync();

        Assert.Empty(handler.Turns);
        Assert.Empty(api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task AMentionInAChannelIsAnsweredThereWithoutTheMentionAndDoesNotBecomeTheDirectMessage()
    {
        var handler = new ScriptedTurnHandler(_ => TurnResult.Reply(new MessageView("hello")));
        await using var host = new SlackHost(api, handler);

        await host.PostEventAsync(Envelope("Ev-mention", """{"type":"app_mention","user":"U2147483697","text":"<@UBOT> where are we?","ts":"1515449522.000016","channel":"C0LAN2Q65"}"""));
        await host.WhenIdleAsync();

        var turn = Assert.Single(handler.Turns);
        Assert.Equal(("where are we?", ConversationKind.Channel, "C0LAN2Q65"), (turn.Text, turn.ConversationKind, turn.Conversation.ConversationId));
        Assert.Equal("C0LAN2Q65", Assert.Single(api.CallsTo("chat.postMessage")).Field("channel"));
        var contact = await host.FindContactAsync("U2147483697");
        Assert.NotNull(contact);
        Assert.Null(contact.Reference.ConversationId);
    }

    [Fact]
    public async Task ProductionWithoutSecretsRefusesToStartAndNamesTheSettings()
    {
        await using var host = new SlackHost(api, environment: "Production", secret: null);

        var error = Record.Exception(() => host.CreateClient());

        Assert.NotNull(error);
        var messages = string.Join("\n", Flatten(error));
        Assert.Contains("Slack:SigningSecret", messages, StringComparison.Ordinal);
        Assert.Contains("Slack:BotToken", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentWithoutSecretAcceptsUnsignedRequests()
    {
        await using var host = new SlackHost(api, secret: null);

        var response = await host.CreateClient().PostAsync("/api/slack/events", new StringContent("""{"type":"url_verification","challenge":"c"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static IEnumerable<string> Flatten(Exception error) =>
        error is AggregateException aggregate
            ? [aggregate.Message, .. aggregate.InnerExceptions.SelectMany(Flatten)]
            : error.InnerException is null ? [error.Message] : [error.Message, .. Flatten(error.InnerException)];
}
