using AllianceBot.Dialogs.Channels;
using System.Globalization;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Trust;

namespace AllianceBot.Scheduling.Tests.Outbox;

/// <summary>
/// The lower-k confirmation card is written to the outbox by the dialogs (which cannot reference Scheduling); the
/// dispatcher must read its target and view back exactly as written.
/// </summary>
public class LowerAnonymityOutboxTests
{
    [Fact]
    public void TheDispatcherReadsTheConfirmationCardTheDialogsWrote()
    {
        var at = DateTimeOffset.Parse("2026-03-02T09:00:00Z", CultureInfo.InvariantCulture);
        var alliance = new Alliance(Guid.NewGuid(), "Acme–Globex", Phase.Confirmation, "Europe/Amsterdam", "en", "first Tuesday 10:00", 5, 5, [], 7, false, null, at);
        var proposal = new PendingLowering(Guid.NewGuid(), 3, Guid.NewGuid(), Guid.NewGuid(), at);
        var target = new ConversationReference(MemberIdentity.Slack, "T0PARTNERC", "U0CHRIS", null, "D0CHRIS", "B0BOT");
        var card = LowerAnonymityCards.Card(TextCatalog.LoadEmbedded().For(Language.Nl), alliance, proposal, "Acme", "Initech", 5, target.Identity);
        var memberId = Guid.NewGuid();

        var message = LowerAnonymityCards.Compose(card, target, alliance.Id, memberId, at, "k-lower:x");

        Assert.Equal((LowerAnonymityCards.Kind, (Guid?)alliance.Id, (Guid?)memberId, MemberIdentity.Slack, "T0PARTNERC", "k-lower:x"),
            (message.Kind, message.AllianceId, message.MemberId, message.Channel, message.TenantId, message.DeduplicationKey));
        Assert.Equal(target, OutboxJson.ReadTarget(message.Target));
        var read = Assert.IsType<CardView>(OutboxJson.ReadView(message.Payload));
        Assert.Equal((card.Kind, card.Title, card.Body.Count), (read.Kind, read.Title, read.Body.Count));
        Assert.Equal(card.Actions.Select(a => ((SubmitAction)a).Data.OrderBy(d => d.Key).ToList()), read.Actions.Select(a => ((SubmitAction)a).Data.OrderBy(d => d.Key).ToList()));
        Assert.Equal(ActionStyle.Destructive, ((SubmitAction)read.Actions[1]).Style);
    }
}
