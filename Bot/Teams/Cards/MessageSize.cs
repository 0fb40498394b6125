using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Activities;

namespace AllianceBot.Bot.Teams.Cards;

/// <summary>
/// A message's size as Teams measures it: the whole activity (envelope, text, attachments), counted in UTF-16 (two
/// bytes per char). Teams answers 413 <c>MessageSizeTooBig</c> at about 100 KB; we keep under <see cref="Limit"/> so the
/// envelope the connector adds still fits. Measured on the JSON as we send it (non-ASCII escaped), an upper bound.
/// </summary>
public static class MessageSize
{
    public const int Limit = 80 * 1024;

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static int OfJson(string json) => json.Length * sizeof(char);

    /// <summary>
    /// The node's compact JSON in UTF-16, measured without building the string (every card is measured before it is
    /// sent): the default encoder escapes everything outside ASCII, so the UTF-8 bytes are exactly the characters.
    /// </summary>
    public static int Of(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var buffer = Buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Compact.Encoder, Indented = false }))
        {
            node.WriteTo(writer, Compact);
        }

        return buffer.WrittenCount * sizeof(char);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? Buffer;

    public static int Of(Activity activity) => OfJson(JsonSerializer.Serialize(activity, ActivityJson.Options));

    public static bool Fits(Activity activity) => Of(activity) < Limit;

    public static bool Fits(JsonNode node) => Of(node) < Limit;
}
