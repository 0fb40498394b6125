using System.Text.Json.Nodes;

namespace AllianceBot.Bot.Slack.BlockKit;

/// <summary>A rendered message: the plain-text fallback <c>text</c> (notifications, screen readers) and its blocks.</summary>
public sealed record SlackMessage(string Text, JsonArray Blocks);
