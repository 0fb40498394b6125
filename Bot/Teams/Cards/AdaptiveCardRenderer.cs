using System.Globalization;
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

    /// <summary>The most a card alone may measure (<see cref="MessageSize"/>: UTF-16, as Teams counts).</summary>
    public const int MaxCardBytes = MessageSize.Limit;

    /// <exception cref="CardTooLargeException">The card would be larger than <see cref="MaxCardBytes"/>.</exception>
    /// <exception cref="ArgumentException">An action or input uses the reserved key <c>verb</c>.</exception>
    public static JsonObject Render(CardView view) => Render(view, CultureInfo.InvariantCulture);

    /// <param name="view">The localized view.</param>
    /// <param name="numberCulture">Formats the numbers the renderer writes itself (the chart's table fallback).</param>
    public static JsonObject Render(CardView view, CultureInfo numberCulture)
    {
        var card = RenderUnmeasured(view, numberCulture);
        EnsureFits(card);
        return card;
    }

    private static JsonObject RenderUnmeasured(CardView view, CultureInfo numberCulture)
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

        return card;
    }

    /// <summary>The card as a Bot Framework attachment (<c>{contentType, content}</c>) for an activity's attachments.</summary>
    public static JsonObject RenderAttachment(CardView view) => ToAttachment(Render(view));

    public static JsonObject ToAttachment(JsonObject card) => new()
    {
        ["contentType"] = ContentType,
        ["content"] = card,
    };

    /// <summary>Size of the card as Teams counts it: compact JSON in UTF-16 (see <see cref="MessageSize"/>).</summary>
    public static int SizeInBytes(JsonObject card) => MessageSize.Of(card);

    /// <summary>
    /// Renders the view, trimmed (<see cref="CardTrimmer"/>) as far as needed for <paramref name="fits"/> to hold for
    /// what is built from the card and contains it, e.g. the whole activity. Within the same limit, a whole that fits
    /// holds a card that fits, so the card is measured on its own only at the last trim level (issue 18: every answer's
    /// thank-you card was serialized once more just to be measured).
    /// </summary>
    /// <exception cref="CardTooLargeException">Even the most trimmed card is larger than <see cref="MaxCardBytes"/>.</exception>
    public static T RenderFitting<T>(CardView view, Func<JsonObject, T> build, Func<T, bool> fits)
    {
        for (var level = 0; ; level++)
        {
            var card = RenderUnmeasured(CardTrimmer.Trim(view, level), CultureInfo.InvariantCulture);
            var built = build(card);
            if (fits(built))
            {
                return built;
            }

            if (level >= CardTrimmer.MaxLevel)
            {
                EnsureFits(card);
                return built;
            }
        }
    }

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
