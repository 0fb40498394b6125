using System.Text.Json;
using System.Text.RegularExpressions;
using AllianceBot.Bot.Slack.BlockKit;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>
/// Events API bodies (<c>application/json</c>): the url_verification handshake, and event_callback deliveries of
/// <c>app_mention</c>, direct <c>message</c> and <c>app_home_opened</c> (Messages tab) events. Edits, bot posts and
/// other subtypes are ignored.
/// </summary>
public static partial class SlackEventParser
{
    public static SlackParse Parse(ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return new SlackParse.Malformed("body is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            return root.Str("type") switch
            {
                "url_verification" => root.Str("challenge") is { } challenge
                    ? new SlackParse.Challenge(challenge)
                    : new SlackParse.Malformed("url_verification without challenge"),
                "event_callback" => ParseCallback(root, now),
                null => new SlackParse.Malformed("no type"),
                var other => new SlackParse.Ignore($"envelope type {other}"),
            };
        }
    }

    private static SlackParse ParseCallback(JsonElement root, DateTimeOffset now)
    {
        var eventId = root.Str("event_id");
        var teamId = root.Str("team_id");
        if (eventId is null || teamId is null || root.At("event") is not { ValueKind: JsonValueKind.Object } e)
        {
            return new SlackParse.Malformed("event_callback needs event_id, team_id and event");
        }

        var type = e.Str("type");
        var enterpriseId = root.Str("enterprise_id");
        if (type is "app_uninstalled" or "tokens_revoked")
        {
            return ParseUninstalled(root, e, type, teamId, enterpriseId);
        }

        if (type == "app_home_opened")
        {
            return ParseHomeOpened(e, teamId, eventId, now, enterpriseId);
        }

        if (type is not ("app_mention" or "message"))
        {
            return new SlackParse.Ignore($"event {type}");
        }

        // Edits, deletions, joins, bot posts (including our own) all carry a subtype or a bot_id.
        if (e.Str("subtype") is { } subtype)
        {
            return new SlackParse.Ignore($"message subtype {subtype}");
        }

        if (e.Str("bot_id") is not null || e.At("bot_profile") is not null)
        {
            return new SlackParse.Ignore("bot message");
        }

        var user = e.Str("user");
        var channel = e.Str("channel");
        if (user is null || channel is null)
        {
            return new SlackParse.Malformed("event needs user and channel");
        }

        if (root.At("authorizations") is { ValueKind: JsonValueKind.Array } authorizations
            && authorizations.EnumerateArray().Any(a => a.Bool("is_bot") && string.Equals(a.Str("user_id"), user, StringComparison.Ordinal)))
        {
            return new SlackParse.Ignore("own message");
        }

        ConversationKind kind;
        if (type == "message")
        {
            if (e.Str("channel_type") != "im")
            {
                return new SlackParse.Ignore($"message in {e.Str("channel_type") ?? "unknown"} channel");
            }

            kind = ConversationKind.Personal;
        }
        else
        {
            kind = KindOfChannelId(channel, e.Str("channel_type"));
        }

        var text = Mrkdwn.Unescape(LeadingMentions().Replace(e.Str("text") ?? "", "")).Trim();
        var ts = e.Str("ts");
        return new SlackParse.Work(new SlackInbound(
            TurnKind.Message, e.Str("user_team") ?? e.Str("team") ?? teamId, user, channel, kind, text, Action: null,
            ActivityId: ts, ReplyToId: null, DeduplicationKey: eventId, ReceivedAt: now, EnterpriseId: enterpriseId,
            InstallationTeamId: teamId));
    }

    /// <summary>
    /// app_uninstalled ends the installation; tokens_revoked only when a bot token is among the revoked ones (a user
    /// token revoked says nothing about the bot). An org-wide install says so in its authorizations.
    /// </summary>
    private static SlackParse ParseUninstalled(JsonElement root, JsonElement e, string type, string teamId, string? enterpriseId)
    {
        if (type == "tokens_revoked"
            && !(e.At("tokens") is { ValueKind: JsonValueKind.Object } tokens
                 && tokens.At("bot") is { ValueKind: JsonValueKind.Array } bot && bot.GetArrayLength() > 0))
        {
            return new SlackParse.Ignore("tokens_revoked without bot tokens");
        }

        var orgWide = root.Bool("is_enterprise_install")
            || (root.At("authorizations") is { ValueKind: JsonValueKind.Array } authorizations
                && authorizations.EnumerateArray().Any(a => a.Bool("is_enterprise_install")));
        return orgWide && enterpriseId is null
            ? new SlackParse.Malformed($"{type} of an org-wide install without enterprise_id")
            : new SlackParse.Uninstalled(teamId, enterpriseId, orgWide, $"slack: {type}");
    }

    /// <summary>
    /// Opening the app's Messages tab is Slack's "the bot was added to the personal chat": an Installed turn in that
    /// DM. Slack sends it on every visit; the processor welcomes only someone it has never seen. The Home tab is not
    /// used by the bot.
    /// </summary>
    private static SlackParse ParseHomeOpened(JsonElement e, string teamId, string eventId, DateTimeOffset now, string? enterpriseId)
    {
        if (e.Str("tab") is { } tab && tab != "messages")
        {
            return new SlackParse.Ignore($"app home tab {tab}");
        }

        var user = e.Str("user");
        var channel = e.Str("channel");
        if (user is null || channel is null)
        {
            return new SlackParse.Malformed("app_home_opened needs user and channel");
        }

        return new SlackParse.Work(new SlackInbound(
            TurnKind.Installed, teamId, user, channel, ConversationKind.Personal, Text: null, Action: null,
            ActivityId: e.Str("event_ts"), ReplyToId: null, DeduplicationKey: eventId, ReceivedAt: now, EnterpriseId: enterpriseId));
    }

    /// <summary>im → personal, mpim → group, everything else is a channel; D... ids are direct messages.</summary>
    public static ConversationKind KindOfChannelId(string channelId, string? channelType) => channelType switch
    {
        "im" => ConversationKind.Personal,
        "mpim" => ConversationKind.Group,
        "channel" or "group" => ConversationKind.Channel,
        _ => channelId.StartsWith('D') ? ConversationKind.Personal : ConversationKind.Channel,
    };

    [GeneratedRegex(@"^(\s*<@[A-Z0-9]+(\|[^>]*)?>)+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMentions();
}
