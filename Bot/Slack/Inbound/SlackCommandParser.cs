using AllianceBot.Dialogs.Turns;
using Microsoft.Extensions.Primitives;

namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>
/// The slash command (<c>/alliance &lt;text&gt;</c>, form fields): the same turn as typing the text to the bot.
/// The answer goes to the person's direct message with the bot, wherever the command was typed: answers are
/// personal, and a normal message (unlike a response_url reply) can later be updated with chat.update.
/// </summary>
public static class SlackCommandParser
{
    public static SlackParse Parse(IReadOnlyDictionary<string, StringValues> form, DateTimeOffset now)
    {
        string? Field(string name) => form.TryGetValue(name, out var value) && value.Count == 1 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;

        var teamId = Field("team_id");
        var userId = Field("user_id");
        if (teamId is null || userId is null || Field("command") is null)
        {
            return new SlackParse.Malformed("slash command needs team_id, user_id and command");
        }

        return new SlackParse.Work(new SlackInbound(
            TurnKind.Message, teamId, userId, ChannelId: null, ConversationKind.Personal, (Field("text") ?? "").Trim(),
            Action: null, ActivityId: Field("trigger_id"), ReplyToId: null, DeduplicationKey: null, ReceivedAt: now,
            EnterpriseId: Field("enterprise_id")));
    }
}
