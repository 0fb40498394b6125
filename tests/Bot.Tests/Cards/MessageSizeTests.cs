using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Activities;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>
/// Teams counts a bot message in UTF-16 over the whole activity and refuses it (413) at about 100 KB; we keep under
/// 80 KB measured that way. A card that would not fit is trimmed, never an exception and never a 5xx.
/// </summary>
public sealed class MessageSizeTests
{
    private static CardView CardWith(string text) => new(CardKind.Info, "Size", [new Paragraph(text)], [], "Size");

    private static readonly Activity Incoming = new()
    {
        Type = "message",
        Id = "in-1",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ChannelId = "msteams",
        Locale = "en-US",
        From = new ChannelAccount { Id = "29:" + new string('u', 100), Name = "Ada", AadObjectId = "aad-ada" },
        Recipient = new ChannelAccount { Id = "28:alliancebot", Name = "AllianceBot" },
        Conversation = new ConversationAccount { Id = "a:" + new string('c', 300), ConversationType = "personal", TenantId = "tenant-1" },
    };

    [Theory]
    [InlineData("plain ASCII")]
    [InlineData("Größe, één, «quoted» and \"escaped\" — 🚀 emoji")]
    public void ACardIsMeasuredAsItsCompactJsonInUtf16WithoutBuildingTheString(string text)
    {
        // Issue 18: the size check no longer builds the JSON string; it must measure exactly what the string would be.
        var card = AdaptiveCardRenderer.Render(CardWith(text));
        Assert.Equal(card.ToJsonString().Length * sizeof(char), MessageSize.Of(card));
        Assert.Equal(card.ToJsonString().Length * sizeof(char), AdaptiveCardRenderer.SizeInBytes(card));
    }

    /// <summary>The length of paragraph text that makes the whole reply measure <paramref name="size"/>.</summary>
    private static int TextLengthFor(int size)
    {
        var empty = MessageSize.Of(OutgoingActivities.ReplyTo(Incoming, CardWith("")));
        return (size - empty) / sizeof(char);
    }

