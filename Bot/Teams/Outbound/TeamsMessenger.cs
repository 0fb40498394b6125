using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Activities;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Teams.Outbound;

/// <summary>One page of a conversation's roster (<c>GET /v3/conversations/{id}/pagedmembers</c>).</summary>
public sealed record MembersPage(IReadOnlyList<TeamsMember> Members, string? ContinuationToken);

/// <summary>A roster entry: the 29:... id plus what Teams tells about the person.</summary>
public sealed record TeamsMember(string Id, string? Name, string? AadObjectId, string? Email, string? UserPrincipalName, string? TenantId);

/// <summary>
/// The Teams side of the outbound port. Every method makes one attempt (SendAsync: plus creating the 1:1
/// conversation when the reference has none yet) and reports the outcome as a <see cref="DeliveryResult"/>.
/// </summary>
public sealed class TeamsMessenger(ConnectorClient connector) : IChannelMessenger
{
    public string Channel => MemberIdentity.Teams;

    public async Task<DeliveryResult> SendAsync(ConversationReference target, View view, CancellationToken cancellationToken)
    {
        if (target.ServiceUrl is not { Length: > 0 } serviceUrl)
        {
            return new DeliveryResult(DeliveryStatus.Failed, Error: "no service URL known for this member yet");
        }

        string? created = null;
        var conversationId = target.ConversationId;
        if (string.IsNullOrEmpty(conversationId))
        {
            var creation = await CreateConversationAsync(target, cancellationToken);
            if (creation.Status != DeliveryStatus.Sent)
            {
                return creation;
            }

            conversationId = created = creation.ConversationId!;
        }

        var activity = OutgoingActivities.FromView(view) with { Recipient = new ChannelAccount { Id = target.UserId } };
        var result = await connector.SendAsync(serviceUrl, conversationId, activity, cancellationToken);
        return result.ToDelivery(created);
    }

    public async Task<DeliveryResult> UpdateAsync(ConversationReference target, string messageId, View view, CancellationToken cancellationToken)
    {
        if (target.ServiceUrl is not { Length: > 0 } serviceUrl || target.ConversationId is not { Length: > 0 } conversationId)
        {
            return new DeliveryResult(DeliveryStatus.Failed, Error: "an update needs the service URL and the conversation id");
        }

        var result = await connector.UpdateAsync(serviceUrl, conversationId, messageId, OutgoingActivities.FromView(view), cancellationToken);
        return result.Status == DeliveryStatus.Sent ? DeliveryResult.Sent(result.Id ?? messageId) : result.ToDelivery();
    }

    /// <summary>Replies in the conversation an activity came from (reply recipe of PROTOCOLS.md).</summary>
    public async Task<DeliveryResult> ReplyAsync(Activity incoming, View view, CancellationToken cancellationToken)
    {
        var reply = OutgoingActivities.ReplyTo(incoming, view);
        var result = string.IsNullOrEmpty(incoming.Id)
            ? await connector.SendAsync(incoming.ServiceUrl!, incoming.Conversation!.Id!, reply, cancellationToken)
            : await connector.ReplyAsync(incoming.ServiceUrl!, incoming.Conversation!.Id!, incoming.Id, reply, cancellationToken);
        return result.ToDelivery(incoming.Conversation.Id);
    }

    /// <summary>Creates the 1:1 conversation between the bot and the member; the new id is in <see cref="DeliveryResult.ConversationId"/>.</summary>
    public async Task<DeliveryResult> CreateConversationAsync(ConversationReference target, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject
        {
            ["isGroup"] = false,
            ["bot"] = new JsonObject { ["id"] = target.BotId, ["name"] = target.BotName },
            ["members"] = new JsonArray { new JsonObject { ["id"] = target.UserId } },
            ["tenantId"] = target.TenantId,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = target.TenantId } },
        };
        var result = await connector.CreateConversationAsync(target.ServiceUrl!, parameters, cancellationToken);
        return result.Status != DeliveryStatus.Sent ? result.ToDelivery()
            : result.Id is { Length: > 0 } id ? DeliveryResult.Sent(null, id)
            : new DeliveryResult(DeliveryStatus.Failed, Error: "create conversation answered without an id");
    }

    /// <summary>One page of the roster; pass the returned continuation token to get the next (null when done).</summary>
    public async Task<(DeliveryResult Result, MembersPage? Page)> GetPagedMembersAsync(
        string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var result = await connector.GetPagedMembersAsync(serviceUrl, conversationId, pageSize, continuationToken, cancellationToken);
        if (result.Status != DeliveryStatus.Sent)
        {
            return (result.ToDelivery(), null);
        }

        var members = (result.Body?["members"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(m => Str(m["id"]) is not null)
            .Select(m => new TeamsMember(Str(m["id"])!, Str(m["name"]), Str(m["aadObjectId"]), Str(m["email"]), Str(m["userPrincipalName"]), Str(m["tenantId"])))
            .ToList();
        var token = Str(result.Body?["continuationToken"]);
        return (DeliveryResult.Sent(null, conversationId), new MembersPage(members, string.IsNullOrEmpty(token) ? null : token));
    }

    private static string? Str(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? (string?)node : null;
}
