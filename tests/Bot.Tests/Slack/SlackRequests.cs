using System.Text.Json.Nodes;
using AllianceBot.Bot.Slack.BlockKit;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>Requests as Slack sends them (Events API envelopes, slash command forms, block_actions payloads).</summary>
internal static class SlackRequests
{
    public const string UserId = "U2147483697";
    public const string DirectChannel = "D024BE91L";

    public static JsonObject Radio(string value) => new()
    {
        [SlackActionIds.Input] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = value, ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value } } },
    };

    public static KeyValuePair<string, string>[] Command(string text, string userId = UserId) =>
    [
        new("token", "legacy"), new("team_id", SlackApiStandIn.TeamId), new("team_domain", "alliance"), new("channel_id", "C2147483705"),
        new("channel_name", "general"), new("user_id", userId), new("user_name", "anna"), new("command", "/alliance"),
        new("text", text), new("response_url", "https://hooks.slack.com/commands/1234/5678"), new("trigger_id", "13345224609.738474920.8088930838d88f008e0"),
    ];

    public static string DirectMessage(string eventId, string text, string userId = UserId, string channel = DirectChannel, string team = SlackApiStandIn.TeamId) => Envelope(eventId, new JsonObject
    {
        ["type"] = "message", ["channel"] = channel, ["user"] = userId, ["text"] = text,
        ["ts"] = "1355517523.000005", ["event_ts"] = "1355517523.000005", ["channel_type"] = "im",
    }.ToJsonString(), team);

    public static string Envelope(string eventId, string innerEvent, string team = SlackApiStandIn.TeamId) => $$"""
        {"token":"XXYYZZ","team_id":"{{team}}","api_app_id":"AXXXXXXXXX","event":{{innerEvent}},"type":"event_callback",
         "authorizations":[{"enterprise_id":null,"team_id":"{{team}}","user_id":"UBOT","is_bot":true}],
         "event_id":"{{eventId}}","event_time":1355517523}
        """;

    /// <summary>
    /// What Slack posts when the person presses the card's first submit button: the message as it was posted, the
    /// button's own action id and value, and <c>state.values</c> holding every input of the message.
    /// </summary>
    public static JsonObject BlockActions(string channel, string messageTs, JsonArray blocks, JsonObject stateValues, string userId = UserId)
    {
        var button = blocks.Where(b => (string?)b!["type"] == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .First(e => ((string?)e!["action_id"])!.StartsWith("alliance.submit.", StringComparison.Ordinal))!;
        return new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = userId, ["team_id"] = SlackApiStandIn.TeamId },
            ["team"] = new JsonObject { ["id"] = SlackApiStandIn.TeamId },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "directmessage" },
            ["message"] = new JsonObject { ["ts"] = messageTs, ["blocks"] = blocks.DeepClone() },
            ["response_url"] = "https://hooks.slack.com/actions/T/1/x",
            ["state"] = new JsonObject { ["values"] = stateValues },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["block_id"] = "alliance.actions.0", ["action_id"] = (string?)button["action_id"],
                ["value"] = (string?)button["value"], ["action_ts"] = "1750000001.000100",
            }),
        };
    }
}
