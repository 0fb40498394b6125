using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Slack.BlockKit;

/// <summary>
/// Turns channel-neutral views into Block Kit. Every string is cut to Slack's limits (<see cref="SlackLimits"/>) and
/// a card longer than 50 blocks keeps its title and buttons and ends the body with a "… +N" line.
/// </summary>
public static class BlockKitRenderer
{
    public static SlackMessage Render(View view) => view switch
    {
        MessageView message => new SlackMessage(Mrkdwn.Cut(Mrkdwn.Escape(message.Text), SlackLimits.FallbackText), []),
        CardView card => RenderCard(card),
        _ => throw new ArgumentOutOfRangeException(nameof(view), view.GetType().Name, "Unknown view type."),
    };

    private static SlackMessage RenderCard(CardView card)
    {
        var head = new List<JsonObject>();
        if (card.Title.Length > 0)
        {
            head.Add(Header(card.Title));
        }

        if (!string.IsNullOrWhiteSpace(card.Subtitle))
        {
            head.Add(Context(Mrkdwn.Escape(card.Subtitle)));
        }

        var body = card.Body.SelectMany(RenderBlock).ToList();
        var actions = RenderActions(card.Actions).ToList();

        var room = SlackLimits.BlocksPerMessage - head.Count - actions.Count;
        if (body.Count > room)
        {
            var kept = Math.Max(0, room - 1);
            var hidden = body.Count - kept;
            body = [.. body.Take(kept), Context("… +" + hidden.ToString(CultureInfo.InvariantCulture))];
        }

        var blocks = new JsonArray();
        foreach (var block in head.Concat(body).Concat(actions))
        {
            blocks.Add(block);
        }

        var summary = string.IsNullOrWhiteSpace(card.Summary) ? card.Title : card.Summary;
        return new SlackMessage(Mrkdwn.Cut(Mrkdwn.Escape(summary), SlackLimits.FallbackText), blocks);
    }

