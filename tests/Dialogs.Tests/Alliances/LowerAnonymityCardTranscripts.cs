using System.Text.Json;
using System.Text.Json.Serialization;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Alliances;

/// <summary>
/// Lowering k is a two-step confirmation: a manager proposes it, and a manager of every other partner gets a card
/// (through the real outbox) to agree or decline. A forwarded card, a non-manager and a card for a proposal that is no
/// longer open change nothing.
/// </summary>
public class LowerAnonymityCardTranscripts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task ProposalSendsACardToTheOtherPartnersManagersAndAgreeingOnItSchedulesTheLowerK()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        var id = await AllianceIdAsync(host);

        await host.Transcript(People.Anna).Send("anonymity 4")
            .ExpectCard(CardKind.Info, c => Assert.Contains("their managers get a card", People.Texts(c), StringComparison.Ordinal)).RunAsync();

        var cards = await ClaimCardsAsync(host);
        Assert.Equal(["tenant-b/29:bram", "T0PARTNERC/U0CHRIS"], cards.Select(c => $"{c.To.TenantId}/{c.To.UserId}"));
        var bram = cards[0].Card;
        Assert.Equal(CardKind.Confirm, bram.Kind);
        Assert.Equal("Anonimiteitsdrempel verlagen naar 4?", bram.Title);
        var chris = cards[1].Card;
        Assert.Equal("Lower the anonymity threshold to 4?", chris.Title);
        var text = People.Texts(chris);
        Assert.Contains("Acme proposes showing the results of \"Acme–Globex\" from 4 respondents instead of 5", text, StringComparison.Ordinal);
        Assert.Contains("it waits for Initech", text, StringComparison.Ordinal);
        Assert.Contains("at least 7 days after the last agreement", text, StringComparison.Ordinal);
        Assert.Contains("Rounds already closed never change", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna", text, StringComparison.Ordinal);
        Assert.Equal(["Agree", "Decline"], chris.Actions.Select(a => a.Title));

        var agree = (SubmitAction)chris.Actions[0];
        var eva = new Dictionary<string, string>(agree.Data, StringComparer.Ordinal) { [CardGuard.ForKey] = CardGuard.Fingerprint(People.Eva.Identity) };
        await host.Transcript(People.Dirk).Click(agree.Verb, agree.Data).ExpectMessage("That button was meant for someone else")
            .As(People.Eva).Click(agree.Verb, eva).ExpectCard(CardKind.Error)
            .RunAsync();
        Assert.Equal(["Acme"], (await host.Database.GetAnonymityStateAsync(id, host.Time.GetUtcNow(), default)).ConfirmedPartners);

        var bramAgree = (SubmitAction)bram.Actions[0];
        await host.Transcript(People.Bram).Click(bramAgree.Verb, bramAgree.Data)
            .ExpectReplacedCard(CardKind.Info, c => Assert.Contains("Nog wachten op Initech", People.Texts(c), StringComparison.OrdinalIgnoreCase))
            .As(People.Chris).Click(agree.Verb, agree.Data)
            .ExpectReplacedCard(CardKind.Info, c => Assert.Contains("Every partner agreed", People.Texts(c), StringComparison.Ordinal))
            // The proposal is complete: the card is stale now, and says so.
            .As(People.Bram).Click(bramAgree.Verb, bramAgree.Data)
            .ExpectReplacedCard(CardKind.Info, c => Assert.Contains("staat niet meer open", People.Texts(c), StringComparison.Ordinal))
            .RunAsync();

        var state = await host.Database.GetAnonymityStateAsync(id, host.Time.GetUtcNow(), default);
        Assert.Equal((5, (int?)4), (state.K, state.PendingK));
        Assert.Equal(host.Time.GetUtcNow().AddDays(AllianceDefaults.LowerAnonymityProposalDays), state.EffectiveFrom);
        Assert.Equal(4, (await host.Database.GetAnonymityStateAsync(id, host.Time.GetUtcNow().AddDays(8), default)).K);
        var audit = (await host.Database.ListAuditAsync(id, 100, default)).Select(e => e.Action).Where(a => a.StartsWith("anonymity.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["anonymity.lower.confirmed", "anonymity.lower.proposed", "anonymity.lower.scheduled"], audit.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DecliningWithdrawsTheProposalTellsTheProposerAndLeavesTheOtherCardsStale()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        var id = await AllianceIdAsync(host);

        await host.Transcript(People.Anna).Send("anonymity 3").ExpectCard(CardKind.Info).RunAsync();
        var cards = await ClaimCardsAsync(host);
        var bramDecline = (SubmitAction)cards.Single(c => c.To.UserId == "29:bram").Card.Actions[1];
        var chrisAgree = (SubmitAction)cards.Single(c => c.To.UserId == "U0CHRIS").Card.Actions[0];
        Assert.Equal(LowerAnonymityCards.DeclineVerb, bramDecline.Verb);

        // Someone else clicking Bram's forwarded Decline does nothing.
        await host.Transcript(People.Chris).Click(bramDecline.Verb, bramDecline.Data).ExpectMessage("Die knop was voor iemand anders bedoeld").RunAsync();
        Assert.Equal(3, (await host.Database.GetAnonymityStateAsync(id, host.Time.GetUtcNow(), default)).PendingK);

        await host.Transcript(People.Bram).Click(bramDecline.Verb, bramDecline.Data)
            .ExpectReplacedCard(CardKind.Info, c => Assert.Equal("Verlaging geweigerd", c.Title))
            .As(People.Chris).Click(chrisAgree.Verb, chrisAgree.Data)
            .ExpectReplacedCard(CardKind.Info, c => Assert.Contains("no longer open", People.Texts(c), StringComparison.Ordinal))
            .As(People.Bram).Click(bramDecline.Verb, bramDecline.Data)
            .ExpectReplacedCard(CardKind.Info, c => Assert.Contains("staat niet meer open", People.Texts(c), StringComparison.Ordinal))
            .RunAsync();

        var state = await host.Database.GetAnonymityStateAsync(id, host.Time.GetUtcNow().AddYears(1), default);
        Assert.Equal((5, (int?)null), (state.K, state.PendingK));
        Assert.Null(await host.Database.GetOpenLoweringAsync(id, default));

        // The proposer hears about it (the partner, not the person who declined).
        var note = Assert.Single(await ClaimCardsAsync(host));
        Assert.Equal("29:anna", note.To.UserId);
        Assert.Equal("Globex declined lowering the anonymity threshold of \"Acme–Globex\" to 3. The threshold stays 5.", People.Texts(note.Card));
        Assert.DoesNotContain("Bram", People.Texts(note.Card), StringComparison.Ordinal);

        var audit = await host.Database.ListAuditAsync(id, 100, default);
        var declined = Assert.Single(audit, e => e.Action == "anonymity.lower.declined");
        Assert.Contains("\"partner\":\"Globex\"", declined.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain(audit, e => e.Action is "anonymity.lower.confirmed" or "anonymity.lower.scheduled");
    }

    private static async Task<List<(ConversationReference To, CardView Card)>> ClaimCardsAsync(AllianceTestHost host)
    {
        var claimed = await host.Outbox.ClaimAsync("test", 50, host.Time.GetUtcNow().AddMinutes(1), TimeSpan.FromMinutes(5), default);
        return claimed.Where(m => m.Kind == LowerAnonymityCards.Kind)
            .Select(m => (JsonSerializer.Deserialize<ConversationReference>(m.Target, Json)!, Assert.IsType<CardView>(JsonSerializer.Deserialize<View>(m.Payload, Json))))
            .OrderBy(c => c.Item1.Channel == MemberIdentity.Slack).ToList();
    }

    private static async Task<Guid> AllianceIdAsync(AllianceTestHost host) =>
        (await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default))[0].AllianceId;
}
