using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Teams.Cards;

/// <summary>
/// Turns a channel-neutral <see cref="CardView"/> into an Adaptive Card 1.5 (as a JSON object). Every element that is
/// newer than 1.2 carries a fallback, because Teams mobile renders only up to 1.2. See docs/cards.md.
/// </summary>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public const string Version = "1.5";

    /// <summary>Teams allows 100 KB per message; we keep a margin for the activity envelope.</summary>
    public const int MaxCardBytes = 80 * 1024;

    /// <exception cref="CardTooLargeException">The card would be larger than <see cref="MaxCardBytes"/>.</exception>
    /// <exception cref="ArgumentException">An action or input uses the reserved key <c>verb</c>.</exception>
    public static JsonObject Render(CardView view) => Render(view, CultureInfo.InvariantCulture);

    /// <param name="view">The localized view.</param>
    /// <param name="numberCulture">Formats the numbers the renderer writes itself (the chart's table fallback).</param>
    public static JsonObject Render(CardView view, CultureInfo numberCulture)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(numberCulture);
        var body = new JsonArray { CardHeader.Render(view) };
        foreach (var element in CardBody.Render(view.Body, numberCulture))
        {
            body.Add(element);
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["fallbackText"] = view.Summary,
            ["body"] = body,
        };
        if (view.Actions.Count > 0)
        {
            card["actions"] = CardActions.Render(view.Actions);
        }

        if (view.Kind is CardKind.HealthCheck or CardKind.Drift)
        {
            // Charts and tables need the room; Teams otherwise caps cards at a narrow bubble width.
            card["msteams"] = new JsonObject { ["width"] = "Full" };
        }

        EnsureFits(card);
        return card;
    }

    /// <summary>The card as a Bot Framework attachment (<c>{contentType, content}</c>) for an activity's attachments.</summary>
    public static JsonObject RenderAttachment(CardView view) => ToAttachment(Render(view));

    public static JsonObject ToAttachment(JsonObject card) => new()
    {
        ["contentType"] = ContentType,
        ["content"] = card,
    };

    /// <summary>UTF-8 size of the card as it goes on the wire (compact JSON).</summary>
    public static int SizeInBytes(JsonObject card) => Encoding.UTF8.GetByteCount(card.ToJsonString(JsonOptions));

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    private static void EnsureFits(JsonObject card)
    {
        var size = SizeInBytes(card);
        if (size >= MaxCardBytes)
        {
            throw new CardTooLargeException(size, MaxCardBytes);
        }
    }
}

/// <summary>A view produced a card that Teams would refuse or truncate: the dialog must show less.</summary>
public sealed class CardTooLargeException(int size, int limit)
    : InvalidOperationException($"The Adaptive Card is {size} bytes; the limit is {limit} bytes. Show fewer rows or shorter text.")
{
    public int Size { get; } = size;

    public int Limit { get; } = limit;
}
