using System.Text.Json.Nodes;
using AllianceBot.Bot.Slack.BlockKit;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Tests.Slack;

public sealed class BlockKitRendererTests
{
    public static TheoryData<string> SampleNames() => [.. SampleViews.All().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void EverySamplePayloadStaysWithinSlackLimits(string name)
    {
        var message = BlockKitRenderer.Render(SampleViews.All().Single(s => s.Name == name).View);
        Assert.False(string.IsNullOrWhiteSpace(message.Text));
        Assert.InRange(message.Text.Length, 1, SlackLimits.FallbackText);
        Assert.Equal([], BlockKitLimits.Violations(message.Blocks));
    }

    [Fact]
    public async Task EverySamplePayloadTypeChecksAgainstSlackTypes()
    {
        var payloads = SampleViews.All().Select(s => (s.Name, BlockKitRenderer.Render(s.View))).Select(p => (p.Name, p.Item2.Text, p.Item2.Blocks));
        var (ok, output) = await SlackTypes.TypeCheckAsync(payloads);
        Assert.True(ok, output);
    }

    [Fact]
    public void AnAdviceItemsCommitButtonIsTheAccessoryOfItsOwnSectionAndCarriesVerbAndData()
    {
        var blocks = BlockKitRenderer.Render(SampleViews.AdviceWithCommitButtons()).Blocks.Select(b => b!.AsObject()).ToList();

        var items = blocks.Where(b => b["accessory"] is not null).ToList();
        Assert.Equal(2, items.Count);
        Assert.StartsWith("• 1. Put the revenue split", (string?)items[0]["text"]!["text"], StringComparison.Ordinal);
        Assert.Equal("Commit", (string?)items[0]["accessory"]!["text"]!["text"]);
        Assert.True(SlackButtonValue.TryDecode((string?)items[1]["accessory"]!["value"], out var value));
        Assert.Equal(("commitment.make", "p2.do.paper"), (value.Verb, value.Data["advice"]));
    }

    [Fact]
    public void PulseRendersRadioButtonsPerItemAndOneSubmitThatCarriesVerbAndData()
    {
        var blocks = BlockKitRenderer.Render(SampleViews.Pulse()).Blocks.Select(b => b!.AsObject()).ToList();

        var inputs = blocks.Where(b => (string?)b["type"] == "input").ToList();
        Assert.Equal(["q1", "q2", "q3", "comment"], inputs.Select(b => (string?)b["block_id"]));
        Assert.All(inputs.Take(3), b => Assert.Equal("radio_buttons", (string?)b["element"]!["type"]));
        Assert.Equal("4", (string?)inputs[1]["element"]!["initial_option"]!["value"]);
        Assert.Equal("plain_text_input", (string?)inputs[3]["element"]!["type"]);

        var button = blocks.Single(b => (string?)b["type"] == "actions")["elements"]!.AsArray().Single()!;
        Assert.Equal(SlackActionIds.SubmitPrefix + "0", (string?)button["action_id"]);
        Assert.Equal("primary", (string?)button["style"]);
        Assert.True(SlackButtonValue.TryDecode((string?)button["value"], out var value));
        Assert.Equal("pulse.submit", value.Verb);
        Assert.Equal("r-42", value.Data["round"]);
        Assert.True(value.SubmitsInputs);
    }

    [Fact]
    public void MoreThanFiftyBlocksKeepTitleAndButtonsAndSayHowManyAreHidden()
    {
        var card = new CardView(CardKind.RoundClosed, "Round closed", [.. Enumerable.Range(0, 80).Select(i => (Block)new Paragraph($"Finding {i}"))],
            [new SubmitAction("See health check", "health.show", new Dictionary<string, string>())], "closed");

        var blocks = BlockKitRenderer.Render(card).Blocks.Select(b => b!.AsObject()).ToList();

        Assert.Equal(SlackLimits.BlocksPerMessage, blocks.Count);
        Assert.Equal("header", (string?)blocks[0]["type"]);
        Assert.Equal("actions", (string?)blocks[^1]["type"]);
        Assert.Equal("… +33", (string?)blocks[^2]["elements"]![0]!["text"]);
    }

    [Fact]
    public void FactsSplitIntoSectionsOfTenFieldsAndUserTextIsEscaped()
    {
        var card = new CardView(CardKind.Info, "Facts", [new FactList([.. Enumerable.Range(0, 23).Select(i => new Fact("<b>&", $"v{i}"))])], [], "f");

        var sections = BlockKitRenderer.Render(card).Blocks.Where(b => (string?)b!["type"] == "section").ToList();

        Assert.Equal([10, 10, 3], sections.Select(s => s!["fields"]!.AsArray().Count));
        Assert.Equal("*&lt;b&gt;&amp;*\nv0", (string?)sections[0]!["fields"]![0]!["text"]);
    }

    [Fact]
    public void ButtonDataTooLargeForSlackIsRefusedWithAClearMessage()
    {
        var card = new CardView(CardKind.Info, "x", [], [new SubmitAction("Go", "go", new Dictionary<string, string> { ["blob"] = new string('x', 2100) })], "x");

        var error = Assert.Throws<InvalidOperationException>(() => BlockKitRenderer.Render(card));
        Assert.Contains("2000", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Type-checks Block Kit payloads as <c>{ text: string; blocks: KnownBlock[] }</c> with tsc --strict against @slack/types.</summary>
internal static class SlackTypes
{
    public static async Task<(bool Ok, string Output)> TypeCheckAsync(IEnumerable<(string Name, string Text, JsonArray Blocks)> payloads)
    {
        var dir = Directory.CreateTempSubdirectory("slack-blocks-");
        try
        {
            var types = Path.Combine(NodeTools.ToolsDir, "node_modules", "@slack", "types");
            var tsconfig = new JsonObject
            {
                ["compilerOptions"] = new JsonObject
                {
                    ["strict"] = true, ["noEmit"] = true, ["target"] = "es2020", ["module"] = "commonjs",
                    ["moduleResolution"] = "node", ["skipLibCheck"] = false,
                    ["baseUrl"] = ".", ["paths"] = new JsonObject { ["@slack/types"] = new JsonArray(types) },
                    ["types"] = new JsonArray(),
                },
                ["include"] = new JsonArray("*.ts"),
            };
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "tsconfig.json"), tsconfig.ToJsonString());
            var count = 0;
            foreach (var (name, text, blocks) in payloads)
            {
                var payload = new JsonObject { ["text"] = text, ["blocks"] = blocks.DeepClone() };
                await File.WriteAllTextAsync(
                    Path.Combine(dir.FullName, name + ".ts"),
                    "import type { KnownBlock } from '@slack/types';\n" +
                    $"export const payload: {{ text: string; blocks: KnownBlock[] }} = {payload.ToJsonString()};\n");
                count++;
            }

            Assert.True(count > 0, "nothing to type-check");
            var tsc = Path.Combine(NodeTools.ToolsDir, "node_modules", "typescript", "bin", "tsc");
            var (exit, output, errors) = await NodeTools.RunAsync(tsc, "-p", Path.Combine(dir.FullName, "tsconfig.json"));
            return (exit == 0, output + errors);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

/// <summary>Walks a Block Kit payload and lists every documented limit it breaks.</summary>
internal static class BlockKitLimits
{
    public static List<string> Violations(JsonArray blocks)
    {
        var found = new List<string>();
        if (blocks.Count > SlackLimits.BlocksPerMessage)
        {
            found.Add($"{blocks.Count} blocks");
        }

        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks.Select(b => b!.AsObject()))
        {
            var type = (string?)block["type"];
            if ((string?)block["block_id"] is { } blockId)
            {
                Check(found, "block_id", blockId, SlackLimits.BlockId);
                if (!blockIds.Add(blockId))
                {
                    found.Add($"duplicate block_id {blockId}");
                }
            }

            switch (type)
            {
                case "header":
                    Check(found, "header", Text(block["text"]), SlackLimits.HeaderText);
                    break;
                case "section":
                    if (block["text"] is { } text)
                    {
                        Check(found, "section text", Text(text), SlackLimits.SectionText);
                    }

                    if (block["fields"] is JsonArray fields)
                    {
                        if (fields.Count > SlackLimits.FieldsPerSection)
                        {
                            found.Add($"{fields.Count} fields");
                        }

                        fields.ToList().ForEach(f => Check(found, "field", Text(f), SlackLimits.SectionField));
                    }

                    break;
                case "context":
                    var elements = block["elements"]!.AsArray();
                    if (elements.Count > SlackLimits.ContextElements)
                    {
                        found.Add($"{elements.Count} context elements");
                    }

                    elements.ToList().ForEach(e => Check(found, "context text", Text(e), SlackLimits.SectionText));
                    break;
                case "image":
                    Check(found, "image_url", (string?)block["image_url"], SlackLimits.ImageUrl);
                    Check(found, "alt_text", (string?)block["alt_text"], SlackLimits.ImageAltText);
                    break;
                case "input":
                    Check(found, "label", Text(block["label"]), SlackLimits.InputLabel);
                    CheckElement(found, block["element"]!.AsObject());
                    break;
                case "actions":
                    var buttons = block["elements"]!.AsArray();
                    if (buttons.Count > SlackLimits.ElementsPerActions)
                    {
                        found.Add($"{buttons.Count} elements in actions");
                    }

                    var ids = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var button in buttons.Select(b => b!.AsObject()))
                    {
                        if (!ids.Add((string)button["action_id"]!))
                        {
                            found.Add("duplicate action_id in a block");
                        }

                        CheckElement(found, button);
                    }

                    break;
                case "divider":
                    break;
                default:
                    found.Add($"unexpected block type {type}");
                    break;
            }
        }

        return found;
    }

    private static void CheckElement(List<string> found, JsonObject element)
    {
        Check(found, "action_id", (string?)element["action_id"], SlackLimits.ActionId);
        switch ((string?)element["type"])
        {
            case "button":
                Check(found, "button text", Text(element["text"]), SlackLimits.ButtonText);
                Check(found, "button value", (string?)element["value"], SlackLimits.ButtonValue);
                break;
            case "radio_buttons" or "static_select":
                var options = element["options"]!.AsArray();
                if (options.Count > ((string?)element["type"] == "radio_buttons" ? SlackLimits.RadioOptions : SlackLimits.SelectOptions))
                {
                    found.Add($"{options.Count} options");
                }

                foreach (var option in options)
                {
                    Check(found, "option text", Text(option!["text"]), SlackLimits.OptionText);
                    Check(found, "option value", (string?)option["value"], SlackLimits.OptionValue);
                }

                break;
            case "plain_text_input":
                var max = (int?)element["max_length"] ?? SlackLimits.PlainTextInputMax;
                if (max > SlackLimits.PlainTextInputMax)
                {
                    found.Add($"max_length {max}");
                }

                Check(found, "initial_value", (string?)element["initial_value"], max);
                Check(found, "placeholder", Text(element["placeholder"]), SlackLimits.Placeholder);
                break;
        }
    }

    private static string? Text(JsonNode? node) => node is null ? null : (string?)node["text"];

    private static void Check(List<string> found, string what, string? value, int max)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length == 0 || value.Length > max)
        {
            found.Add($"{what} has {value.Length} characters (1–{max} allowed)");
        }
    }
}
