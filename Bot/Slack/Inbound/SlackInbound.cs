using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>
/// A verified, parsed Slack request waiting for the background worker: everything needed to build a
/// <see cref="Turn"/> except what takes a Web API call (profile, bot id, the direct message id).
/// </summary>
/// <param name="ChannelId">Where to answer; null means "the person's direct message with the bot" (slash commands, modals).</param>
/// <param name="DeduplicationKey">Slack's event_id for Events API deliveries, which Slack retries; null otherwise.</param>
public sealed record SlackInbound(
    TurnKind Kind,
    string TeamId,
    string UserId,
    string? ChannelId,
    ConversationKind ConversationKind,
    string? Text,
    TurnAction? Action,
    string? ActivityId,
    string? ReplyToId,
    string? DeduplicationKey,
    DateTimeOffset ReceivedAt,
    string? EnterpriseId = null,
    string? InstallationTeamId = null)
{
    /// <summary>
    /// The workspace whose installation received the request and answers it. In a Slack Connect channel that is not
    /// always the person's own workspace (<see cref="TeamId"/>, their identity).
    /// </summary>
    public string AnsweringTeamId => InstallationTeamId ?? TeamId;
}

/// <summary>What parsing a request decided: work to queue, nothing to do, or a malformed request.</summary>
public abstract record SlackParse
{
    public sealed record Work(SlackInbound Inbound) : SlackParse;

    public sealed record Ignore(string Reason) : SlackParse;

    public sealed record Malformed(string Reason) : SlackParse;

    /// <summary>app_uninstalled, or tokens_revoked for the bot token: the installation ends.</summary>
    public sealed record Uninstalled(string? TeamId, string? EnterpriseId, bool IsEnterpriseInstall, string Reason) : SlackParse;

    /// <summary>Events API handshake: answer with the challenge.</summary>
    public sealed record Challenge(string Value) : SlackParse;
}