    private static string TextOf(Activity activity) =>
        (string)activity.Attachments![0].Content!["body"]![1]!["text"]!;

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Strings(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Strings(n)),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => [(string)v!],
        _ => [],
    };

    [Fact]
    public void AReplyJustUnderTheLimitGoesOutUntouched()
    {
        var text = new string('x', TextLengthFor(MessageSize.Limit - 2));

        var reply = OutgoingActivities.ReplyTo(Incoming, CardWith(text));

        Assert.Equal(MessageSize.Limit - 2, MessageSize.Of(reply));
        Assert.Equal(text, TextOf(reply));
    }

    [Fact]
    public void AReplyJustOverTheLimitIsTrimmedUntilItFits()
    {
        var text = new string('x', TextLengthFor(MessageSize.Limit + 2));
        Assert.Equal(MessageSize.Limit + 2, MessageSize.Of(OutgoingActivities.ReplyTo(Incoming, CardWith(""))) + (text.Length * sizeof(char)));

        var reply = OutgoingActivities.ReplyTo(Incoming, CardWith(text));

        Assert.True(MessageSize.Fits(reply), $"{MessageSize.Of(reply)} bytes");
        Assert.EndsWith("…", TextOf(reply), StringComparison.Ordinal);
        Assert.Equal("in-1", reply.ReplyToId);
    }

    [Fact]
    public void SizeIsCountedInUtf16NotUtf8()
    {
        // 45,000 ASCII characters: 45 KB in UTF-8 (what the old guard counted, and let through), 90 KB as Teams counts.
        var card = AdaptiveCardRenderer.Render(CardWith(new string('x', 25_000)));
        Assert.Equal(2 * Encoding.UTF8.GetByteCount(card.ToJsonString()), AdaptiveCardRenderer.SizeInBytes(card));

        var activity = OutgoingActivities.FromView(CardWith(new string('x', 45_000)));

        Assert.True(Encoding.UTF8.GetByteCount(new string('x', 45_000)) < MessageSize.Limit);
        Assert.True(MessageSize.Fits(activity), $"{MessageSize.Of(activity)} bytes");
    }

    [Fact]
    public void AHealthCardOfAFifteenHundredPartnerAllianceStillRendersWithinTheLimit()
    {
        var rows = Enumerable.Range(1, 1500).Select(i => (IReadOnlyList<string>)[$"Partner {i} with a rather long name", "12", "3.5", "4.1"]).ToList();
        var notices = Enumerable.Range(1, 1500).Select(i => (Block)new Paragraph($"Partner {i}: fewer than 3 people answered.", Tone.Subtle));
        var view = new CardView(CardKind.HealthCheck, "Where are we?",
            [new Heading("Per partner"), new TableBlock(["Partner", "Answers", "C", "R"], rows), .. notices],
            [new SubmitAction("Members", "run-intent", new Dictionary<string, string> { ["intent"] = "members" })], "Health check");

        var activity = OutgoingActivities.FromView(view);
        var invoke = OutgoingActivities.InvokeResponse(view);

        Assert.True(MessageSize.Fits(activity), $"{MessageSize.Of(activity)} bytes");
        Assert.True(MessageSize.Fits(invoke), $"{MessageSize.Of(invoke)} bytes");
        var texts = Strings(activity.Attachments![0].Content!).ToList();
        Assert.Contains("Partner 1 with a rather long name", texts);
        Assert.Contains(texts, t => t.StartsWith("… +", StringComparison.Ordinal));
        Assert.Contains("Action.Execute", texts);
    }

    [Fact]
    public void TheTrimmerKeepsInputsAndActions()
    {
        var view = new CardView(CardKind.Pulse, "Pulse",
            [.. Enumerable.Range(1, 200).Select(i => (Block)new Paragraph(new string('p', 3000))), new ChoiceInput("q1", "Question", [new Choice("1", "1"), new Choice("5", "5")])],
            [new SubmitAction("Send", "pulse-submit", new Dictionary<string, string>(), SubmitsInputs: true)], "Pulse");

        var smallest = CardTrimmer.Trim(view, CardTrimmer.MaxLevel);
        var fitted = OutgoingActivities.FromView(view);

        Assert.Contains(smallest.Body, b => b is ChoiceInput { Id: "q1" });
        Assert.Equal(view.Actions, smallest.Actions);
        Assert.True(MessageSize.Fits(fitted));
        Assert.Contains("\"id\":\"q1\"", fitted.Attachments![0].Content!.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// An alliance stored before the bound with 1,500 partners: "members" answers 200 and the card that reaches the
    /// connector fits. Before, CardTooLargeException escaped the router and the endpoint answered 500.
    /// </summary>
    [Fact]
    public async Task TheMembersCardOfALegacyAllianceWithFifteenHundredPartnersReachesTheConnectorWithinTheLimit()
    {
        await using var connector = await LocalServer.StartAsync();
        connector.Respond = (context, _) =>
        {
            context.Response.StatusCode = 201;
            return context.Response.WriteAsync("{\"id\":\"sent\"}");
        };
        await using var host = new TeamsHost();
        var created = await host.PostActivityAsync(Activities.Message(connector.BaseUrl, "create alliance \"Big\" as Acme with Globex tz Europe/Amsterdam lang en", id: "create"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var database = host.Services.GetRequiredService<Database>();
        var alliance = Assert.Single(await database.ListMyAlliancesAsync(new MemberIdentity(MemberIdentity.Teams, Activities.TenantId, Activities.UserId), default));
        for (var i = 0; i < 1500; i++)
        {
            await database.AddPartnerAsync(alliance.AllianceId, $"Legacy partner {i} {new string('n', 60)}", DateTimeOffset.UtcNow, default);
        }

        var before = connector.Requests.Count;
        var response = await host.PostActivityAsync(Activities.Message(connector.BaseUrl, "members", id: "members"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = connector.Requests.Skip(before).ToList();
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.True(MessageSize.OfJson(r.Body) < MessageSize.Limit, $"{MessageSize.OfJson(r.Body)} bytes"));
        Assert.Contains(replies, r => Strings(JsonNode.Parse(r.Body)!).Any(t => t.StartsWith("… +", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The real health check ("where are we?") of an alliance with closed rounds (the demo), grown to 1,500 partners
    /// before the limit existed: every partner without answers gets a notice, yet the message Teams receives fits.
    /// </summary>
    [Fact]
    public async Task TheRealHealthCheckOfALegacyAllianceWithFifteenHundredPartnersFitsATeamsMessage()
    {
        await using var host = new HealthCheck.HealthHost();
        await host.CardAsync("29:big", "en-US", "demo", CardKind.Info);
        var database = host.Services.GetRequiredService<Database>();
        var alliance = Assert.Single(await database.ListMyAlliancesAsync(new MemberIdentity(MemberIdentity.Teams, "tenant-health", "29:big"), default));
        for (var i = 0; i < 1500; i++)
        {
            await database.AddPartnerAsync(alliance.AllianceId, $"Legacy partner {i} {new string('n', 60)}", host.Time.GetUtcNow(), default);
        }

        var view = await host.CardAsync("29:big", "en-US", "where are we?", CardKind.HealthCheck);
        var reply = OutgoingActivities.ReplyTo(Incoming, view);

        Assert.Throws<CardTooLargeException>(() => AdaptiveCardRenderer.Render(view)); // untrimmed: what used to escape as a 500
        Assert.True(MessageSize.Fits(reply), $"{MessageSize.Of(reply)} bytes");
        var texts = Strings(reply.Attachments![0].Content!).ToList();
        Assert.Contains(texts, t => t.StartsWith("… +", StringComparison.Ordinal));
        Assert.Contains(view.Title, texts);
    }
}
