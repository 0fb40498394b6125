using System.Text.Json.Serialization;

namespace AllianceBot.Dialogs.Views;

/// <summary>The building blocks of a card body. Each renderer supports every block.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "block")]
[JsonDerivedType(typeof(Heading), "heading")]
[JsonDerivedType(typeof(Paragraph), "paragraph")]
[JsonDerivedType(typeof(FactList), "facts")]
[JsonDerivedType(typeof(BulletList), "bullets")]
[JsonDerivedType(typeof(TableBlock), "table")]
[JsonDerivedType(typeof(ImageBlock), "image")]
[JsonDerivedType(typeof(LineChartBlock), "lineChart")]
[JsonDerivedType(typeof(ChoiceInput), "choice")]
[JsonDerivedType(typeof(TextInput), "textInput")]
[JsonDerivedType(typeof(Divider), "divider")]
public abstract record Block;

/// <summary>How a piece of text should feel: renderers map it to colours or emoji.</summary>
public enum Tone
{
    Default,
    Subtle,
    Accent,
    Good,
    Warning,
    Attention,
}

public sealed record Heading(string Text) : Block;

public sealed record Paragraph(string Text, Tone Tone = Tone.Default) : Block;

public sealed record Fact(string Label, string Value);

public sealed record FactList(IReadOnlyList<Fact> Facts) : Block;

/// <summary>A titled list, e.g. the do's (Tone.Good) and don'ts (Tone.Attention) of the health check.</summary>
public sealed record BulletList(string? Title, IReadOnlyList<string> Items, Tone Tone = Tone.Default) : Block
{
    /// <summary>
    /// A button beside each item, in the items' order (null: none for that item), e.g. "Why?" beside every finding and
    /// advice item. Teams shows it at the end of the item's row, Slack as the item's section accessory.
    /// </summary>
    public IReadOnlyList<SubmitAction?>? ItemActions { get; init; }

    public SubmitAction? ActionFor(int index) => ItemActions is { } actions && index < actions.Count ? actions[index] : null;

    /// <summary>A second button per item, shown after <see cref="ItemActions"/>' one, e.g. "Commit" on an advice item.</summary>
    public IReadOnlyList<SubmitAction?>? SecondActions { get; init; }

    public SubmitAction? SecondActionFor(int index) => SecondActions is { } actions && index < actions.Count ? actions[index] : null;

    /// <summary>Every button of item <paramref name="index"/>, in display order.</summary>
    public IReadOnlyList<SubmitAction> ActionsFor(int index) =>
        [.. new[] { ActionFor(index), SecondActionFor(index) }.OfType<SubmitAction>()];
}

public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

public sealed record ImageBlock(string Url, string AltText) : Block;

public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, Tone Tone);

/// <summary>
/// A small line chart (trend of the two anchors). Teams renders Chart.Line with a fallback to
/// <see cref="FallbackImageUrl"/> (or a table when there is none); Slack shows the image.
/// </summary>
public sealed record LineChartBlock(
    string Title,
    IReadOnlyList<string> XLabels,
    IReadOnlyList<ChartSeries> Series,
    string? FallbackImageUrl,
    string AltText) : Block;

public sealed record Choice(string Title, string Value);

/// <summary>A single choice (e.g. one pulse item on the 1–5 scale). Id is the key in the submitted values.</summary>
public sealed record ChoiceInput(
    string Id,
    string Label,
    IReadOnlyList<Choice> Choices,
    string? Value = null,
    bool Required = false,
    string? ErrorMessage = null) : Block;

public sealed record TextInput(
    string Id,
    string Label,
    string? Placeholder = null,
    string? Value = null,
    bool Multiline = false,
    int MaxLength = 1000) : Block;

public sealed record Divider : Block;
