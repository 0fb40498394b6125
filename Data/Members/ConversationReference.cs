namespace AllianceBot.Data.Members;

/// <summary>
/// Everything a channel needs to message a person proactively, kept in the database (never only in memory).
/// Teams: ServiceUrl, ConversationId (the 1:1 "a:..." id, null until created), UserId "29:...", BotId "28:...".
/// Slack: ServiceUrl null, ConversationId the IM channel id (D...), null until conversations.open, BotId the bot user.
/// </summary>
public sealed record ConversationReference(
    string Channel,
    string TenantId,
    string UserId,
    string? ServiceUrl,
    string? ConversationId,
    string? BotId,
    string? BotName = null,
    string? AadObjectId = null)
{
    public MemberIdentity Identity => new(Channel, TenantId, UserId);
}
