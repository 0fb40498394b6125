using AllianceBot.Data.Members;

namespace AllianceBot.Dialogs.Turns;

/// <summary>What kind of inbound event a turn is.</summary>
public enum TurnKind
{
    /// <summary>A typed message (Teams message, Slack DM / mention / slash command).</summary>
    Message,

    /// <summary>A card button or form submit (Teams Action.Execute / Action.Submit, Slack block action).</summary>
    CardAction,

    /// <summary>The bot was added to a personal chat, group chat, team or workspace.</summary>
    Installed,

    /// <summary>The bot was removed.</summary>
    Uninstalled,
}

public enum ConversationKind
{
    Personal,
    Group,
    Channel,
}

/// <summary>
/// A card action: the declared verb plus every value the card carried (its data merged with its inputs).
/// Values are strings because that is what both Adaptive Cards and Block Kit submit.
/// </summary>
public sealed record TurnAction(string Verb, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// One inbound event, normalized. Channels build it; dialogs never see a Teams or Slack type.
/// <see cref="RoomId"/> is the conversation the turn arrived in, as a stable id (a Teams channel without its thread
/// suffix); Conversation.ConversationId is where a reply goes.
/// </summary>
public sealed record Turn(
    TurnKind Kind,
    MemberIdentity From,
    string? DisplayName,
    ConversationReference Conversation,
    ConversationKind ConversationKind,
    string? Locale,
    string? TimeZone,
    string? Text,
    TurnAction? Action,
    string? ActivityId,
    string? ReplyToId,
    DateTimeOffset Timestamp)
{
    private readonly string? roomId;

    /// <summary>The group chat, channel or personal chat the turn arrived in; defaults to the conversation id.</summary>
    public string RoomId
    {
        get => roomId ?? Conversation.ConversationId ?? "";
        init => roomId = value;
    }

    /// <summary>A group chat or channel: other people may read what the bot answers here.</summary>
    public bool IsShared => ConversationKind != ConversationKind.Personal;
}
