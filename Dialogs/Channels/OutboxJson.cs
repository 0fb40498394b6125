using System.Text.Json;
using System.Text.Json.Serialization;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Channels;

/// <summary>
/// How outbox rows carry their target (a <see cref="ConversationReference"/>) and payload (a polymorphic
/// <see cref="View"/>). Writers should use <see cref="Compose"/>; the reader is lenient about property case,
/// discriminator position and enums as names or numbers, so rows written by other code still load.
/// </summary>
public static class OutboxJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static NewOutboxMessage Compose(
        string kind,
        ConversationReference target,
        View view,
        DateTimeOffset notBefore,
        Guid? allianceId = null,
        Guid? roundId = null,
        Guid? memberId = null,
        string? deduplicationKey = null) =>
        new(
            kind,
            allianceId,
            roundId,
            memberId,
            target.Channel,
            target.TenantId,
            JsonSerializer.Serialize(target, Options),
            JsonSerializer.Serialize(view, Options),
            notBefore,
            deduplicationKey);

    public static ConversationReference ReadTarget(string json) =>
        JsonSerializer.Deserialize<ConversationReference>(json, Options) ?? throw new JsonException("The target is null.");

    public static View ReadView(string json) =>
        JsonSerializer.Deserialize<View>(json, Options) ?? throw new JsonException("The payload is null.");
}
