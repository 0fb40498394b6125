using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using static AllianceBot.Bot.Tests.Slack.SlackRequests;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// The real dialogs through the real host over Slack: the demo, the health check with its signed chart, the pulse
/// round from "round now" to the stored answers. Only the Slack Web API is a stand-in.
/// </summary>
public sealed class SlackDialogTests : IAsyncLifetime
{
    private static readonly MemberIdentity Anna = new(MemberIdentity.Slack, SlackApiStandIn.TeamId, UserId);

    private SlackApiStandIn api = null!;

    public async Task InitializeAsync() => api = await SlackApiStandIn.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task WhereAreWeFromADemoMemberGetsTheHealthCheckWithTheChartAsASignedImage()
    {
        await using var host = new SlackHost(api);
        await SayAsync(host, "Ev-demo", "demo");
        await SayAsync(host, "Ev-where", "where are we?");

        var posts = api.CallsTo("chat.postMessage").ToList();
        Assert.True(posts.Count >= 2, $"expected the demo card and the health check, got {posts.Count} posts");
        var health = posts[^1];
        Assert.Equal(DirectChannel, health.Field("channel"));
        Assert.False(string.IsNullOrWhiteSpace(health.Field("text")));
        var blocks = health.Json!["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 2, 50);
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        Assert.Contains(blocks, b => (string?)b!["type"] == "header" && ((string?)b["text"]!["text"])!.Contains("NAV", StringComparison.Ordinal)
            || (string?)b!["type"] == "section" && b["text"] is { } t && ((string?)t["text"])!.Contains("NAV", StringComparison.Ordinal));

        var images = blocks.Where(b => (string?)b!["type"] == "image").Select(b => (string)b!["image_url"]!).ToList();
        Assert.NotEmpty(images);
        using var client = host.CreateClient();
        foreach (var image in images)
        {
            var url = new Uri(image);
            Assert.Equal("https://bot.example.com", url.GetLeftPart(UriPartial.Authority));
            Assert.False(string.IsNullOrEmpty(url.Query), $"{image} carries no signature");
            var response = await client.GetAsync(url.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            var png = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);

            // The signature covers the URL: the same path with a changed query is refused.
            var tampered = await client.GetAsync(url.PathAndQuery.Replace("sig=", "sig=0", StringComparison.Ordinal));
            Assert.True((int)tampered.StatusCode is >= 400 and < 500, $"tampered chart URL answered {tampered.StatusCode}");
        }
    }

    [Fact]
    public async Task RoundNowDeliversThePulseAndSubmittingItStoresTheAnswersAndThanksByChatUpdate()
    {
        await using var host = new SlackHost(api);
        await SayAsync(host, "Ev-demo", "demo");

        // "round now" from the manager, retried twice by Slack: one round, one answer, one pulse delivered.
        foreach (var retry in new[] { 0, 1, 2 })
        {
            var response = await host.PostEventAsync(DirectMessage("Ev-round-now", "round now"), request =>
            {
                if (retry > 0)
                {
                    request.Headers.Add("X-Slack-Retry-Num", retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await host.WhenIdleAsync();
        var delivered = await WaitForAsync(() => api.CallsTo("chat.postMessage").Where(IsPulseCard).ToList(), found => found.Count > 0);
        var database = host.Services.GetRequiredService<Database>();
        var membership = Assert.Single(await database.ListMyAlliancesAsync(Anna, CancellationToken.None));
        var round = await database.GetOpenRoundAsync(membership.AllianceId, CancellationToken.None);
        Assert.NotNull(round);
        Assert.Equal(1, round.InvitedCount);
        Assert.Equal(DirectChannel, Assert.Single(delivered).Field("channel"));
        var roundNowReplies = api.CallsTo("chat.postMessage").Count(p => !IsPulseCard(p)) - 1; // minus the demo card
        Assert.Equal(1, roundNowReplies);

        // "/alliance pulse" shows the open card again, in the DM.
        await host.PostFormAsync("/api/slack/commands", Command("pulse"));
        await host.WhenIdleAsync();
        var card = api.CallsTo("chat.postMessage").Last();
        Assert.True(IsPulseCard(card));
        var channel = card.Field("channel")!;
        var blocks = card.Json!["blocks"]!.AsArray();
        var items = blocks.Where(b => (string?)b!["type"] == "input" && (string?)b["element"]!["type"] == "radio_buttons")
            .Select(b => (string)b!["block_id"]!).ToList();
        Assert.NotEmpty(items);
        var chosen = items.Select((item, i) => (item, value: 1 + (i % 5))).ToDictionary(x => x.item, x => x.value);

        // A tampered value ("6" is no choice of the card) is refused: the card comes back, nothing is stored.
        var tampered = StateValues(chosen.ToDictionary(kv => kv.Key, kv => kv.Key == items[0] ? "6" : kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await ClickAsync(host, BlockActions(channel, "1750000000.900001", blocks, tampered));
        var refused = Assert.Single(api.CallsTo("chat.update"));
        Assert.Equal(("1750000000.900001", channel), (refused.Field("ts"), refused.Field("channel")));
        Assert.True(IsPulseCard(refused), "the refused submit should bring the card back");
        Assert.Contains("Elk antwoord moet een heel getal van 1 tot 5 zijn", refused.Json!.ToJsonString(), StringComparison.Ordinal);
        if (items.Count > 1)
        {
            // The valid choices are kept: the second statement's radio comes back pre-selected.
            var kept = refused.Json!["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == items[1])!;
            Assert.Equal(chosen[items[1]].ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)kept["element"]!["initial_option"]?["value"]);
        }

        Assert.Empty((await database.GetMyAnswersAsync(round.Id, membership.MemberId, CancellationToken.None)).Answers);

        // The honest submit is stored and the message becomes the thank-you.
        var honest = StateValues(chosen.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await ClickAsync(host, BlockActions(channel, "1750000000.900001", blocks, honest));
        var thanks = api.CallsTo("chat.update").Last();
        Assert.Equal("Dank u wel!", (string?)thanks.Json!["blocks"]![0]!["text"]!["text"]);
        Assert.False(string.IsNullOrWhiteSpace(thanks.Field("text")));
        var stored = await database.GetMyAnswersAsync(round.Id, membership.MemberId, CancellationToken.None);
        Assert.Equal(chosen.OrderBy(kv => kv.Key, StringComparer.Ordinal), stored.Answers.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task APulseRoundReachesATeamsMemberAsAnAdaptiveCardAndASlackMemberAsBlockKit()
    {
        await using var teams = await TeamsConnectorRecorder.StartAsync();
        await using var host = new SlackHost(api);
        await SayAsync(host, "Ev-demo", "demo");

        // A Teams colleague joins the same alliance: seen once in their personal chat (service URL = the recorder).
        var database = host.Services.GetRequiredService<Database>();
        var alliance = Assert.Single(await database.ListMyAlliancesAsync(Anna, CancellationToken.None));
        var colleague = new MemberIdentity(MemberIdentity.Teams, "tenant-contoso", "29:colleague");
        var contact = await host.Services.GetRequiredService<IContactStore>().RecordSightingAsync(new ContactSighting(
            new ConversationReference(colleague.Channel, colleague.TenantId, colleague.UserId, teams.ServiceUrl.ToString(), "a:colleague-personal", "28:alliancebot"),
            "Colleague", "en-US", "Europe/London", DateTimeOffset.UtcNow), CancellationToken.None);
        await database.AddMemberAsync(new NewMember(alliance.AllianceId, alliance.PartnerId, contact.Id), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, (await host.PostFormAsync("/api/slack/commands", Command("pulse now"))).StatusCode);
        await host.WhenIdleAsync();

        var slackPulses = await WaitForAsync(() => api.CallsTo("chat.postMessage").Where(IsPulseCard).ToList(), found => found.Count > 0);
        var teamsActivities = await WaitForAsync(() => teams.Activities, found => found.Count > 0);
        var round = await database.GetOpenRoundAsync(alliance.AllianceId, CancellationToken.None);
        Assert.Equal(2, round!.InvitedCount);

        // Slack: the person's DM (the one the slash command's answer opened) gets Block Kit with the radio inputs.
        var slack = Assert.Single(slackPulses);
        Assert.Equal(UserId, Assert.Single(api.CallsTo("conversations.open")).Field("users"));
        Assert.Equal("D" + UserId, slack.Field("channel"));
        Assert.False(string.IsNullOrWhiteSpace(slack.Field("text")));

        // Teams: the colleague's personal conversation gets an Adaptive Card with one Input.ChoiceSet per statement, in English.
        var (conversation, activity) = Assert.Single(teamsActivities);
        Assert.Equal("a:colleague-personal", conversation);
        Assert.Equal("message", (string?)activity["type"]);
        var attachment = activity["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!.ToJsonString();
        Assert.Contains("Input.ChoiceSet", card, StringComparison.Ordinal);
        Assert.Contains("Monthly pulse", card, StringComparison.Ordinal);
        Assert.Contains("Maandelijkse", slack.Json!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningTheMessagesTabForTheFirstTimeGetsTheWelcomeAndLaterVisitsDoNot()
    {
        await using var host = new SlackHost(api);

        await SayAsync(host, "Ev-home-1", HomeOpened("messages"), raw: true);
        await SayAsync(host, "Ev-home-2", HomeOpened("messages"), raw: true);
        await SayAsync(host, "Ev-home-tab", HomeOpened("home"), raw: true);

        var welcome = Assert.Single(api.CallsTo("chat.postMessage"));
        Assert.Equal(DirectChannel, welcome.Field("channel"));
        Assert.Equal("header", (string?)welcome.Json!["blocks"]![0]!["type"]);
        Assert.Equal(DirectChannel, (await host.FindContactAsync(UserId))!.Reference.ConversationId);
    }

    private static string HomeOpened(string tab) => new JsonObject
    {
        ["type"] = "app_home_opened", ["user"] = UserId, ["channel"] = DirectChannel, ["tab"] = tab, ["event_ts"] = "1515449522000016",
    }.ToJsonString();

    [Fact]
    public async Task AReplyThatFindsTheAccountInactiveMarksThePersonUnreachable()
    {
        await using var host = new SlackHost(api);
        await SayAsync(host, "Ev-first", "help");
        Assert.True((await host.FindContactAsync(UserId))!.Reachable);

        api.ScriptError("chat.postMessage", "account_inactive");
        await SayAsync(host, "Ev-inactive", "help");

        Assert.False((await host.FindContactAsync(UserId))!.Reachable);
    }

    [Fact]
    public async Task ASlashCommandFromADeactivatedAccountMarksThePersonUnreachable()
    {
        await using var host = new SlackHost(api);
        await SayAsync(host, "Ev-first", "help");

        api.ScriptError("conversations.open", "account_inactive");
        Assert.Equal(HttpStatusCode.OK, (await host.PostFormAsync("/api/slack/commands", Command("help"))).StatusCode);
        await host.WhenIdleAsync();

        Assert.Single(api.CallsTo("chat.postMessage"));
        Assert.False((await host.FindContactAsync(UserId))!.Reachable);
    }

    [Fact]
    public async Task ABotRemovedFromAChannelDoesNotMakeThePersonUnreachable()
    {
        await using var host = new SlackHost(api);
        await SayAsync(host, "Ev-first", "help");

        api.ScriptError("chat.postMessage", "not_in_channel");
        await host.PostEventAsync(Envelope("Ev-mention", """{"type":"app_mention","user":"U2147483697","text":"<@UBOT> help","ts":"1515449522.000016","channel":"C0LAN2Q65"}"""));
        await host.WhenIdleAsync();

        Assert.Equal(2, api.CallsTo("chat.postMessage").Count());
        Assert.True((await host.FindContactAsync(UserId))!.Reachable);
    }

    [Fact]
    public async Task TheDirectMessageGoneMarksThePersonUnreachable()
    {
        await using var host = new SlackHost(api);
        await SayAsync(host, "Ev-first", "help");

        api.ScriptError("chat.postMessage", "channel_not_found");
        await SayAsync(host, "Ev-gone", "help");

        Assert.False((await host.FindContactAsync(UserId))!.Reachable);
    }

    /// <summary>
    /// Issue 13: every statement in Slack offers the sixth choice "don't know / not applicable" as a radio option (within
    /// Slack's ten); a forged value is refused with nothing stored; the honest "dk" is stored as an answer without a
    /// score and read back on the thank-you.
    /// </summary>
    [Fact]
    public async Task DontKnowIsARadioOptionForEveryStatementAndIsStoredWithoutAScore()
    {
        await using var host = new SlackHost(api);
        await SayAsync(host, "Ev-demo", "demo");
        await SayAsync(host, "Ev-round-now", "round now");
        await host.PostFormAsync("/api/slack/commands", Command("pulse"));
        await host.WhenIdleAsync();
        var card = api.CallsTo("chat.postMessage").Last(IsPulseCard);
        var channel = card.Field("channel")!;
        var blocks = card.Json!["blocks"]!.AsArray();
        var inputs = blocks.Where(b => (string?)b!["type"] == "input" && (string?)b["element"]!["type"] == "radio_buttons").ToList();
        Assert.NotEmpty(inputs);
        Assert.All(inputs, input =>
        {
            var options = input!["element"]!["options"]!.AsArray();
            Assert.Equal(["1", "2", "3", "4", "5", "dk"], options.Select(o => (string?)o!["value"]));
            Assert.Equal("Weet ik niet / niet van toepassing", (string?)options[5]!["text"]!["text"]);
        });
        var items = inputs.Select(b => (string)b!["block_id"]!).ToList();

        var forged = StateValues(items.ToDictionary(item => item, item => item == items[0] ? "dk2" : "4"));
        await ClickAsync(host, BlockActions(channel, "1750000000.910001", blocks, forged));
        Assert.Contains("heel getal van 1 tot 5 zijn of ", api.CallsTo("chat.update").Last().Json!.ToJsonString(), StringComparison.Ordinal);
        var database = host.Services.GetRequiredService<Database>();
        var membership = Assert.Single(await database.ListMyAlliancesAsync(Anna, CancellationToken.None));
        var round = (await database.GetOpenRoundAsync(membership.AllianceId, CancellationToken.None))!;
        Assert.Empty((await database.GetMyAnswersAsync(round.Id, membership.MemberId, CancellationToken.None)).Answers);

        var honest = StateValues(items.ToDictionary(item => item, item => item == items[0] ? "dk" : "4"));
        await ClickAsync(host, BlockActions(channel, "1750000000.910001", blocks, honest));
        var thanks = api.CallsTo("chat.update").Last().Json!.ToJsonString();
        Assert.Contains("Weet ik niet / niet van toepassing", thanks, StringComparison.Ordinal);
        var stored = await database.GetMyAnswersAsync(round.Id, membership.MemberId, CancellationToken.None);
        Assert.Equal(AllianceBot.Data.Responses.AnswerValue.DontKnow, stored.Answers[items[0]]);
        Assert.All(items.Skip(1), item => Assert.Equal(4, stored.Answers[item]));
    }

    private static bool IsPulseCard(SlackApiCall call) =>
        call.Json?["blocks"] is JsonArray blocks && blocks.Any(b => (string?)b!["type"] == "input" && (string?)b["element"]!["type"] == "radio_buttons");

    private static JsonObject StateValues(IReadOnlyDictionary<string, string> values)
    {
        var state = new JsonObject();
        foreach (var (item, value) in values)
        {
            state[item] = Radio(value);
        }

        return state;
    }

    private static async Task SayAsync(SlackHost host, string eventId, string text, bool raw = false)
    {
        Assert.Equal(HttpStatusCode.OK, (await host.PostEventAsync(raw ? Envelope(eventId, text) : DirectMessage(eventId, text))).StatusCode);
        await host.WhenIdleAsync();
    }

    private static async Task ClickAsync(SlackHost host, JsonObject payload)
    {
        Assert.Equal(HttpStatusCode.OK, (await host.PostFormAsync("/api/slack/interactive", [new("payload", payload.ToJsonString())])).StatusCode);
        await host.WhenIdleAsync();
    }

    /// <summary>The outbox dispatcher delivers on its own schedule; poll what the stand-in recorded (bounded).</summary>
    internal static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
