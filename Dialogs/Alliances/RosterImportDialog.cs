using System.Text.Json.Nodes;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>
/// "import roster" in a Teams team or group chat: a manager adds everyone there to their own organisation's side.
/// Only people from the conversation's own tenant are added (guests from other tenants cannot be messaged 1:1 by a
/// bot that is not installed in their tenant); people already in the alliance, on any side, are left as they are.
/// </summary>
public sealed class RosterImportDialog(Database database, AllianceDirectory directory, TimeProvider time, IEnumerable<IRosterSource> sources) : IDialog
{
    public void Register(DialogRoutes routes) => routes.OnIntent(Intent.ImportRoster, Operation.AddMembers, ImportAsync, FromAGroupAsync);

    private IRosterSource? SourceFor(Turn turn) => sources.FirstOrDefault(s => string.Equals(s.Channel, turn.From.Channel, StringComparison.Ordinal));

    // Before authorization: a roster comes from a group conversation of a channel that can list one.
    private Task<TurnResult?> FromAGroupAsync(DialogContext context) => Task.FromResult(
        SourceFor(context.Turn) is null ? TurnResult.Reply(new MessageView(context.Texts["roster.unsupported"]))
        : context.Turn.ConversationKind == ConversationKind.Personal ? TurnResult.Reply(new MessageView(context.Texts["roster.personal"]))
        : null);

    private async Task<TurnResult> ImportAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        var turn = context.Turn;
        var source = SourceFor(turn)!;
        var ct = context.CancellationToken;
        var roster = await source.GetRosterAsync(turn.Conversation, ct);
        if (roster.Status != RosterStatus.Ok)
        {
            return TurnResult.Reply(new MessageView(texts[roster.Status == RosterStatus.NotAGroup ? "roster.personal" : "roster.failed"]));
        }

        int added = 0, already = 0, otherTenant = 0;
        var now = time.GetUtcNow();
        foreach (var entry in roster.Entries)
        {
            if (!string.Equals(entry.Reference.TenantId, turn.From.TenantId, StringComparison.Ordinal))
            {
                otherTenant++;
                continue;
            }

            if (await database.FindMembershipAsync(scope.Alliance.Id, entry.Reference.Identity, ct) is not null)
            {
                already++;
                continue;
            }

            var reference = entry.Reference with { ConversationId = null, BotId = entry.Reference.BotId ?? turn.Conversation.BotId, BotName = entry.Reference.BotName ?? turn.Conversation.BotName };
            var contact = await directory.RecordAsync(new ContactSighting(reference, entry.Name, null, null, now), ct);
            await database.AddMemberAsync(new NewMember(scope.Alliance.Id, scope.Member.PartnerId, contact.Id), now, ct);
            added++;
        }

        await database.RecordAuditAsync(new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, "roster.imported",
            new JsonObject { ["added"] = added, ["already"] = already, ["otherTenant"] = otherTenant }.ToJsonString(), now), ct);
        var title = texts.Format("roster.done.title", scope.PartnerName);
        var facts = new List<Fact>
        {
            new(texts["roster.done.added"], texts.Integer(added)),
            new(texts["roster.done.already"], texts.Integer(already)),
        };
        if (otherTenant > 0)
        {
            facts.Add(new Fact(texts["roster.done.othertenant"], texts.Integer(otherTenant)));
        }

        return TurnResult.Reply(new CardView(CardKind.Info, title,
            [new Paragraph(texts.Format("roster.done.body", scope.Alliance.Name)), new FactList(facts), new Paragraph(texts["roster.done.reach"], Tone.Subtle)],
            [IntentButtons.For(Intent.Members, texts)], title));
    }
}
