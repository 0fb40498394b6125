using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Activities;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Bot.Teams.Inbound;

/// <summary>The outcome of normalizing an activity: a turn for the dialogs, or nothing to do, or a malformed activity.</summary>
public abstract record Normalized
{
    public sealed record ToTurn(Turn Turn) : Normalized;

    /// <summary>A well-formed activity the bot has no use for (typing, reactions, unknown types, other invokes).</summary>
    public sealed record Ignored(string Reason) : Normalized;

    public sealed record Invalid(string Reason) : Normalized;
}

/// <summary>Translates a Teams activity into the channel-neutral <see cref="Turn"/>. Pure: no I/O, no clock.</summary>
public static class TurnNormalizer
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    public static Normalized Normalize(Activity activity, DateTimeOffset now) =>
        Classify(activity, out var kind, out var action) ?? new Normalized.ToTurn(ToTurn(activity, kind, action, now));

    /// <summary>
    /// Why the activity is malformed, or null: the first look (<see cref="TeamsChannel.Receive"/>), without building the
    /// turn that <see cref="Normalize"/> builds once the request is past de-duplication.
    /// </summary>
    public static Normalized.Invalid? InvalidOf(Activity activity) => Classify(activity, out _, out _) as Normalized.Invalid;

    /// <summary>Invalid or ignored, or null for a turn of <paramref name="kind"/> (a card action's parsed once, in <paramref name="action"/>).</summary>
    private static Normalized? Classify(Activity activity, out TurnKind kind, out TurnAction? action)
    {
        kind = default;
        action = null;
        if (activity.From?.Id is not { Length: > 0 } || activity.Conversation?.Id is not { Length: > 0 })
        {
            return new Normalized.Invalid("from.id and conversation.id are required");
        }

        // Action.Execute: Teams sends value = {action: {type, id, verb, data}, trigger}. Anything else is malformed (400),
        // not a reason to fail while reading it.
        if (IsCardActionInvoke(activity) && (activity.Value as JsonObject)?["action"] is not JsonObject)
        {
            return new Normalized.Invalid("an adaptiveCard/action invoke needs value.action to be an object");
        }

        if (KindOf(activity) is not { } known)
        {
            return new Normalized.Ignored($"{activity.Type}{(activity.Name is null ? "" : "/" + activity.Name)} is not handled");
        }

        kind = known;
        if (kind == TurnKind.CardAction && (action = ActionOf(activity)) is null)
        {
            return new Normalized.Ignored("card action without a verb");
        }

        // A person is (channel, tenant, user): without the tenant nobody can be recognised, stored or reached again.
        return string.IsNullOrWhiteSpace(TenantOf(activity))
            ? new Normalized.Invalid("a tenant id (channelData.tenant.id or conversation.tenantId) is required")
            : null;
    }

    private static Turn ToTurn(Activity activity, TurnKind kind, TurnAction? action, DateTimeOffset now)
    {
        var reference = ReferenceOf(activity);
        return new Turn(
            kind,
            reference.Identity,
            DisplayNameOf(activity),
            reference,
            ConversationKindOf(activity.Conversation!),
            LocaleOf(activity),
            TimeZoneOf(activity),
            kind == TurnKind.Message ? TextWithoutBotMention(activity) : null,
            action,
            activity.Id,
            activity.ReplyToId,
            activity.Timestamp ?? now)
        {
            RoomId = RoomIdOf(activity.Conversation!.Id!),
        };
    }

    /// <summary>A channel post's conversation id carries its thread (<c>;messageid=…</c>); the room is the channel itself.</summary>
    public static string RoomIdOf(string conversationId) => conversationId.Split(";messageid=", 2, StringSplitOptions.None)[0];

    private static TurnKind? KindOf(Activity activity) => activity.Type switch
    {
        ActivityTypes.Message when activity.Value is JsonObject => TurnKind.CardAction,
        ActivityTypes.Message => TurnKind.Message,
        ActivityTypes.Invoke when IsCardActionInvoke(activity) => TurnKind.CardAction,
        ActivityTypes.ConversationUpdate when Contains(activity.MembersAdded, activity.Recipient) => TurnKind.Installed,
        ActivityTypes.ConversationUpdate when Contains(activity.MembersRemoved, activity.Recipient) => TurnKind.Uninstalled,
        ActivityTypes.InstallationUpdate when activity.Action is "add" or "add-upgrade" => TurnKind.Installed,
        ActivityTypes.InstallationUpdate when activity.Action is "remove" or "remove-upgrade" => TurnKind.Uninstalled,
        _ => null,
    };

    private static bool IsCardActionInvoke(Activity activity) =>
        activity.Type == ActivityTypes.Invoke && string.Equals(activity.Name, AdaptiveCardActionInvoke, StringComparison.Ordinal);

    private static bool Contains(IReadOnlyList<ChannelAccount>? members, ChannelAccount? bot) =>
        bot?.Id is { } botId && members?.Any(m => string.Equals(m.Id, botId, StringComparison.Ordinal)) == true;

    /// <summary>The conversation reference of the sender, as the contact store and proactive messages need it.</summary>
    public static ConversationReference ReferenceOf(Activity activity) => new(
        MemberIdentity.Teams,
        TenantOf(activity) ?? "",
        activity.From!.Id!,
        activity.ServiceUrl,
        activity.Conversation!.Id,
        activity.Recipient?.Id,
        activity.Recipient?.Name,
        Plausible(activity.From.AadObjectId, MaxAadObjectIdLength));

    public static string? TenantOf(Activity activity) =>
        (activity.ChannelData?["tenant"] as JsonObject)?["id"]?.GetValueKind() == JsonValueKind.String
            ? (string?)activity.ChannelData!["tenant"]!["id"]
            : activity.Conversation?.TenantId;

    public static ConversationKind ConversationKindOf(ConversationAccount conversation) => conversation.ConversationType switch
    {
        "personal" => ConversationKind.Personal,
        "groupChat" => ConversationKind.Group,
        "channel" => ConversationKind.Channel,
        _ => conversation.IsGroup == true ? ConversationKind.Group : ConversationKind.Personal,
    };

    // What the sender controls is bounded by the contacts table: a display name is clipped (Entra allows 256
    // characters, the table keeps 200) and a locale, time zone or object id longer than any real one is dropped, so
    // an unusual profile never costs the person their turn.
    internal const int MaxDisplayNameLength = 200;
    internal const int MaxLocaleLength = 35;
    internal const int MaxTimeZoneLength = 64;
    internal const int MaxAadObjectIdLength = 100;

    public static string? DisplayNameOf(Activity activity) =>
        activity.From?.Name?.Trim() is { Length: > MaxDisplayNameLength } name ? name[..MaxDisplayNameLength] : activity.From?.Name;

    public static string? LocaleOf(Activity activity) =>
        Plausible(activity.Locale, MaxLocaleLength) ?? Plausible(ClientInfo(activity)?.Locale, MaxLocaleLength);

    public static string? TimeZoneOf(Activity activity) =>
        Plausible(activity.LocalTimezone, MaxTimeZoneLength) ?? Plausible(ClientInfo(activity)?.Timezone, MaxTimeZoneLength);

    private static string? Plausible(string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Length > maxLength ? null : value;

    private static Entity? ClientInfo(Activity activity) =>
        activity.Entities?.FirstOrDefault(e => string.Equals(e.Type, "clientInfo", StringComparison.OrdinalIgnoreCase));

    /// <summary>In channels and group chats Teams puts "&lt;at&gt;Bot&lt;/at&gt;" in the text; the dialogs want what follows.</summary>
    public static string TextWithoutBotMention(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var mention in activity.Entities ?? [])
        {
            if (string.Equals(mention.Type, "mention", StringComparison.OrdinalIgnoreCase)
                && botId is not null && string.Equals(mention.Mentioned?.Id, botId, StringComparison.Ordinal)
                && !string.IsNullOrEmpty(mention.Text))
            {
                text = text.Replace(mention.Text, "", StringComparison.Ordinal);
            }
        }

        return text.Trim();
    }

    /// <summary>
    /// Action.Submit: the message's value holds the card data merged with the inputs, the verb among them.
    /// Action.Execute: <c>value.action</c> carries <c>verb</c> and <c>data</c> (inputs merged into data).
    /// </summary>
    public static TurnAction? ActionOf(Activity activity)
    {
        var envelope = activity.Value as JsonObject;
        var action = envelope?["action"] as JsonObject;
        var (verb, data) = activity.Type == ActivityTypes.Invoke
            ? (action?["verb"], action?["data"] as JsonObject)
            : (envelope?["verb"], envelope);
        if (verb?.GetValueKind() != JsonValueKind.String || (string?)verb is not { Length: > 0 } verbText)
        {
            return null;
        }

        // Action.Submit carries the verb among the data; it is the envelope, not an input, and a dialog that checks
        // its keys (the pulse refuses keys that are not its items) must not see it.
        var submit = activity.Type != ActivityTypes.Invoke;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in data ?? [])
        {
            if (submit && string.Equals(name, CardActions.VerbKey, StringComparison.Ordinal))
            {
                continue;
            }

            if (value is not null)
            {
                values[name] = value.GetValueKind() == JsonValueKind.String ? (string)value! : value.ToJsonString();
            }
        }

        return new TurnAction(verbText, values);
    }
}
