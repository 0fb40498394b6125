using System.Text.Json.Nodes;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Teams.Cards;

/// <summary>The coloured band at the top of every card: title, optional subtitle, style by kind.</summary>
internal static class CardHeader
{
    public static JsonObject Render(CardView view)
    {
        var items = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = view.Title,
                ["size"] = "Large",
                ["weight"] = "Bolder",
                ["wrap"] = true,
                ["style"] = "heading",
            },
        };
        if (!string.IsNullOrWhiteSpace(view.Subtitle))
        {
            items.Add(new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = view.Subtitle,
                ["isSubtle"] = true,
                ["spacing"] = "None",
                ["wrap"] = true,
            });
        }

        return new JsonObject
        {
            ["type"] = "Container",
            ["style"] = StyleFor(view.Kind),
            ["bleed"] = true,
            ["items"] = items,
        };
    }

    /// <summary>Container styles exist since 1.2, so the band shows on Teams mobile too.</summary>
    internal static string StyleFor(CardKind kind) => kind switch
    {
        CardKind.Alert or CardKind.Error => "attention",
        CardKind.ThankYou => "good",
        CardKind.Drift or CardKind.Confirm => "warning",
        CardKind.HealthCheck or CardKind.Pulse or CardKind.RoundClosed => "accent",
        _ => "emphasis",
    };
}
