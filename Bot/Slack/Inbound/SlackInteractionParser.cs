using System.Text.Json;
using AllianceBot.Bot.Slack.BlockKit;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Bot.Slack.Inbound;

/// <summary>
/// Interactivity payloads (form field <c>payload</c>, JSON): <c>block_actions</c> from our submit buttons and
/// <c>view_submission</c> of a modal whose <c>private_metadata</c> carries verb and data. Both become a
/// <see cref="TurnKind.CardAction"/> turn whose values are the button's data plus the submitted inputs, keyed by
/// the input id (our block_id).
/// </summary>
public static class SlackInteractionParser
{
    public static SlackParse Parse(string? payload, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            return new SlackParse.Malformed("form field payload is missing");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return new SlackParse.Malformed("payload is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            var userId = root.Str("user", "id");
            var teamId = root.Str("user", "team_id") ?? root.Str("team", "id");
            if (root.ValueKind != JsonValueKind.Object || userId is null || teamId is null)
            {
                return new SlackParse.Malformed("payload needs user.id and team.id");
            }

            return root.Str("type") switch
            {
                "block_actions" => BlockActions(root, teamId, userId, now),
                "view_submission" => ViewSubmission(root, teamId, userId, now),
                var other => new SlackParse.Ignore($"interaction {other}"),
            };
        }
    }

    private static SlackParse BlockActions(JsonElement root, string teamId, string userId, DateTimeOffset now)
    {
        if (root.At("actions") is not { ValueKind: JsonValueKind.Array } actions)
        {
            return new SlackParse.Malformed("block_actions without actions");
        }

        var submit = actions.EnumerateArray()
            .FirstOrDefault(a => a.Str("action_id")?.StartsWith(SlackActionIds.SubmitPrefix, StringComparison.Ordinal) == true);
        if (submit.ValueKind != JsonValueKind.Object)
        {
            // Link buttons and input changes also report here; only submit buttons are turns.
            return new SlackParse.Ignore("no submit action");
        }

        if (!SlackButtonValue.TryDecode(submit.Str("value"), out var button))
        {
            return new SlackParse.Malformed("submit button value is not ours");
        }

        var channelId = root.Str("channel", "id") ?? root.Str("container", "channel_id");
        var messageTs = root.Str("message", "ts") ?? root.Str("container", "message_ts");
        var kind = channelId is null
            ? ConversationKind.Personal
            : root.Str("channel", "name")?.StartsWith("mpdm-", StringComparison.Ordinal) == true
                ? ConversationKind.Group
                : SlackEventParser.KindOfChannelId(channelId, null);
        var values = Values(button, root.At("state", "values"));
        return new SlackParse.Work(new SlackInbound(
            TurnKind.CardAction, teamId, userId, channelId, kind, Text: null,
            new TurnAction(button.Verb, values), ActivityId: submit.Str("action_ts"), ReplyToId: messageTs,
            DeduplicationKey: null, ReceivedAt: now, EnterpriseId: EnterpriseOf(root), InstallationTeamId: root.Str("team", "id")));
    }

    private static SlackParse ViewSubmission(JsonElement root, string teamId, string userId, DateTimeOffset now)
    {
        if (!SlackButtonValue.TryDecode(root.Str("view", "private_metadata"), out var metadata))
        {
            return new SlackParse.Ignore("view without our metadata");
        }

        var values = Values(metadata with { SubmitsInputs = true }, root.At("view", "state", "values"));
        return new SlackParse.Work(new SlackInbound(
            TurnKind.CardAction, teamId, userId, ChannelId: null, ConversationKind.Personal, Text: null,
            new TurnAction(metadata.Verb, values), ActivityId: root.Str("view", "id"), ReplyToId: null,
            DeduplicationKey: null, ReceivedAt: now, EnterpriseId: EnterpriseOf(root), InstallationTeamId: root.Str("team", "id")));
    }

    /// <summary>The Grid org of the workspace that received the click (null outside Enterprise Grid).</summary>
    private static string? EnterpriseOf(JsonElement root) => root.Str("enterprise", "id") ?? root.Str("team", "enterprise_id");

    /// <summary>
    /// The button's data, plus every input when the button submits inputs. Data wins on a clash: it carries the ids the
    /// action is authorized for, and an input must not be able to replace them.
    /// </summary>
    private static Dictionary<string, string> Values(SlackButtonValue button, JsonElement? state)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (button.SubmitsInputs && state is { ValueKind: JsonValueKind.Object } blocks)
        {
            foreach (var block in blocks.EnumerateObject())
            {
                if (block.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var element in block.Value.EnumerateObject())
                {
                    if (InputValue(element.Value) is { } value)
                    {
                        values[block.Name] = value;
                    }
                }
            }
        }

        foreach (var (key, value) in button.Data)
        {
            values[key] = value;
        }

        return values;
    }

    private static string? InputValue(JsonElement element) => element.Str("type") switch
    {
        "radio_buttons" or "static_select" => element.Str("selected_option", "value"),
        "plain_text_input" => element.Str("value"),
        _ => null,
    };
}
