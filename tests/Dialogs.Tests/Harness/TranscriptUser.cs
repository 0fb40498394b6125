using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Dialogs.Tests.Harness;

/// <summary>Who is typing in a transcript: identity, name, locale and the conversation they type in.</summary>
public sealed record TranscriptUser(
    MemberIdentity Identity,
    string DisplayName,
    string? Locale,
    ConversationKind ConversationKind,
    string ConversationId,
    string? TimeZone = "Europe/Amsterdam")
{
    /// <summary>An English-speaking member of partner A's Teams tenant, in a personal chat.</summary>
    public static TranscriptUser Anna { get; } = new(
        new MemberIdentity(MemberIdentity.Teams, "tenant-a", "29:anna"), "Anna Smith", "en-US", ConversationKind.Personal, "a:anna-1on1");

    /// <summary>A Dutch-speaking member of partner B's Teams tenant, in a personal chat.</summary>
    public static TranscriptUser Bram { get; } = new(
        new MemberIdentity(MemberIdentity.Teams, "tenant-b", "29:bram"), "Bram de Vries", "nl-NL", ConversationKind.Personal, "a:bram-1on1");

    /// <summary>A German-speaking member of partner D's Teams tenant, in a personal chat.</summary>
    public static TranscriptUser Greta { get; } = new(
        new MemberIdentity(MemberIdentity.Teams, "tenant-d", "29:greta"), "Greta Weber", "de-DE", ConversationKind.Personal, "a:greta-1on1", "Europe/Berlin");

    /// <summary>A member of partner C on Slack, whose locale the channel did not tell.</summary>
    public static TranscriptUser Chris { get; } = new(
        new MemberIdentity(MemberIdentity.Slack, "T0PARTNERC", "U0CHRIS"), "Chris Jones", null, ConversationKind.Personal, "D0CHRIS");

    public TranscriptUser InLocale(string? locale) => this with { Locale = locale };

    /// <summary>The same person typing in a team channel (mentioning the bot) instead of the personal chat.</summary>
    public TranscriptUser InChannel(string conversationId = "19:alliance-channel") =>
        this with { ConversationKind = ConversationKind.Channel, ConversationId = conversationId };

    /// <summary>The same person in a group chat with colleagues (Teams group chat, or a Slack multi-person DM).</summary>
    public TranscriptUser InGroup(string conversationId = "19:group-chat@thread.v2") =>
        this with { ConversationKind = ConversationKind.Group, ConversationId = conversationId };

    internal ConversationReference Conversation => new(
        Identity.Channel, Identity.TenantId, Identity.UserId,
        Identity.Channel == MemberIdentity.Teams ? "https://smba.trafficmanager.net/emea/" : null,
        ConversationId, Identity.Channel == MemberIdentity.Teams ? "28:alliancebot" : "U0BOT", "AllianceBot");
}
