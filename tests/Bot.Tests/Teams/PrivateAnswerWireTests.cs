using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Hosting;
using Microsoft.AspNetCore.Http;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// An answer for the asker alone, asked in a Teams group chat or channel, on the wire: the real host and dialogs
/// against a stand-in Bot Connector on 127.0.0.1 that answers as PROTOCOLS.md says. The 1:1 chat is created with
/// <c>POST /v3/conversations</c> (the person as the only member, the tenant in channelData) unless one is stored; the
/// group only gets the note, as a reply.
/// </summary>
public sealed class PrivateAnswerWireTests : IAsyncLifetime
{
    private const string Group = "19:group@thread.v2";
    private const string Created = "a:created-1on1";
    private const string SentNote = "That answer is for you only, so I sent it to our personal chat.";
    private LocalServer connector = null!;
    private TeamsHost host = null!;

    public async Task InitializeAsync()
    {
        connector = await LocalServer.StartAsync();
        connector.Respond = (context, request) => request.PathAndQuery == "/v3/conversations"
            ? Answer(context, 201, new JsonObject { ["id"] = Created })
            : Answer(context, 201, new JsonObject { ["id"] = "sent-" + connector.Requests.Count });
        host = new TeamsHost();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await connector.DisposeAsync();
    }

    [Fact]
    public async Task MyDataInAGroupChatGoesToANewPersonalChatAndTheGroupGetsOnlyTheNote()
    {
        var response = await host.PostActivityAsync(InGroup("<at>AllianceBot</at> my data", "in-group-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = connector.Requests.ToList();
        Assert.Equal(["POST /v3/conversations", $"POST /v3/conversations/{Escaped(Created)}/activities", $"POST /v3/conversations/{Escaped(Group)}/activities/in-group-1"],
            calls.Select(c => $"{c.Method} {c.PathAndQuery}"));
        var create = JsonNode.Parse(calls[0].Body)!;
        Assert.False((bool)create["isGroup"]!);
        Assert.Equal(Activities.BotId, (string?)create["bot"]!["id"]);
        Assert.Equal(Activities.UserId, (string?)Assert.Single(create["members"]!.AsArray())!["id"]);
        Assert.Equal(Activities.TenantId, (string?)create["channelData"]!["tenant"]!["id"]);
        var answer = JsonNode.Parse(calls[1].Body)!;
        Assert.Equal(Activities.UserId, (string?)answer["recipient"]!["id"]);
        Assert.NotEqual(SentNote, (string?)answer["text"]);
        var note = JsonNode.Parse(calls[2].Body)!;
        Assert.Equal(SentNote, (string?)note["text"]);
        Assert.Null(note["attachments"]);
        Assert.Equal(Created, (await host.FindContactAsync())!.Reference.ConversationId);
    }

    [Fact]
    public async Task AStoredPersonalChatIsUsedWithoutCreatingOne()
    {
        await host.PostActivityAsync(Activities.Message(connector.BaseUrl, "help", id: "in-personal-1"));
        connector.Requests.Clear();

        await host.PostActivityAsync(InGroup("<at>AllianceBot</at> my data", "in-group-2"));

        Assert.Equal([$"POST /v3/conversations/{Escaped(Activities.PersonalConversation)}/activities", $"POST /v3/conversations/{Escaped(Group)}/activities/in-group-2"],
            connector.Requests.Select(c => $"{c.Method} {c.PathAndQuery}"));
    }

    [Fact]
    public async Task WhenThePersonalChatCannotBeMadeTheGroupIsToldSoAndSeesNoAnswer()
    {
        connector.Respond = (context, request) => request.PathAndQuery == "/v3/conversations"
            ? Answer(context, 403, new JsonObject { ["error"] = new JsonObject { ["code"] = "BotNotInConversationRoster", ["message"] = "The bot is not installed for this user" } })
            : Answer(context, 201, new JsonObject { ["id"] = "sent-" + connector.Requests.Count });

        await host.PostActivityAsync(InGroup("<at>AllianceBot</at> where are we?", "in-group-3"));

        var calls = connector.Requests.ToList();
        Assert.Equal(["POST /v3/conversations", $"POST /v3/conversations/{Escaped(Group)}/activities/in-group-3"], calls.Select(c => $"{c.Method} {c.PathAndQuery}"));
        var note = JsonNode.Parse(calls[1].Body)!;
        Assert.Contains("could not reach you in a personal chat", (string?)note["text"], StringComparison.Ordinal);
        Assert.Null(note["attachments"]);
    }

    [Fact]
    public async Task AChannelLinkedInOneThreadShowsTheHealthCheckInEveryThreadOfThatChannel()
    {
        await host.PostActivityAsync(Activities.Message(connector.BaseUrl, "create alliance \"Acme and Globex\" as Acme with Globex tz Europe/Amsterdam lang en", id: "in-personal-2"));
        await host.PostActivityAsync(InChannel("<at>AllianceBot</at> link this channel", "111", "in-channel-1"));
        connector.Requests.Clear();

        await host.PostActivityAsync(InChannel("<at>AllianceBot</at> where are we?", "222", "in-channel-2"));

        var call = Assert.Single(connector.Requests);
        Assert.Equal($"POST /v3/conversations/{Escaped("19:alliance@thread.tacv2;messageid=222")}/activities/in-channel-2", $"{call.Method} {call.PathAndQuery}");
        var card = JsonNode.Parse(call.Body)!["attachments"]![0]!["content"]!;
        Assert.Contains("Acme and Globex", card.ToJsonString(), StringComparison.Ordinal);
    }

    private JsonObject InGroup(string text, string id)
    {
        var activity = Activities.Message(connector.BaseUrl, text, id);
        activity["conversation"] = new JsonObject { ["id"] = Group, ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = Activities.TenantId };
        activity["entities"] = Mention();
        return activity;
    }

    private JsonObject InChannel(string text, string thread, string id)
    {
        var activity = Activities.Message(connector.BaseUrl, text, id);
        activity["conversation"] = new JsonObject
        {
            ["id"] = $"19:alliance@thread.tacv2;messageid={thread}", ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = Activities.TenantId,
        };
        activity["entities"] = Mention();
        return activity;
    }

    private static JsonArray Mention() =>
        [new JsonObject { ["type"] = "mention", ["text"] = "<at>AllianceBot</at>", ["mentioned"] = new JsonObject { ["id"] = Activities.BotId, ["name"] = "AllianceBot" } }];

    private static string Escaped(string conversationId) => Uri.EscapeDataString(conversationId);

    private static Task Answer(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }
}