    private static IEnumerable<JsonObject> RenderBlock(Block block) => block switch
    {
        Heading h => h.Text.Length == 0 ? [] : [Header(h.Text)],
        Paragraph p => RenderParagraph(p),
        FactList f => RenderFacts(f),
        BulletList b => RenderBullets(b),
        TableBlock t => Sections(MonospaceTable(t.Header, t.Rows)),
        ImageBlock i => [Image(i.Url, i.AltText, title: null)],
        LineChartBlock c => RenderChart(c),
        ChoiceInput c => [RenderChoice(c)],
        TextInput t => [RenderTextInput(t)],
        Divider => [new JsonObject { ["type"] = "divider" }],
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "Unknown block type."),
    };

    private static IEnumerable<JsonObject> RenderParagraph(Paragraph p)
    {
        if (p.Text.Length == 0)
        {
            return [];
        }

        return p.Tone == Tone.Subtle
            ? [Context(Mrkdwn.Escape(p.Text))]
            : Sections(Mrkdwn.WithTone(p.Tone, Mrkdwn.Escape(p.Text)));
    }

    private static IEnumerable<JsonObject> RenderFacts(FactList list)
    {
        foreach (var chunk in list.Facts.Chunk(SlackLimits.FieldsPerSection))
        {
            var fields = new JsonArray();
            foreach (var fact in chunk)
            {
                var text = $"*{Mrkdwn.Escape(fact.Label)}*\n{Mrkdwn.Escape(fact.Value)}";
                fields.Add(new JsonObject { ["type"] = "mrkdwn", ["text"] = Mrkdwn.Cut(text, SlackLimits.SectionField) });
            }

            yield return new JsonObject { ["type"] = "section", ["fields"] = fields };
        }
    }

    private static IEnumerable<JsonObject> RenderBullets(BulletList list)
    {
        if (list.ItemActions is { Count: > 0 } || list.SecondActions is { Count: > 0 })
        {
            return RenderBulletsWithButtons(list);
        }

        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(list.Title))
        {
            lines.Add(Mrkdwn.WithTone(list.Tone, $"*{Mrkdwn.Escape(list.Title)}*"));
        }

        lines.AddRange(list.Items.Select(item => "• " + Mrkdwn.Escape(item)));
        return lines.Count == 0 ? [] : Sections(PackLines(lines, SlackLimits.SectionText));
    }

    /// <summary>One section per item with its button ("Why?") as the accessory; the title is a section of its own.</summary>
    private static IEnumerable<JsonObject> RenderBulletsWithButtons(BulletList list)
    {
        if (!string.IsNullOrWhiteSpace(list.Title))
        {
            yield return Section(Mrkdwn.WithTone(list.Tone, $"*{Mrkdwn.Escape(list.Title)}*"));
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            var section = Section("• " + Mrkdwn.Escape(list.Items[i]));
            var actions = list.ActionsFor(i);
            if (actions.Count == 1)
            {
                section["accessory"] = Button(actions[0], i);
            }

            yield return section;
            if (actions.Count > 1)
            {
                // A section holds one accessory; two buttons ("Why?", "Commit") go in an actions block under the item.
                yield return new JsonObject
                {
                    ["type"] = "actions",
                    ["elements"] = new JsonArray([.. actions.Select((action, index) => (JsonNode)Button(action, index))]),
                };
            }
        }
    }

    private static IEnumerable<JsonObject> RenderChart(LineChartBlock chart)
    {
        if (!string.IsNullOrEmpty(chart.FallbackImageUrl))
        {
            return [Image(chart.FallbackImageUrl, chart.AltText, chart.Title)];
        }

        var header = new List<string> { "" };
        header.AddRange(chart.Series.Select(s => s.Name));
        var rows = chart.XLabels.Select((label, i) =>
        {
            var row = new List<string> { label };
            row.AddRange(chart.Series.Select(s => i < s.Values.Count && s.Values[i] is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–"));
            return (IReadOnlyList<string>)row;
        }).ToList();
        var title = $"*{Mrkdwn.Escape(chart.Title)}*";
        return Sections(MonospaceTable(header, rows).Select((part, i) => i == 0 ? title + "\n" + part : part).ToList());
    }

    private static JsonObject RenderChoice(ChoiceInput input)
    {
        var options = new JsonArray();
        JsonObject? initial = null;
        var max = input.Choices.Count <= SlackLimits.RadioOptions ? SlackLimits.RadioOptions : SlackLimits.SelectOptions;
        foreach (var choice in input.Choices.Take(max))
        {
            var option = Option(choice);
            options.Add(option);
            if (input.Value is not null && string.Equals(choice.Value, input.Value, StringComparison.Ordinal))
            {
                initial = Option(choice);
            }
        }

        // Radio buttons show the whole 1–5 scale at once; a long list folds into a menu.
        var element = new JsonObject
        {
            ["type"] = input.Choices.Count <= SlackLimits.RadioOptions ? "radio_buttons" : "static_select",
            ["action_id"] = SlackActionIds.Input,
            ["options"] = options,
        };
        if (initial is not null)
        {
            element["initial_option"] = initial;
        }

        return Input(input.Id, input.Label, element, optional: !input.Required);
    }

    private static JsonObject RenderTextInput(TextInput input)
    {
        var maxLength = Math.Clamp(input.MaxLength, 1, SlackLimits.PlainTextInputMax);
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = SlackActionIds.Input,
            ["multiline"] = input.Multiline,
            ["max_length"] = maxLength,
        };
        if (!string.IsNullOrWhiteSpace(input.Placeholder))
        {
            element["placeholder"] = PlainText(input.Placeholder, SlackLimits.Placeholder);
        }

        if (!string.IsNullOrEmpty(input.Value))
        {
            element["initial_value"] = Mrkdwn.Cut(input.Value, maxLength);
        }

        return Input(input.Id, input.Label, element, optional: true);
    }

    private static IEnumerable<JsonObject> RenderActions(IReadOnlyList<ViewAction> actions)
    {
        var buttons = actions.Select((action, index) => Button(action, index)).ToList();
        var blockIndex = 0;
        foreach (var chunk in buttons.Chunk(SlackLimits.ElementsPerActions))
        {
            var elements = new JsonArray();
            foreach (var button in chunk)
            {
                elements.Add(button);
            }

            yield return new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = SlackActionIds.ActionsBlockPrefix + blockIndex++.ToString(CultureInfo.InvariantCulture),
                ["elements"] = elements,
            };
        }
    }

    private static JsonObject Button(ViewAction action, int index)
    {
        var id = index.ToString(CultureInfo.InvariantCulture);
        var button = new JsonObject { ["type"] = "button", ["text"] = PlainText(action.Title, SlackLimits.ButtonText) };
        switch (action)
        {
            case SubmitAction submit:
                button["action_id"] = SlackActionIds.SubmitPrefix + id;
                button["value"] = SlackButtonValue.From(submit).Encode();
                if (submit.Style != ActionStyle.Default)
                {
                    button["style"] = submit.Style == ActionStyle.Positive ? "primary" : "danger";
                }

                break;
            case OpenUrlAction link:
                button["action_id"] = SlackActionIds.LinkPrefix + id;
                button["url"] = link.Url;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "Unknown action type.");
        }

        return button;
    }

    private static JsonObject Input(string id, string label, JsonObject element, bool optional)
    {
        if (id.Length is 0 or > SlackLimits.BlockId)
        {
            throw new InvalidOperationException($"Input id '{id}' must be 1–{SlackLimits.BlockId} characters to serve as a Slack block_id.");
        }

        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = id,
            ["label"] = PlainText(label.Length == 0 ? id : label, SlackLimits.InputLabel),
            ["optional"] = optional,
            ["element"] = element,
        };
    }

    private static JsonObject Option(Choice choice) => new()
    {
        ["text"] = PlainText(choice.Title, SlackLimits.OptionText),
        ["value"] = Mrkdwn.Cut(choice.Value, SlackLimits.OptionValue),
    };

    private static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = PlainText(text, SlackLimits.HeaderText) };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = Mrkdwn.Cut(mrkdwn, SlackLimits.SectionText) }),
    };

    private static JsonObject Image(string url, string altText, string? title)
    {
        var image = new JsonObject
        {
            ["type"] = "image",
            ["image_url"] = url.Length <= SlackLimits.ImageUrl
                ? url
                : throw new InvalidOperationException($"Image URL is {url.Length} characters; Slack allows {SlackLimits.ImageUrl}."),
            ["alt_text"] = Mrkdwn.Cut(altText.Length == 0 ? "image" : altText, SlackLimits.ImageAltText),
        };
        if (!string.IsNullOrWhiteSpace(title))
        {
            image["title"] = PlainText(title, SlackLimits.ImageTitle);
        }

        return image;
    }

    private static JsonObject PlainText(string text, int max) => new()
    {
        ["type"] = "plain_text",
        ["text"] = Mrkdwn.Cut(text, max),
        ["emoji"] = true,
    };

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Mrkdwn.Cut(mrkdwn, SlackLimits.SectionText) },
    };

    private static IEnumerable<JsonObject> Sections(string mrkdwn) => Sections(PackLines(mrkdwn.Split('\n'), SlackLimits.SectionText));

    private static IEnumerable<JsonObject> Sections(IReadOnlyList<string> texts) => texts
        .Where(t => t.Length > 0)
        .Select(t => new JsonObject
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Mrkdwn.Cut(t, SlackLimits.SectionText) },
        });

    /// <summary>Groups lines into texts of at most <paramref name="max"/> characters, cutting a single overlong line.</summary>
    private static List<string> PackLines(IEnumerable<string> lines, int max)
    {
        var texts = new List<string>();
        var current = new StringBuilder();
        foreach (var line in lines.Select(l => Mrkdwn.Cut(l, max)))
        {
            if (current.Length > 0 && current.Length + 1 + line.Length > max)
            {
                texts.Add(current.ToString());
                current.Clear();
            }

            current.Append(current.Length > 0 ? "\n" : "").Append(line);
        }

        if (current.Length > 0)
        {
            texts.Add(current.ToString());
        }

        return texts;
    }

    /// <summary>A table as aligned columns in a code block (Slack has no table in mrkdwn); split if it is long.</summary>
    private static List<string> MonospaceTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var columns = all.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns)
            .Select(c => Math.Min(40, all.Max(r => c < r.Count ? r[c].Length : 0)))
            .ToArray();
        var lines = all.Select(r => string.Join("  ", Enumerable.Range(0, columns)
                .Select(c => Fit(c < r.Count ? r[c] : "", widths[c]))).TrimEnd())
            .Select(Mrkdwn.Escape)
            .ToList();

        const string fence = "```";
        return PackLines(lines, SlackLimits.SectionText - 2 * (fence.Length + 1))
            .Select(part => fence + "\n" + part + "\n" + fence)
            .ToList();

        static string Fit(string cell, int width) => cell.Length > width ? cell[..(width - 1)] + "…" : cell.PadRight(width);
    }
}
