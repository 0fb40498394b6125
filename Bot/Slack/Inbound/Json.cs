using System.Text.Json;

namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>Tolerant reads from Slack payloads: a missing or wrongly typed field is null, never an exception.</summary>
internal static class Json
{
    public static string? Str(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool Bool(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.True };

    public static JsonElement? At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var key in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(key, out current))
            {
                return null;
            }
        }

        return current;
    }
}
