using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// What the bot puts on the wire, against a stand-in Bot Connector on 127.0.0.1 that answers like the real one
/// (PROTOCOLS.md): reply recipe, PUT update, invoke response, create conversation, paging, error mapping.
/// </summary>
public sealed class ConnectorWireTests : IAsyncLifetime
{
    private static readonly CardView Card = new(CardKind.Help, "What I can do", [new Paragraph("Ask \"where are we?\"")], [], "Help");
    private readonly Mock<ITurnHandler> _handler = new();
    private LocalServer _connector = null!;
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _connector = await LocalServer.StartAsync();
        _connector.Respond = (context, request) => Answer(context, 201, new JsonObject { ["id"] = "sent-" + _connector.Requests.Count });
        _host = new TeamsHost(handler: _handler.Object);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private static Task Answer(HttpContext context, int status, JsonObject? body = null, string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return body is null ? Task.CompletedTask : context.Response.WriteAsync(body.ToJsonString());
    }

    private void Returns(TurnResult result) =>
        _handler.Setup(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>())).ReturnsAsync(result);

    private static ConversationReference Reference(string serviceUrl, string? conversationId) =>
        new(MemberIdentity.Teams, Activities.TenantId, Activities.UserId, serviceUrl, conversationId, Activities.BotId, "AllianceBot");

    [Fact]
    public async Task AReplyFollowsTheReplyRecipeAndCarriesTheAdaptiveCard()
    {
        Returns(TurnResult.Reply(Card, new MessageView("and some text")));

        var response = await _host.PostActivityAsync(Activities.Message(_connector.BaseUrl, "help", id: "in-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = _connector.Requests.ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(("POST", "/v3/conversations/a%3Apersonal-1/activities/in-1", null), (c.Method, c.PathAndQuery, c.Authorization)));
        var card = JsonNode.Parse(calls[0].Body)!;
        Assert.Equal("message", (string?)card["type"]);
        Assert.Equal("in-1", (string?)card["replyToId"]);
        Assert.Equal("a:personal-1", (string?)card["conversation"]!["id"]);
        Assert.Equal(Activities.BotId, (string?)card["from"]!["id"]);
        Assert.Equal(Activities.UserId, (string?)card["recipient"]!["id"]);
        Assert.Equal("en-US", (string?)card["locale"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["attachments"]![0]!["contentType"]);
        Assert.Equal("AdaptiveCard", (string?)card["attachments"]![0]!["content"]!["type"]);
        Assert.Equal("and some text", (string?)JsonNode.Parse(calls[1].Body)!["text"]);
    }

    [Fact]
    public async Task TheBotMentionIsStrippedAndTheSenderIsRemembered()
    {
        Returns(TurnResult.None);
        var activity = Activities.Message(_connector.BaseUrl, "<at>AllianceBot</at> where are we?");
        activity["entities"] = new JsonArray(
            new JsonObject { ["type"] = "mention", ["text"] = "<at>AllianceBot</at>", ["mentioned"] = new JsonObject { ["id"] = Activities.BotId } },
            new JsonObject { ["type"] = "clientInfo", ["locale"] = "nl-NL", ["timezone"] = "Europe/Brussels" });
        activity.Remove("localTimezone");

        await _host.PostActivityAsync(activity);

        _handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Text == "where are we?" && t.Kind == TurnKind.Message && t.TimeZone == "Europe/Brussels"), It.IsAny<CancellationToken>()));
        var contact = await _host.FindContactAsync();
        Assert.NotNull(contact);
        Assert.Equal(new ConversationReference(MemberIdentity.Teams, Activities.TenantId, Activities.UserId, _connector.BaseUrl, "a:personal-1", Activities.BotId, "AllianceBot", "aad-ada"), contact.Reference);
        Assert.Equal(("Ada", "en-US", "Europe/Brussels", true), (contact.DisplayName, contact.Locale, contact.TimeZone, contact.Reachable));
        Assert.Equal(1, await _host.CountContactsAsync());
    }

    [Fact]
    public async Task ALaterActivityWithoutLocaleOrTimeZoneKeepsTheLastOnesAndAGroupChatNeverBecomesThePersonalChat()
    {
        Returns(TurnResult.None);
        await _host.PostActivityAsync(Activities.Message(_connector.BaseUrl, "help", id: "first"));
        var inGroup = Activities.Message(_connector.BaseUrl, "<at>AllianceBot</at> help", id: "second");
        inGroup.Remove("locale");
        inGroup.Remove("localTimezone");
        inGroup["from"]!["name"] = "Ada Lovelace";
        inGroup["conversation"] = new JsonObject { ["id"] = "19:group@thread.v2", ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = Activities.TenantId };

        var response = await _host.PostActivityAsync(inGroup);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contact = await _host.FindContactAsync();
        Assert.NotNull(contact);
        Assert.Equal(("Ada Lovelace", "en-US", "Europe/Amsterdam", "a:personal-1"), (contact.DisplayName, contact.Locale, contact.TimeZone, contact.Reference.ConversationId));
        Assert.Equal(1, await _host.CountContactsAsync());
    }

    [Fact]
    public async Task AReplyTheConnectorRefusesBecauseThePersonBlockedTheBotMarksThemUnreachable()
    {
        Returns(TurnResult.Reply(Card));
        // The connector's error bodies carry details; this one is longer than any reason the store keeps.
        _connector.Respond = (context, _) => Answer(context, 403, new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = "ConversationBlockedByUser", ["message"] = "User blocked the conversation with the bot. " + new string('.', 700) },
        });

        var response = await _host.PostActivityAsync(Activities.Message(_connector.BaseUrl, "help", id: "blocked-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contact = await _host.FindContactAsync();
        Assert.NotNull(contact);
        Assert.False(contact.Reachable);
    }

    [Fact]
    public async Task AnActionSubmitWithAReplacementCardUpdatesTheClickedMessage()
    {
        Returns(new TurnResult([], Card));
        var activity = Activities.Message(_connector.BaseUrl, "", id: "click-1");
        activity["replyToId"] = "card-7";
        activity["value"] = new JsonObject { ["verb"] = "pulse.answer", ["round"] = "r1", ["q1"] = "4" };

        await _host.PostActivityAsync(activity);

        _handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Kind == TurnKind.CardAction && t.Action!.Verb == "pulse.answer" && t.Action.Values["q1"] == "4"), It.IsAny<CancellationToken>()));
        // The verb is the envelope of an Action.Submit, not one of its values (the pulse refuses keys it does not know).
        _handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Action!.Values.Count == 2 && !t.Action.Values.ContainsKey("verb")), It.IsAny<CancellationToken>()));
        var update = Assert.Single(_connector.Requests);
        Assert.Equal(("PUT", "/v3/conversations/a%3Apersonal-1/activities/card-7"), (update.Method, update.PathAndQuery));
        Assert.Equal("card-7", (string?)JsonNode.Parse(update.Body)!["id"]);
    }

    [Fact]
    public async Task AnActionExecuteIsAnsweredWithTheNewCardInTheHttpResponse()
    {
        Returns(new TurnResult([], Card));
        var activity = Activities.Message(_connector.BaseUrl, "", id: "invoke-1");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "pulse.answer", ["data"] = new JsonObject { ["round"] = "r1" } }, ["trigger"] = "manual" };

        var response = await _host.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Equal("AdaptiveCard", (string?)body["value"]!["type"]);
        _handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Action!.Verb == "pulse.answer" && t.Action.Values["round"] == "r1"), It.IsAny<CancellationToken>()));
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task AFailingInvokeIsAnsweredWithAnErrorBodyNotA5xx()
    {
        _handler.Setup(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("boom"));
        var activity = Activities.Message(_connector.BaseUrl, "");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["verb"] = "x" } };

        var response = await _host.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal(500, (int)body["statusCode"]!);
    }

    [Theory]
    [InlineData("installationUpdate", "add", TurnKind.Installed)]
    [InlineData("installationUpdate", "remove", TurnKind.Uninstalled)]
    [InlineData("conversationUpdate", "membersAdded", TurnKind.Installed)]
    [InlineData("conversationUpdate", "membersRemoved", TurnKind.Uninstalled)]
    public async Task InstallAndUninstallEventsBecomeTurns(string type, string how, TurnKind expected)
    {
        Returns(TurnResult.None);
        var activity = Activities.Message(_connector.BaseUrl, "");
        activity["type"] = type;
        if (type == "installationUpdate")
        {
            activity["action"] = how;
        }
        else
        {
            activity[how] = new JsonArray(new JsonObject { ["id"] = Activities.BotId });
        }

        await _host.PostActivityAsync(activity);

        _handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Kind == expected), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("personal", false)]
    [InlineData("groupChat", true)]
    public async Task RemovingTheBotFromThePersonalChatMakesThePersonUnreachableUntilTheyReinstall(string conversationType, bool stillReachable)
    {
        Returns(TurnResult.None);
        await _host.PostActivityAsync(Activities.Message(_connector.BaseUrl, "help", id: "before"));
        var removal = Activities.Message(_connector.BaseUrl, "", id: "remove-1");
        removal["type"] = "installationUpdate";
        removal["action"] = "remove";
        removal["conversation"]!["conversationType"] = conversationType;

        await _host.PostActivityAsync(removal);

        Assert.Equal(stillReachable, (await _host.FindContactAsync())?.Reachable);
        var reinstall = Activities.Message(_connector.BaseUrl, "", id: "add-1");
        reinstall["type"] = "installationUpdate";
        reinstall["action"] = "add";
        await _host.PostActivityAsync(reinstall);
        Assert.True((await _host.FindContactAsync())?.Reachable);
    }

    [Fact]
    public async Task OneInstallAnnouncedByBothEventsIsWelcomedOnce()
    {
        Returns(TurnResult.None);
        var installation = Activities.Message(_connector.BaseUrl, "", id: "install-1");
        installation["type"] = "installationUpdate";
        installation["action"] = "add";
        var conversationUpdate = Activities.Message(_connector.BaseUrl, "", id: "install-2");
        conversationUpdate["type"] = "conversationUpdate";
        conversationUpdate["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Activities.BotId });

        await _host.PostActivityAsync(installation);
        await _host.PostActivityAsync(conversationUpdate);

        _handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Kind == TurnKind.Installed), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ASendToAMemberWithoutAChatCreatesTheConversationFirst()
    {
        _connector.Respond = (context, request) => Answer(context, request.PathAndQuery == "/v3/conversations" ? 201 : 201,
            new JsonObject { ["id"] = request.PathAndQuery == "/v3/conversations" ? "a:new-chat" : "msg-1" });
        var messenger = _host.Services.GetRequiredService<IChannelMessenger>();

        var result = await messenger.SendAsync(Reference(_connector.BaseUrl, null), Card, CancellationToken.None);

        Assert.Equal(DeliveryResult.Sent("msg-1", "a:new-chat"), result);
        var calls = _connector.Requests.ToList();
        Assert.Equal(("POST", "/v3/conversations"), (calls[0].Method, calls[0].PathAndQuery));
        var create = JsonNode.Parse(calls[0].Body)!;
        Assert.Equal(Activities.BotId, (string?)create["bot"]!["id"]);
        Assert.Equal(Activities.UserId, (string?)create["members"]![0]!["id"]);
        Assert.Equal(Activities.TenantId, (string?)create["channelData"]!["tenant"]!["id"]);
        Assert.Equal(("POST", "/v3/conversations/a%3Anew-chat/activities"), (calls[1].Method, calls[1].PathAndQuery));
    }

    [Fact]
    public async Task WithCredentialsEveryConnectorCallCarriesTheBearerToken()
    {
        var tokens = new Mock<IConnectorTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("connector-token");
        await using var host = new TeamsHost(services: s => s.AddSingleton(tokens.Object));
        var messenger = host.Services.GetRequiredService<IChannelMessenger>();

        await messenger.SendAsync(Reference(_connector.BaseUrl, null), Card, CancellationToken.None);

        Assert.Equal(["Bearer connector-token", "Bearer connector-token"], _connector.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task InDevelopmentModeNoTokenIsSent()
    {
        var messenger = _host.Services.GetRequiredService<IChannelMessenger>();

        await messenger.SendAsync(Reference(_connector.BaseUrl, "a:chat"), Card, CancellationToken.None);

        Assert.Null(Assert.Single(_connector.Requests).Authorization);
    }

    [Fact]
    public async Task AnUpdateIsAPutOfTheMessage()
    {
        _connector.Respond = (context, _) => Answer(context, 200, new JsonObject { ["id"] = "msg-9" });
        var messenger = _host.Services.GetRequiredService<IChannelMessenger>();

        var result = await messenger.UpdateAsync(Reference(_connector.BaseUrl, "a:chat"), "msg-9", new MessageView("thanks"), CancellationToken.None);

        Assert.Equal(DeliveryResult.Sent("msg-9"), result);
        var call = Assert.Single(_connector.Requests);
        Assert.Equal(("PUT", "/v3/conversations/a%3Achat/activities/msg-9"), (call.Method, call.PathAndQuery));
        Assert.Equal("thanks", (string?)JsonNode.Parse(call.Body)!["text"]);
    }

    [Theory]
    [InlineData(429, "{}", "7", DeliveryStatus.Throttled)]
    [InlineData(429, "{}", null, DeliveryStatus.Throttled)]
    [InlineData(412, "{}", null, DeliveryStatus.Transient)]
    [InlineData(500, "", null, DeliveryStatus.Transient)]
    [InlineData(502, "", null, DeliveryStatus.Transient)]
    [InlineData(503, "", "3", DeliveryStatus.Transient)]
    [InlineData(504, "", null, DeliveryStatus.Transient)]
    [InlineData(403, "{\"error\":{\"code\":\"BotDisabledByAdmin\",\"message\":\"no\"}}", null, DeliveryStatus.Failed)]
    [InlineData(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"blocked\"},\"subCode\":\"MessageWritesBlocked\"}", null, DeliveryStatus.Unreachable)]
    [InlineData(403, "{\"error\":{\"code\":\"ConversationBlockedByUser\",\"message\":\"User blocked the conversation with the bot.\"}}", null, DeliveryStatus.Unreachable)]
    [InlineData(400, "{\"error\":{\"code\":\"BadArgument\"}}", null, DeliveryStatus.Failed)]
    [InlineData(404, "", null, DeliveryStatus.Failed)]
    public async Task ConnectorErrorsMapToDeliveryStatuses(int status, string body, string? retryAfter, DeliveryStatus expected)
    {
        _connector.Respond = (context, _) =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return context.Response.WriteAsync(body);
        };
        var messenger = _host.Services.GetRequiredService<IChannelMessenger>();

        var result = await messenger.SendAsync(Reference(_connector.BaseUrl, "a:chat"), Card, CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.Equal(retryAfter is null ? null : TimeSpan.FromSeconds(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture)), result.RetryAfter);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task AConnectorThatCannotBeReachedIsTransient()
    {
        var closedPort = _connector.BaseUrl;
        await _connector.DisposeAsync();
        var messenger = _host.Services.GetRequiredService<IChannelMessenger>();

        var result = await messenger.SendAsync(Reference(closedPort, "a:chat"), Card, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Transient, result.Status);
        _connector = await LocalServer.StartAsync();
    }

    [Fact]
    public async Task MembersAreReadPageByPage()
    {
        _connector.Respond = (context, request) => Answer(context, 200, request.PathAndQuery.Contains("continuationToken", StringComparison.Ordinal)
            ? new JsonObject { ["members"] = new JsonArray(new JsonObject { ["id"] = "29:b", ["name"] = "Bo" }) }
            : new JsonObject { ["members"] = new JsonArray(new JsonObject { ["id"] = "29:a", ["name"] = "Ada", ["aadObjectId"] = "aad-a", ["email"] = "ada@example.com" }), ["continuationToken"] = "page 2" });
        var messenger = _host.Services.GetRequiredService<TeamsMessenger>();

        var (_, first) = await messenger.GetPagedMembersAsync(_connector.BaseUrl, "19:team@thread.tacv2", 1, null, CancellationToken.None);
        var (_, second) = await messenger.GetPagedMembersAsync(_connector.BaseUrl, "19:team@thread.tacv2", 1, first!.ContinuationToken, CancellationToken.None);

        Assert.Equal(new TeamsMember("29:a", "Ada", "aad-a", "ada@example.com", null, null), Assert.Single(first.Members));
        Assert.Equal("page 2", first.ContinuationToken);
        Assert.Equal("29:b", Assert.Single(second!.Members).Id);
        Assert.Null(second.ContinuationToken);
        var calls = _connector.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.Equal(["/v3/conversations/19%3Ateam%40thread.tacv2/pagedmembers?pageSize=1", "/v3/conversations/19%3Ateam%40thread.tacv2/pagedmembers?pageSize=1&continuationToken=page%202"], calls);
    }
}
