using System.Globalization;
using System.Text.Json.Nodes;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Teams.Cards;

/// <summary>One Adaptive Card element (or none) per view block.</summary>
internal static class CardBody
{
    public static IEnumerable<JsonObject> Render(IReadOnlyList<Block> blocks, CultureInfo culture)
    {
        // A Divider is not an element of its own: it puts a separator line above whatever comes next.
        var separateNext = false;
        foreach (var block in blocks)
        {
            if (block is Divider)
            {
                separateNext = true;
                continue;
            }

            var element = Render(block, culture);
            if (separateNext)
            {
                element["separator"] = true;
                element["spacing"] = "Medium";
                separateNext = false;
            }

            yield return element;
        }
    }

    private static JsonObject Render(Block block, CultureInfo culture) => block switch
    {
        Heading h => Heading(h),
        Paragraph p => Paragraph(p),
        FactList f => Facts(f),
        BulletList b => Bullets(b),
        TableBlock t => Table(t),
        ImageBlock i => Image(i.Url, i.AltText),
        LineChartBlock c => LineChart(c, culture),
        ChoiceInput c => Choice(c),
        TextInput t => Text(t),
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "No Adaptive Card mapping for this block."),
    };

    private static JsonObject Heading(Heading heading) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = heading.Text,
        ["size"] = "Medium",
        ["weight"] = "Bolder",
        ["wrap"] = true,
        ["spacing"] = "Large",
    };

    private static JsonObject Paragraph(Paragraph paragraph)
    {
        var text = new JsonObject { ["type"] = "TextBlock", ["text"] = paragraph.Text, ["wrap"] = true };
        ApplyTone(text, paragraph.Tone);
        return text;
    }

    internal static void ApplyTone(JsonObject text, Tone tone)
    {
        switch (tone)
        {
            case Tone.Subtle:
                text["isSubtle"] = true;
                break;
            case Tone.Accent:
            case Tone.Good:
            case Tone.Warning:
            case Tone.Attention:
                text["color"] = tone.ToString();
                break;
        }
    }

    private static JsonObject Facts(FactList list) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(list.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Label, ["value"] = f.Value }).ToArray()),
    };

    /// <summary>
    /// A titled list in a tinted container: do's get a green band and a check mark, don'ts a red band and a cross.
    /// One ColumnSet per item keeps wrapped lines indented under their text (a markdown list would not on mobile).
    /// </summary>
    private static JsonObject Bullets(BulletList list)
    {
        var items = new JsonArray();
        if (!string.IsNullOrWhiteSpace(list.Title))
        {
            var title = new JsonObject { ["type"] = "TextBlock", ["text"] = list.Title, ["weight"] = "Bolder", ["wrap"] = true };
            ApplyTone(title, list.Tone);
            items.Add(title);
        }

        var marker = list.Tone switch
        {
            Tone.Good => "✓",
            Tone.Attention => "✗",
            Tone.Warning => "!",
            _ => "•",
        };
        for (var i = 0; i < list.Items.Count; i++)
        {
            var bullet = new JsonObject { ["type"] = "TextBlock", ["text"] = marker, ["weight"] = "Bolder" };
            ApplyTone(bullet, list.Tone);
            var columns = new JsonArray(
                Column("auto", bullet),
                Column("stretch", new JsonObject { ["type"] = "TextBlock", ["text"] = list.Items[i], ["wrap"] = true }));
            if (list.ActionsFor(i) is { Count: > 0 } actions)
            {
                // "Why?" (and "Commit") at the end of the row: an ActionSet in its own column (Adaptive Cards 1.2+).
                columns.Add(Column("auto", new JsonObject { ["type"] = "ActionSet", ["actions"] = CardActions.Render(actions) }));
            }

            items.Add(new JsonObject
            {
                ["type"] = "ColumnSet",
                ["spacing"] = "Small",
                ["columns"] = columns,
            });
        }

        var container = new JsonObject { ["type"] = "Container", ["items"] = items, ["spacing"] = "Medium" };
        var style = list.Tone switch
        {
            Tone.Good => "good",
            Tone.Attention => "attention",
            Tone.Warning => "warning",
            Tone.Accent => "accent",
            _ => null,
        };
        if (style is not null)
        {
            container["style"] = style;
        }

        return container;
    }

    /// <summary>Table (1.5) with a ColumnSet grid as the fallback for clients below 1.5.</summary>
    private static JsonObject Table(TableBlock table)
    {
        var columns = Math.Max(table.Header.Count, table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Count));
        var rows = new JsonArray();
        if (table.Header.Count > 0)
        {
            rows.Add(TableRow(table.Header, columns, header: true));
        }

        foreach (var row in table.Rows)
        {
            rows.Add(TableRow(row, columns, header: false));
        }

        return new JsonObject
        {
            ["type"] = "Table",
            ["columns"] = new JsonArray(Enumerable.Range(0, columns)
                .Select(i => (JsonNode)new JsonObject { ["width"] = i == 0 ? 2 : 1 }).ToArray()),
            ["rows"] = rows,
            ["firstRowAsHeaders"] = table.Header.Count > 0,
            ["showGridLines"] = true,
            ["gridStyle"] = "emphasis",
            ["spacing"] = "Medium",
            ["fallback"] = Grid(table.Header, table.Rows, columns),
        };
    }

    private static JsonObject TableRow(IReadOnlyList<string> cells, int columns, bool header)
    {
        var row = new JsonObject
        {
            ["type"] = "TableRow",
            ["cells"] = new JsonArray(Enumerable.Range(0, columns).Select(i => (JsonNode)new JsonObject
            {
                ["type"] = "TableCell",
                ["items"] = new JsonArray(CellText(i < cells.Count ? cells[i] : "", header)),
            }).ToArray()),
        };
        if (header)
        {
            row["style"] = "emphasis";
        }

        return row;
    }

    private static JsonObject CellText(string text, bool header)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (header)
        {
            block["weight"] = "Bolder";
        }

        return block;
    }

    /// <summary>A table drawn with ColumnSets (1.0): what Teams mobile and other pre-1.5 clients show.</summary>
    internal static JsonObject Grid(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int columns)
    {
        var items = new JsonArray();
        if (header.Count > 0)
        {
            items.Add(GridRow(header, columns, header: true));
        }

        foreach (var row in rows)
        {
            items.Add(GridRow(row, columns, header: false));
        }

        return new JsonObject { ["type"] = "Container", ["spacing"] = "Medium", ["items"] = items };
    }

    private static JsonObject GridRow(IReadOnlyList<string> cells, int columns, bool header)
    {
        var row = new JsonObject
        {
            ["type"] = "ColumnSet",
            ["spacing"] = "Small",
            ["columns"] = new JsonArray(Enumerable.Range(0, columns)
                .Select(i => Column(i == 0 ? "2" : "1", CellText(i < cells.Count ? cells[i] : "", header))).ToArray()),
        };
        if (!header)
        {
            // A tinted header band would pad its columns and misalign them with the rows below: a line does the job.
            row["separator"] = true;
        }

        return row;
    }

    private static JsonNode Column(string width, JsonObject content) => new JsonObject
    {
        ["type"] = "Column",
        ["width"] = width,
        ["verticalContentAlignment"] = "Top",
        ["items"] = new JsonArray(content),
    };

    private static JsonObject Image(string url, string altText) => new()
    {
        ["type"] = "Image",
        ["url"] = url,
        ["altText"] = altText,
        ["size"] = "Stretch",
        ["spacing"] = "Medium",
    };

    /// <summary>
    /// Teams' Chart.Line; clients without chart support (mobile, other hosts) render the fallback: the server-drawn
    /// PNG when there is one, otherwise the numbers as a grid.
    /// </summary>
    private static JsonObject LineChart(LineChartBlock chart, CultureInfo culture)
    {
        var data = new JsonArray();
        foreach (var series in chart.Series)
        {
            var values = new JsonArray();
            for (var i = 0; i < series.Values.Count && i < chart.XLabels.Count; i++)
            {
                if (series.Values[i] is { } y)
                {
                    values.Add(new JsonObject { ["x"] = chart.XLabels[i], ["y"] = Math.Round(y, 2) });
                }
            }

            data.Add(new JsonObject { ["legend"] = series.Name, ["color"] = ChartColor(series.Tone), ["values"] = values });
        }

        JsonObject fallback;
        if (!string.IsNullOrWhiteSpace(chart.FallbackImageUrl))
        {
            fallback = Image(chart.FallbackImageUrl, chart.AltText);
        }
        else
        {
            var header = new List<string> { "" };
            header.AddRange(chart.Series.Select(s => s.Name));
            var rows = chart.XLabels.Select((label, i) => (IReadOnlyList<string>)new List<string> { label }
                .Concat(chart.Series.Select(s => i < s.Values.Count && s.Values[i] is { } v ? v.ToString("0.0", culture) : "–"))
                .ToList());
            fallback = Grid(header, rows, header.Count);
            ((JsonArray)fallback["items"]!).Insert(0, new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = chart.Title,
                ["weight"] = "Bolder",
                ["wrap"] = true,
            });
        }

        return new JsonObject
        {
            ["type"] = "Chart.Line",
            ["title"] = chart.Title,
            ["data"] = data,
            ["spacing"] = "Medium",
            ["fallback"] = fallback,
        };
    }

    /// <summary>Chart colour names from Teams' documented palette.</summary>
    internal static string ChartColor(Tone tone) => tone switch
    {
        Tone.Good => "good",
        Tone.Warning => "warning",
        Tone.Attention => "attention",
        Tone.Subtle => "neutral",
        Tone.Accent => "categoricalBlue",
        _ => "categoricalPurple",
    };

    private static JsonObject Choice(ChoiceInput input)
    {
        CardActions.EnsureNotReserved(input.Id);
        var choiceSet = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = input.Id,
            ["label"] = input.Label,
            // Radio buttons for short scales (the 1–5 pulse), a drop-down for long lists.
            ["style"] = input.Choices.Count <= 7 ? "expanded" : "compact",
            ["isMultiSelect"] = false,
            ["choices"] = new JsonArray(input.Choices
                .Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value }).ToArray()),
            ["spacing"] = "Medium",
        };
        if (input.Value is not null)
        {
            choiceSet["value"] = input.Value;
        }

        if (input.Required)
        {
            choiceSet["isRequired"] = true;
            // Microsoft's validator wants a message for every required input; the question itself is a fair one.
            choiceSet["errorMessage"] = input.ErrorMessage ?? input.Label;
        }

        return choiceSet;
    }

    private static JsonObject Text(TextInput input)
    {
        CardActions.EnsureNotReserved(input.Id);
        var text = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = input.Id,
            ["label"] = input.Label,
            ["isMultiline"] = input.Multiline,
            ["maxLength"] = input.MaxLength,
            ["spacing"] = "Medium",
        };
        if (input.Placeholder is not null)
        {
            text["placeholder"] = input.Placeholder;
        }

        if (input.Value is not null)
        {
            text["value"] = input.Value;
        }

        return text;
    }
}
