using System.Globalization;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    private static readonly Dictionary<string, string> Ids = new() { ["alliance"] = "a1", ["round"] = "r7" };

    private static JsonObject Render(IReadOnlyList<Block> body, params ViewAction[] actions) =>
        AdaptiveCardRenderer.Render(new CardView(CardKind.Info, "Title", body, actions, "Summary"));

    private static JsonArray Body(JsonObject card) => card["body"]!.AsArray();

    [Fact]
    public void CardIsVersion15WithTitleBandAndSummaryAsFallbackText()
    {
        var card = AdaptiveCardRenderer.Render(new CardView(CardKind.Alert, "Alert", [new Paragraph("x")], [], "One line") { Subtitle = "Acme" });

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("One line", (string?)card["fallbackText"]);
        var header = Body(card)[0]!;
        Assert.Equal("attention", (string?)header["style"]);
        Assert.Equal("Alert", (string?)header["items"]![0]!["text"]);
        Assert.Equal("Acme", (string?)header["items"]![1]!["text"]);
    }

    [Fact]
    public void SubmitActionBecomesExecuteWithSubmitFallbackCarryingTheVerb()
    {
        var card = Render([new Paragraph("x")], new SubmitAction("Send", "pulse.submit", Ids, ActionStyle.Positive, SubmitsInputs: true));

        var execute = card["actions"]![0]!;
        Assert.Equal("Action.Execute", (string?)execute["type"]);
        Assert.Equal("pulse.submit", (string?)execute["verb"]);
        Assert.Equal("positive", (string?)execute["style"]);
        Assert.Equal("auto", (string?)execute["associatedInputs"]);
        Assert.Equal("""{"alliance":"a1","round":"r7"}""", execute["data"]!.ToJsonString());
        var submit = execute["fallback"]!;
        Assert.Equal("Action.Submit", (string?)submit["type"]);
        Assert.Equal("""{"verb":"pulse.submit","alliance":"a1","round":"r7"}""", submit["data"]!.ToJsonString());
        Assert.Equal("auto", (string?)submit["associatedInputs"]);
    }

    [Fact]
    public void ButtonsThatDoNotSubmitInputsSayNone()
    {
        var card = Render([new Paragraph("x")], new SubmitAction("Cancel", "x.cancel", Ids, ActionStyle.Destructive));

        Assert.Equal("none", (string?)card["actions"]![0]!["associatedInputs"]);
        Assert.Equal("destructive", (string?)card["actions"]![0]!["fallback"]!["style"]);
    }

    [Fact]
    public void VerbIsReservedForDataKeysAndInputIds()
    {
        Assert.Throws<ArgumentException>(() => Render([new Paragraph("x")], new SubmitAction("Go", "go", new Dictionary<string, string> { ["verb"] = "x" })));
        Assert.Throws<ArgumentException>(() => Render([new TextInput("verb", "Label")]));
    }

    [Fact]
    public void DividerPutsASeparatorAboveTheNextElement()
    {
        var card = Render([new Paragraph("a"), new Divider(), new Paragraph("b")]);

        Assert.Equal(3, Body(card).Count);
        Assert.Null(Body(card)[1]!["separator"]);
        Assert.True((bool)Body(card)[2]!["separator"]!);
    }

    [Theory]
    [InlineData(Tone.Subtle, "isSubtle", "true")]
    [InlineData(Tone.Attention, "color", "\"Attention\"")]
    [InlineData(Tone.Good, "color", "\"Good\"")]
    public void ParagraphToneMapsToColourOrSubtle(Tone tone, string property, string expected)
    {
        var text = Body(Render([new Paragraph("p", tone)]))[1]!;

        Assert.Equal(expected, text[property]!.ToJsonString());
    }

    [Fact]
    public void PulseScaleIsAnExpandedRequiredChoiceSetWithLabelAndPreselectedValue()
    {
        var scale = Enumerable.Range(1, 5).Select(i => new Choice($"{i}", $"{i}")).ToList();
        var choice = Body(Render([new ChoiceInput("q1", "Question?", scale, Value: "4", Required: true, ErrorMessage: "Pick one")]))[1]!;

        Assert.Equal("Input.ChoiceSet", (string?)choice["type"]);
        Assert.Equal("expanded", (string?)choice["style"]);
        Assert.Equal("Question?", (string?)choice["label"]);
        Assert.Equal("4", (string?)choice["value"]);
        Assert.True((bool)choice["isRequired"]!);
        Assert.Equal("Pick one", (string?)choice["errorMessage"]);
        Assert.Equal(5, choice["choices"]!.AsArray().Count);
    }

    [Fact]
    public void TextInputKeepsItsLimits()
    {
        var input = Body(Render([new TextInput("comment", "Comment", "Type here", "old", Multiline: true, MaxLength: 500)]))[1]!;

        Assert.Equal("Input.Text", (string?)input["type"]);
        Assert.Equal(500, (int)input["maxLength"]!);
        Assert.True((bool)input["isMultiline"]!);
        Assert.Equal("Type here", (string?)input["placeholder"]);
        Assert.Equal("old", (string?)input["value"]);
    }

    [Fact]
    public void TableFallsBackToAColumnSetGridForOlderClients()
    {
        var table = Body(Render([new TableBlock(["A", "B"], [["1", "2"], ["3", "4"]])]))[1]!;

        Assert.Equal("Table", (string?)table["type"]);
        Assert.Equal(3, table["rows"]!.AsArray().Count);
        Assert.True((bool)table["firstRowAsHeaders"]!);
        var grid = table["fallback"]!;
        Assert.Equal("Container", (string?)grid["type"]);
        Assert.All(grid["items"]!.AsArray(), row => Assert.Equal("ColumnSet", (string?)row!["type"]));
        Assert.Equal("4", (string?)grid["items"]![2]!["columns"]![1]!["items"]![0]!["text"]);
    }

    [Fact]
    public void LineChartFallsBackToItsImage()
    {
        var chart = new LineChartBlock("Trend", ["Jan", "Feb"], [new ChartSeries("Relational", [4.1, null], Tone.Good)], "https://bot.example/c.png", "alt");
        var element = Body(Render([chart]))[1]!;

        Assert.Equal("Chart.Line", (string?)element["type"]);
        Assert.Equal("""[{"legend":"Relational","color":"good","values":[{"x":"Jan","y":4.1}]}]""", element["data"]!.ToJsonString());
        Assert.Equal("Image", (string?)element["fallback"]!["type"]);
        Assert.Equal("alt", (string?)element["fallback"]!["altText"]);
    }

    [Fact]
    public void LineChartWithoutImageFallsBackToTheNumbersInTheCardsCulture()
    {
        var chart = new LineChartBlock("Trend", ["jan"], [new ChartSeries("Relationeel", [4.25], Tone.Good)], null, "alt");
        var card = AdaptiveCardRenderer.Render(new CardView(CardKind.Drift, "t", [chart], [], "s"), CultureInfo.GetCultureInfo("nl-NL"));

        var fallback = Body(card)[1]!["fallback"]!;
        Assert.Equal("Container", (string?)fallback["type"]);
        Assert.Contains("4,3", fallback.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Full", (string?)card["msteams"]!["width"]);
    }

    [Fact]
    public void TextThatLooksLikeJsonStaysText()
    {
        const string hostile = "\"}, {\"type\": \"Action.OpenUrl\", \"url\": \"https://evil\"";
        var card = Render([new Paragraph(hostile)]);

        Assert.Equal(hostile, (string?)Body(card)[1]!["text"]);
        Assert.Null(card["actions"]);
    }

    [Fact]
    public void ACardOver80KilobytesIsRefused()
    {
        var rows = Enumerable.Range(0, 600).Select(i => (IReadOnlyList<string>)[$"Partner {i} with a long name", "3.5", "4.1"]).ToList();

        var error = Assert.Throws<CardTooLargeException>(() => Render([new TableBlock(["Partner", "C", "R"], rows)]));
        Assert.True(error.Size >= AdaptiveCardRenderer.MaxCardBytes);
    }

    [Fact]
    public void AttachmentWrapsTheCardWithItsContentType()
    {
        var attachment = AdaptiveCardRenderer.RenderAttachment(new CardView(CardKind.Info, "t", [], [], "s"));

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.Equal("AdaptiveCard", (string?)attachment["content"]!["type"]);
    }
}
