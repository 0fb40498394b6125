using System.Net;
using System.Text.Json.Nodes;
using static AllianceBot.Bot.Tests.Slack.SlackRequests;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// An answer for the asker alone, asked by mentioning the bot in a Slack channel: the real host and dialogs against
/// the Slack Web API stand-in. The answer goes to the person's direct message (opened with conversations.open when
/// none is stored), the channel gets the note.
/// </summary>
public sealed class SlackPrivateAnswerTests : IAsyncLifetime
{
    private const string Channel = "C0GENERAL";
    private SlackApiStandIn api = null!;

    public async Task InitializeAsync() => api = await SlackApiStandIn.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task MyDataAskedInAChannelGoesToTheDirectMessageAndTheChannelGetsOnlyTheNote()
    {
        await using var host = new SlackHost(api);

        Assert.Equal(HttpStatusCode.OK, (await host.PostEventAsync(Mention("Ev-mydata", "my data"))).StatusCode);
        await host.WhenIdleAsync();

        var opened = Assert.Single(api.CallsTo("conversations.open"));
        Assert.Equal(UserId, opened.Field("users"));
        var posts = api.CallsTo("chat.postMessage").ToList();
        Assert.Equal(["D" + UserId, Channel], posts.Select(p => p.Field("channel")));
        Assert.Equal("That answer is for you only, so I sent it to our personal chat.", posts[1].Field("text"));
        Assert.DoesNotContain("I store", posts[1].Json!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpAskedInAChannelIsAnsweredInTheChannel()
    {
        await using var host = new SlackHost(api);

        await host.PostEventAsync(Mention("Ev-help", "help"));
        await host.WhenIdleAsync();

        Assert.Empty(api.CallsTo("conversations.open"));
        Assert.Equal(Channel, Assert.Single(api.CallsTo("chat.postMessage")).Field("channel"));
    }

    private static string Mention(string eventId, string text) => Envelope(eventId, new JsonObject
    {
        ["type"] = "app_mention", ["channel"] = Channel, ["user"] = UserId, ["text"] = $"<@{SlackApiStandIn.BotUserId}> {text}",
        ["ts"] = "1355517523.000007", ["event_ts"] = "1355517523.000007", ["channel_type"] = "channel",
    }.ToJsonString());
}
