using System.Text.Json.Nodes;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Teams.Cards;

/// <summary>
/// The card's buttons. The data contract both Teams paths deliver (see docs/cards.md):
/// <list type="bullet">
/// <item><c>Action.Execute</c> (invoke <c>adaptiveCard/action</c>): <c>value.action.verb</c> is the verb,
/// <c>value.action.data</c> holds the view's data merged with the card's inputs.</item>
/// <item>The <c>Action.Submit</c> fallback (message activity): <c>value["verb"]</c> is the verb, every other key of
/// <c>value</c> is the view's data merged with the card's inputs.</item>
/// </list>
/// That is why <see cref="VerbKey"/> is reserved: neither data keys nor input ids may use it.
/// </summary>
public static class CardActions
{
    public const string VerbKey = "verb";

    internal static JsonArray Render(IReadOnlyList<ViewAction> actions) =>
        new(actions.Select(a => (JsonNode)(a switch
        {
            SubmitAction s => Execute(s),
            OpenUrlAction o => OpenUrl(o),
            _ => throw new ArgumentOutOfRangeException(nameof(actions), a.GetType().Name, "No Adaptive Card mapping for this action."),
        })).ToArray());

    internal static void EnsureNotReserved(string key)
    {
        if (string.Equals(key, VerbKey, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"\"{VerbKey}\" is reserved for the action verb and cannot be used as a data key or input id.", nameof(key));
        }
    }

    private static JsonObject Execute(SubmitAction action)
    {
        var data = new JsonObject();
        foreach (var (key, value) in action.Data)
        {
            EnsureNotReserved(key);
            data[key] = value;
        }

        var submitData = new JsonObject { [VerbKey] = action.Verb };
        foreach (var (key, value) in action.Data)
        {
            submitData[key] = value;
        }

        // "none" keeps a "change my answers" button from sending a half-filled form; "auto" sends the card's inputs.
        var inputs = action.SubmitsInputs ? "auto" : "none";
        var fallback = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = action.Title,
            ["data"] = submitData,
            ["associatedInputs"] = inputs,
        };
        var execute = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = action.Title,
            ["verb"] = action.Verb,
            ["data"] = data,
            ["associatedInputs"] = inputs,
        };
        if (Style(action.Style) is { } style)
        {
            execute["style"] = style;
            fallback["style"] = style;
        }

        execute["fallback"] = fallback;
        return execute;
    }

    private static string? Style(ActionStyle style) => style switch
    {
        ActionStyle.Positive => "positive",
        ActionStyle.Destructive => "destructive",
        _ => null,
    };

    private static JsonObject OpenUrl(OpenUrlAction action) => new()
    {
        ["type"] = "Action.OpenUrl",
        ["title"] = action.Title,
        ["url"] = action.Url,
    };
}
