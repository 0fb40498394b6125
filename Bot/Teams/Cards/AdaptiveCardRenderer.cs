using System.Text.Json.Nodes;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Teams.Cards;

/// <summary>Turns a channel-neutral <see cref="CardView"/> into an Adaptive Card 1.5 (as a JSON object).</summary>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Render(CardView view)
    {
        var body = new JsonArray { new JsonObject { ["type"] = "TextBlock", ["text"] = view.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true } };
        foreach (var block in view.Body)
        {
            if (block is Paragraph p)
            {
                body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = p.Text, ["wrap"] = true });
            }
        }

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
    }
}
