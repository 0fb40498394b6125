using System.Text.Json;
using System.Text.Json.Serialization;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>
/// The two-step confirmation of a lower k: when a manager proposes it, every reachable manager of each partner that
/// has not agreed yet gets a card (through the outbox, like the round alerts) with Agree and Decline. The buttons
/// carry the alliance, the proposal they were sent for and a fingerprint of the recipient, so a forwarded card does
/// nothing for anyone else and a card for a proposal that was declined, replaced or completed stores nothing.
/// </summary>
public static class LowerAnonymityCards
{
    public const string AgreeVerb = "alliance.anonymity.lower.agree";
    public const string DeclineVerb = "alliance.anonymity.lower.decline";
    public const string ProposalKey = "proposal";

    /// <summary>Outbox kind of the confirmation cards and of the note to the proposer when someone declines.</summary>
    public const string Kind = "anonymity-lower";

    // Same shape as Scheduling's OutboxJson writes (web names, enums as names); its reader accepts both.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The card for one manager (<paramref name="to"/>): who proposes (the partner, never the person), from k to k', when it would apply.</summary>
    public static CardView Card(Texts texts, Alliance alliance, PendingLowering proposal, string proposingPartner, string ownPartner, int from, MemberIdentity to)
    {
        var title = texts.Format("alliance.anonymity.card.title", proposal.K);
        Dictionary<string, string> Data() => new(StringComparer.Ordinal)
        {
            [AllianceScopes.AllianceKey] = alliance.Id.ToString(),
            [ProposalKey] = proposal.Id.ToString(),
            [CardGuard.ForKey] = CardGuard.Fingerprint(to),
            [DialogVerbs.LanguageKey] = texts.Language.Code(),
        };
        return new CardView(CardKind.Confirm, title,
        [
            new Paragraph(texts.Format("alliance.anonymity.card.body", proposingPartner, alliance.Name, proposal.K, from, ownPartner)),
            new FactList(
            [
                new Fact(texts["alliance.anonymity.card.now"], texts.Integer(from)),
                new Fact(texts["alliance.anonymity.card.proposed"], texts.Integer(proposal.K)),
            ]),
            new Paragraph(texts.Format("alliance.anonymity.card.when", AllianceDefaults.LowerAnonymityProposalDays), Tone.Subtle),
        ],
        [
            new SubmitAction(texts["alliance.anonymity.card.agree"], AgreeVerb, Data()),
            new SubmitAction(texts["alliance.anonymity.card.decline"], DeclineVerb, Data(), ActionStyle.Destructive),
        ],
        title);
    }

    public static NewOutboxMessage Compose(CardView card, ConversationReference target, Guid allianceId, Guid memberId, DateTimeOffset now, string deduplicationKey) =>
        new(Kind, allianceId, null, memberId, target.Channel, target.TenantId,
            JsonSerializer.Serialize(target, Json), JsonSerializer.Serialize<View>(card, Json), now, deduplicationKey);

    public static Language LanguageOf(RoundRecipient recipient, Alliance alliance) =>
        Languages.FromLocale(string.IsNullOrWhiteSpace(recipient.Locale) ? alliance.Locale : recipient.Locale);
}
