using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Slack.BlockKit;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Trust;
using Microsoft.Extensions.DependencyInjection;
using static AllianceBot.Bot.Tests.Slack.SlackRequests;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// Every card the real dialogs produce, as it actually went to the Slack Web API (recorded by the stand-in), in
/// English, Dutch and German: it must type-check as <c>KnownBlock[]</c> against Slack's own types and keep Slack's limits.
/// The managers' alert and round-closed cards come from the real evaluation of the demo alliance's rounds.
/// </summary>
public sealed class RealCardsBlockKitTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] English =
    [
        "help", "demo", "where are we?", "what moves us right?", "commit 1", "commitments", "done 1", "drift", "members", "my data", "schedule", "phase",
        "invite", "create alliance", "cancel", "join NOPE-1234", "delete alliance", "cancel", "no idea what to type",
        "round now", "pulse",
    ];

    private static readonly string[] Dutch =
    [
        "hulp", "demo", "waar staan we?", "wat brengt ons verder?", "beloof 2", "toezeggingen", "gedaan 1", "verloop", "leden", "mijn gegevens", "planning", "fase",
        "uitnodigen", "nieuwe alliantie", "annuleer", "deelnemen NOPE-1234", "alliantie verwijderen", "annuleer", "geen idee wat ik moet typen",
        "ronde nu", "pulse",
    ];

    private static readonly string[] German =
    [
        "hilfe", "demo", "wo stehen wir?", "was bringt uns weiter?", "verpflichten 1", "zusagen", "erledigt 1", "verlauf", "mitglieder", "meine daten", "zeitplan", "phase",
        "einladen", "neue allianz", "abbrechen", "beitreten NOPE-1234", "allianz löschen", "abbrechen", "keine ahnung was ich tippen soll",
        "runde jetzt", "puls",
    ];

    private SlackApiStandIn api = null!;

    public async Task InitializeAsync() => api = await SlackApiStandIn.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task EveryRealCardTypeChecksAgainstSlackTypesAndKeepsSlacksLimits()
    {
        await using var host = new SlackHost(api);
        var payloads = new List<(string Name, string Text, JsonArray Blocks)>();
        foreach (var (user, channel, language) in new[] { ("UEN0001", "DEN0001", Language.En), (UserId, DirectChannel, Language.Nl), ("UDE0001", "DDE0001", Language.De) })
        {
            // Opening the Messages tab for the first time: the welcome card.
            var home = new JsonObject { ["type"] = "app_home_opened", ["user"] = user, ["channel"] = channel, ["tab"] = "messages", ["event_ts"] = "1515449522000016" };
            Assert.Equal(HttpStatusCode.OK, (await host.PostEventAsync(Envelope($"Ev-{user}-home", home.ToJsonString()))).StatusCode);
            var n = 0;
            foreach (var text in language == Language.En ? English : language == Language.De ? German : Dutch)
            {
                Assert.Equal(HttpStatusCode.OK, (await host.PostEventAsync(DirectMessage($"Ev-{user}-{n++}", text, user, channel))).StatusCode);
                await host.WhenIdleAsync();
            }

            await AnswerThePulseAsync(host, user, channel);
            payloads.AddRange(await ManagerCardsAsync(host, user, language));
        }

        var sent = api.Calls
            .Where(c => c.Method is "chat.postMessage" or "chat.update" && c.Json?["blocks"] is JsonArray)
            .Select((c, i) => ($"slack-{i:D3}-{c.Method.Replace('.', '-')}", c.Field("text") ?? "", c.Json!["blocks"]!.AsArray()))
            .ToList();
        payloads.AddRange(sent);

        // Enough distinct cards came back to mean the conversation really ran (help, demo, health, drift, pulse, ...).
        foreach (var (name, text, blocks) in sent)
        {
            output.WriteLine($"{name}: {blocks.Count} blocks, {text}");
        }

        var headers = sent.Select(p => (string?)p.Item3.FirstOrDefault()?["text"]?["text"]).Distinct(StringComparer.Ordinal).Count();
        Assert.True(headers >= 16, $"only {headers} distinct cards were sent");
        Assert.Contains(sent, p => p.Item3.Any(b => (string?)b!["type"] == "image"));
        Assert.Contains(sent, p => p.Item3.Any(b => (string?)b!["type"] == "input"));
        Assert.Contains(api.Calls, c => c.Method == "chat.update");
        Assert.Contains(sent, p => (string?)p.Item3.FirstOrDefault()?["text"]?["text"] == "Welcome to AllianceBot");
        Assert.Contains(sent, p => (string?)p.Item3.FirstOrDefault()?["text"]?["text"] == "Willkommen bei AllianceBot");

        // What went to the German member is German throughout: no English catalog sentence fell back.
        var german = api.Calls.Where(c => c.Field("channel") == "DDE0001" && c.Json?["blocks"] is JsonArray).ToList();
        Assert.True(german.Count >= German.Length, $"only {german.Count} cards went to the German member");
        foreach (var call in german)
        {
            AllianceBot.Bot.Tests.Cards.NoEnglishFallback.Assert(call.Json!["blocks"]!, Language.De);
        }


        var violations = payloads
            .SelectMany(p => BlockKitLimits.Violations(p.Blocks).Select(v => $"{p.Name}: {v}")
                .Concat(p.Text.Length is > 0 and <= SlackLimits.FallbackText ? [] : [$"{p.Name}: fallback text of {p.Text.Length} characters"]))
            .ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        var (ok, tsc) = await SlackTypes.TypeCheckAsync(payloads);
        Assert.True(ok, tsc);
    }

    /// <summary>Opens "/alliance pulse", submits it once with a tampered value (error card), once honestly (thank-you), then "change".</summary>
    private async Task AnswerThePulseAsync(SlackHost host, string user, string channel)
    {
        var card = api.CallsTo("chat.postMessage").Last(c => c.Field("channel") == channel
            && c.Json?["blocks"] is JsonArray blocks && blocks.Any(b => (string?)b!["type"] == "input"));
        var blocks = card.Json!["blocks"]!.AsArray();
        var items = blocks.Where(b => (string?)b!["type"] == "input" && (string?)b["element"]!["type"] == "radio_buttons").Select(b => (string)b!["block_id"]!).ToList();
        var tampered = new JsonObject();
        var honest = new JsonObject();
        foreach (var item in items)
        {
            tampered[item] = Radio(item == items[0] ? "6" : "3");
            honest[item] = Radio("4");
        }

        await ClickAsync(host, BlockActions(channel, "1750000000.800001", blocks, tampered, user));
        await ClickAsync(host, BlockActions(channel, "1750000000.800001", blocks, honest, user));
        var thanks = api.CallsTo("chat.update").Last().Json!["blocks"]!.AsArray();
        await ClickAsync(host, BlockActions(channel, "1750000000.800001", thanks, new JsonObject(), user));
    }

    private static async Task ClickAsync(SlackHost host, JsonObject payload)
    {
        Assert.Equal(HttpStatusCode.OK, (await host.PostFormAsync("/api/slack/interactive", [new("payload", payload.ToJsonString())])).StatusCode);
        await host.WhenIdleAsync();
    }

    /// <summary>The alert and round-closed cards the round closing sends to managers, from the demo alliance's real evaluation.</summary>
    private static async Task<IEnumerable<(string, string, JsonArray)>> ManagerCardsAsync(SlackHost host, string user, Language language)
    {
        var database = host.Services.GetRequiredService<AllianceBot.Data.Storage.Database>();
        var mine = await database.ListMyAlliancesAsync(new MemberIdentity(MemberIdentity.Slack, SlackApiStandIn.TeamId, user), CancellationToken.None);
        var demo = Assert.Single(mine, a => a.IsDemo);
        var health = await host.Services.GetRequiredService<HealthEvaluator>().EvaluateAsync(demo.AllianceId, language, null, CancellationToken.None);
        Assert.NotNull(health);
        var texts = host.Services.GetRequiredService<TextCatalog>().For(language);
        var report = health.Report;
        var info = new ClosedRoundInfo(demo.AllianceId, demo.AllianceName, health.Rounds[^1].Round.Number);
        var alerts = report.Notifications.ToList();
        Assert.NotEmpty(alerts);
        var cards = alerts.Select((alert, i) => Rendered($"alert-{language.Code()}-{i}", BlockKitRenderer.Render(RoundCards.Alert(info, alert, alert.Text, report, texts)))).ToList();
        cards.Add(Rendered($"round-closed-{language.Code()}", BlockKitRenderer.Render(RoundCards.Closed(info, report.Latest, report, alerts.Count, 14, texts))));
        return cards;
    }

    private static (string, string, JsonArray) Rendered(string name, SlackMessage message) => (name, message.Text, message.Blocks);
}
