using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Slack.BlockKit;

/// <summary>
/// What a submit button carries in its <c>value</c> (and a modal in its <c>private_metadata</c>):
/// <c>{"v": verb, "d": {data}, "i": true when the button submits the message's inputs}</c>.
/// </summary>
public sealed record SlackButtonValue(string Verb, IReadOnlyDictionary<string, string> Data, bool SubmitsInputs)
{
    public static SlackButtonValue From(SubmitAction action) => new(action.Verb, action.Data, action.SubmitsInputs);

    public string Encode()
    {
        var data = new JsonObject();
        foreach (var (key, value) in Data)
        {
            data[key] = value;
        }

        var json = new JsonObject { ["v"] = Verb, ["d"] = data };
        if (SubmitsInputs)
        {
            json["i"] = true;
        }

        var encoded = json.ToJsonString();
        if (encoded.Length > SlackLimits.ButtonValue)
        {
            throw new InvalidOperationException(
                $"The data of action '{Verb}' encodes to {encoded.Length} characters; Slack allows {SlackLimits.ButtonValue} in a button value. Carry ids, not content.");
        }

        return encoded;
    }

    /// <summary>Reads a value this renderer wrote; anything else (hand-made, truncated) is refused.</summary>
    public static bool TryDecode(string? value, [NotNullWhen(true)] out SlackButtonValue? decoded)
    {
        decoded = null;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(value) is not JsonObject json
                || json["v"] is not JsonValue verbNode || !verbNode.TryGetValue<string>(out var verb) || verb.Length == 0)
            {
                return false;
            }

            var data = new Dictionary<string, string>(StringComparer.Ordinal);
            if (json["d"] is JsonObject dataNode)
            {
                foreach (var (key, node) in dataNode)
                {
                    if (node is not JsonValue item || !item.TryGetValue<string>(out var text))
                    {
                        return false;
                    }

                    data[key] = text;
                }
            }

            var inputs = json["i"] is JsonValue flag && flag.TryGetValue<bool>(out var b) && b;
            decoded = new SlackButtonValue(verb, data, inputs);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
