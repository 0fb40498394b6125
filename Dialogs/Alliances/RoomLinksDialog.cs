using System.Text.Json.Nodes;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Rooms;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>
/// "link this channel" / "link this channel for managers" / "unlink this channel" (nl: koppel / ontkoppel), typed by a
/// manager in a group chat or channel. Only a linked room gets an alliance's figures in the room itself; elsewhere
/// they go to the asker's personal chat (<see cref="StoredRoomAudience"/>). A room belongs to one alliance: a linked
/// room is re-linked or unlinked only by a manager of the alliance it is linked to.
/// </summary>
public sealed class RoomLinksDialog(Database database, TimeProvider time) : IDialog
{
    internal const string LinkedAction = "room.linked";
    internal const string UnlinkedAction = "room.unlinked";

    public void Register(DialogRoutes routes) => routes
        .OnIntent(Intent.LinkRoom, Operation.LinkRoom, (c, scope) => LinkAsync(c, scope, RoomAudience.Members), InARoomAsync)
        .OnIntent(Intent.LinkRoomForManagers, Operation.LinkRoom, (c, scope) => LinkAsync(c, scope, RoomAudience.Managers), InARoomAsync)
        .OnIntent(Intent.UnlinkRoom, Operation.LinkRoom, UnlinkAsync, InALinkedRoomAsync);

    // Before authorization: linking is about the room it is typed in, so a personal chat is answered first.
    private static Task<TurnResult?> InARoomAsync(DialogContext context) =>
        Task.FromResult(context.Turn.IsShared ? null : TurnResult.Reply(new MessageView(context.Texts["room.personal"])));

    // The scope of "unlink" is the room's own alliance (a linked room pins it): only its managers unlink.
    private static async Task<TurnResult?> InALinkedRoomAsync(DialogContext context) =>
        await InARoomAsync(context)
        ?? (context.Audience.RoomAlliance is null ? TurnResult.Reply(new MessageView(context.Texts["room.unlink.none"])) : null);

    private async Task<TurnResult> LinkAsync(DialogContext context, AllianceScope scope, RoomAudience audience)
    {
        var now = time.GetUtcNow();
        var from = context.Identity;
        await database.LinkRoomAsync(new RoomLink(from.Channel, from.TenantId, context.Turn.RoomId, scope.Alliance.Id, audience, now), context.CancellationToken);
        await AuditAsync(context, scope, LinkedAction, audience, now);
        var texts = context.Texts;
        var key = audience == RoomAudience.Managers ? "room.linked.managers" : "room.linked.members";
        return TurnResult.Reply(AllianceCards.Done(texts, texts.Format("room.linked.title", scope.Alliance.Name), texts.Format(key, scope.Alliance.Name),
            IntentButtons.For(Intent.WhereAreWe, texts)));
    }

    private async Task<TurnResult> UnlinkAsync(DialogContext context, AllianceScope scope)
    {
        var from = context.Identity;
        await database.UnlinkRoomAsync(from.Channel, from.TenantId, context.Turn.RoomId, context.CancellationToken);
        await AuditAsync(context, scope, UnlinkedAction, null, time.GetUtcNow());
        var texts = context.Texts;
        return TurnResult.Reply(AllianceCards.Done(texts, texts["room.unlinked.title"], texts.Format("room.unlinked.body", scope.Alliance.Name)));
    }

    // Who linked and when is the audit trail's business (forget me clears the actor there); the room table names nobody.
    // The detail says which room (a conversation, not a person) and for whom.
    private Task AuditAsync(DialogContext context, AllianceScope scope, string action, RoomAudience? audience, DateTimeOffset now)
    {
        var detail = new JsonObject { ["channel"] = context.Identity.Channel, ["room"] = context.Turn.RoomId };
        if (audience is not null)
        {
            detail["audience"] = audience == RoomAudience.Managers ? "managers" : "members";
        }

        return database.RecordAuditAsync(new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, action, detail.ToJsonString(), now), context.CancellationToken);
    }
}
