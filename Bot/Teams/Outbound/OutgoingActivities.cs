using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Activities;
using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Teams.Outbound;

/// <summary>Turns views into outgoing message activities: a card becomes an Adaptive Card attachment, a message its text.</summary>
public static class OutgoingActivities
{
    /// <summary>
    /// The message activity for a view. A card too large for a Teams message (measured over the whole activity, with
    /// <paramref name="envelope"/> applied) is trimmed until it fits, never refused (<see cref="CardTrimmer"/>).
    /// </summary>
    public static Activity FromView(View view, Func<Activity, Activity>? envelope = null)
    {
        envelope ??= a => a;
        return view switch
        {
            CardView card => AdaptiveCardRenderer.RenderFitting(card, content => envelope(new Activity
            {
                Type = ActivityTypes.Message,
                Summary = card.Summary,
                Attachments = [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = content }],
            }), MessageSize.Fits),
            MessageView message => envelope(new Activity { Type = ActivityTypes.Message, Text = Clip(message.Text), TextFormat = "plain" }),
            _ => throw new ArgumentOutOfRangeException(nameof(view), view.GetType().Name, "unknown view"),
        };
    }

    /// <summary>A text message longer than a Teams message can hold is clipped (no dialog writes one; a bound, not a feature).</summary>
    private static string Clip(string text)
    {
        const int maxChars = MessageSize.Limit / sizeof(char) / 2;
        return text.Length <= maxChars ? text : text[..(maxChars - 1)] + "…";
    }

    /// <summary>The reply recipe: same conversation, from/recipient swapped, replyToId = the incoming id, same locale.</summary>
    public static Activity ReplyTo(Activity incoming, View view) => FromView(view, reply => reply with
    {
        Conversation = incoming.Conversation is { } c ? new ConversationAccount { Id = c.Id, ConversationType = c.ConversationType, IsGroup = c.IsGroup, TenantId = c.TenantId, Name = c.Name } : null,
        From = incoming.Recipient is { } r ? new ChannelAccount { Id = r.Id, Name = r.Name } : null,
        Recipient = incoming.From is { } f ? new ChannelAccount { Id = f.Id, Name = f.Name, AadObjectId = f.AadObjectId } : null,
        ReplyToId = incoming.Id,
        Locale = incoming.Locale,
        ServiceUrl = incoming.ServiceUrl,
        ChannelId = incoming.ChannelId,
    });

    /// <summary>The invoke response body for Action.Execute: a replacement card, or a message.</summary>
    public static JsonObject InvokeResponse(View? view) => view switch
    {
        CardView card => AdaptiveCardRenderer.RenderFitting(card,
            content => new JsonObject { ["statusCode"] = 200, ["type"] = AdaptiveCardRenderer.ContentType, ["value"] = content },
            MessageSize.Fits),
        MessageView message => new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.activity.message", ["value"] = message.Text },
        _ => new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.activity.message", ["value"] = "" },
    };

    public static JsonObject InvokeError(int statusCode, string code, string message) => new()
    {
        ["statusCode"] = statusCode,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    };
}
