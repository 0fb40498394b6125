using System.Globalization;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Slack.BlockKit;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Dialogs.Explain;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Tests.HealthCheck;

/// <summary>Issue 17: the "Why?" beside each finding and advice item reaches both channels, one button per item.</summary>
public sealed class WhyButtonRenderingTests : IClassFixture<HealthHost>
{
    private readonly HealthHost host;

    public WhyButtonRenderingTests(HealthHost host) => this.host = host;

    [Theory]
    [InlineData("en-US", "where are we?")]
    [InlineData("nl-NL", "wat brengt ons verder?")]
    public async Task EveryItemsWhyIsAButtonInTeamsAndSlack(string locale, string question)
    {
        var user = $"29:why-{locale}";
        await host.CardAsync(user, locale, "demo", CardKind.Info);
        var view = await host.CardAsync(user, locale, question, CardKind.HealthCheck);
        var expected = view.Body.OfType<BulletList>().Sum(b => b.ItemActions?.Count(a => a is not null) ?? 0);
        Assert.True(expected >= 3, $"{expected} item buttons");

        var teams = AdaptiveCardRenderer.Render(view, CultureInfo.GetCultureInfo(locale));
        var executes = Descendants(teams["body"]!).OfType<JsonObject>()
            .Where(o => o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() == WhyCards.Verb).ToList();
        Assert.Equal(expected, executes.Count);
        Assert.All(executes, e => Assert.NotNull(e["data"]![WhyCards.SubjectKey]));

        var slack = BlockKitRenderer.Render(view);
        var accessories = slack.Blocks.OfType<JsonObject>().Select(b => b["accessory"]).OfType<JsonObject>().ToList();
        // An item with two buttons ("Why?" and "Commit", issue 17) has them in an actions block under it instead of an accessory.
        var blocks = slack.Blocks.OfType<JsonObject>().ToList();
        var underItems = blocks.Where((b, i) => i > 0 && b["type"]?.GetValue<string>() == "actions"
            && blocks[i - 1]["text"]?["text"]?.GetValue<string>().StartsWith("• ", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(expected, accessories.Count + underItems.Count);
        Assert.All(accessories, a => Assert.StartsWith(SlackActionIds.SubmitPrefix, a["action_id"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.InRange(slack.Blocks.Count, 1, SlackLimits.BlocksPerMessage);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var d in Descendants(child))
            {
                yield return d;
            }
        }
    }
}
