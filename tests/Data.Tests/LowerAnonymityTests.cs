using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

/// <summary>
/// k is never lowered after the fact: raising is immediate, lowering is a proposal a manager of every partner (and
/// at least two people) confirms, applied only to rounds that close a week after the last confirmation or later.
/// </summary>
public class LowerAnonymityTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RaisingIsImmediateAndLoweringDirectlyIsRefused(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync(membersPerPartner: 1);

        Assert.Equal(7, (await test.Database.SetAnonymityAsync(world.Id, 7, 10, None)).AnonymityK);
        var refused = await Assert.ThrowsAsync<StorageException>(() => test.Database.SetAnonymityAsync(world.Id, 6, 10, None));
        Assert.Equal(StorageErrorKind.InvalidInput, refused.Kind);
        Assert.Equal(7, (await test.Database.GetAllianceAsync(world.Id, None))!.AnonymityK);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryPartnerWithMembersMustConfirmAndTheLowerKWaitsAWeek(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 2, partners: ["Acme", "Globex", "Initech"]);
        var (acme, globex, initech) = (world.Members[0], world.Members[2], world.Members[4]);
        var now = Seed.Now;

        var proposed = await test.Database.RequestLowerAnonymityAsync(world.Id, 3, acme.Contact.Id, acme.Member.PartnerId, now, None);
        Assert.Equal(LowerOutcome.Proposed, proposed.Outcome);
        Assert.Equal(["Globex", "Initech"], proposed.State.WaitingPartners);
        Assert.Equal(5, proposed.State.K);

        // A second Acme manager adds nothing: Acme has agreed already.
        var again = await test.Database.RequestLowerAnonymityAsync(world.Id, 3, world.Members[1].Contact.Id, acme.Member.PartnerId, now, None);
        Assert.Equal(LowerOutcome.AlreadyConfirmed, again.Outcome);

        var confirmed = await test.Database.RequestLowerAnonymityAsync(world.Id, 3, globex.Contact.Id, globex.Member.PartnerId, now.AddHours(1), None);
        Assert.Equal(LowerOutcome.Confirmed, confirmed.Outcome);
        Assert.Equal(["Initech"], confirmed.State.WaitingPartners);

        var scheduled = await test.Database.RequestLowerAnonymityAsync(world.Id, 3, initech.Contact.Id, initech.Member.PartnerId, now.AddHours(2), None);
        Assert.Equal(LowerOutcome.Scheduled, scheduled.Outcome);
        Assert.Equal(now.AddHours(2).AddDays(AllianceDefaults.LowerAnonymityProposalDays), scheduled.State.EffectiveFrom);
        Assert.Equal(5, scheduled.State.K);

        Assert.Equal(5, (await test.Database.GetAnonymityStateAsync(world.Id, now.AddDays(7), None)).K);
        Assert.Equal(3, (await test.Database.GetAnonymityStateAsync(world.Id, now.AddDays(7).AddHours(2), None)).K);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DecliningWithdrawsTheOpenProposalOnceAndAStaleProposalChangesNothing(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync(membersPerPartner: 1, partners: ["Acme", "Globex", "Initech"]);
        var (acme, globex, initech) = (world.Members[0], world.Members[1], world.Members[2]);
        var now = Seed.Now;
        Assert.Null(await test.Database.GetOpenLoweringAsync(world.Id, None));

        await test.Database.RequestLowerAnonymityAsync(world.Id, 3, acme.Contact.Id, acme.Member.PartnerId, now, None);
        var open = await test.Database.GetOpenLoweringAsync(world.Id, None);
        Assert.NotNull(open);
        Assert.Equal((3, acme.Member.PartnerId, (Guid?)acme.Contact.Id, now), (open.K, open.PartnerId, open.ProposedBy, open.ProposedAt));

        Assert.True(await test.Database.DeclineLowerAnonymityAsync(world.Id, open.Id, now.AddHours(1), None));
        Assert.False(await test.Database.DeclineLowerAnonymityAsync(world.Id, open.Id, now.AddHours(2), None));
        Assert.Null(await test.Database.GetOpenLoweringAsync(world.Id, None));
        var state = await test.Database.GetAnonymityStateAsync(world.Id, now.AddYears(1), None);
        Assert.Equal((5, (int?)null), (state.K, state.PendingK));

        // A lowering agreed by every partner is no longer open: a late "decline" cannot undo it.
        await test.Database.RequestLowerAnonymityAsync(world.Id, 4, acme.Contact.Id, acme.Member.PartnerId, now, None);
        var agreed = (await test.Database.GetOpenLoweringAsync(world.Id, None))!;
        await test.Database.RequestLowerAnonymityAsync(world.Id, 4, globex.Contact.Id, globex.Member.PartnerId, now, None);
        await test.Database.RequestLowerAnonymityAsync(world.Id, 4, initech.Contact.Id, initech.Member.PartnerId, now, None);
        Assert.Null(await test.Database.GetOpenLoweringAsync(world.Id, None));
        Assert.False(await test.Database.DeclineLowerAnonymityAsync(world.Id, agreed.Id, now.AddHours(1), None));
        Assert.Equal(4, (await test.Database.GetAnonymityStateAsync(world.Id, now.AddDays(8), None)).K);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EachRoundKeepsTheKItClosedUnder(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 3, partners: ["Acme", "Globex"]);
        var (acme, globex) = (world.Members[0], world.Members[3]);

        // Closes before the lowering is due: k 5, so three answers show nothing.
        var early = await seed.RoundAsync(world.Id, "early", Seed.Now.AddDays(-1));
        var late = await seed.RoundAsync(world.Id, "late", Seed.Now.AddDays(8));
        foreach (var round in new[] { early, late })
        {
            foreach (var (_, member) in world.Members.Take(3))
            {
                await test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 4 }, round.OpenedAt, None);
            }
        }

        await test.Database.RequestLowerAnonymityAsync(world.Id, 3, acme.Contact.Id, acme.Member.PartnerId, Seed.Now, None);
        await test.Database.RequestLowerAnonymityAsync(world.Id, 3, globex.Contact.Id, globex.Member.PartnerId, Seed.Now, None);
        await test.Database.CloseRoundAsync(early.Id, "{}", early.ClosesAt, None);
        await test.Database.CloseRoundAsync(late.Id, "{}", late.ClosesAt, None);

        var frozenEarly = await test.Database.GetFrozenRoundAsync((await test.Database.GetRoundAsync(early.Id, None))!, None);
        var frozenLate = await test.Database.GetFrozenRoundAsync((await test.Database.GetRoundAsync(late.Id, None))!, None);
        Assert.Equal(5, frozenEarly.K);
        Assert.Equal(3, frozenLate.K);
        Assert.False(frozenEarly.Cell("all", "item:c1")!.Shown);
        Assert.True(frozenLate.Cell("all", "item:c1")!.Shown);
        Assert.Equal(3, (await test.Database.GetAllianceAsync(world.Id, None))!.AnonymityK);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RaisingWithdrawsAPendingLoweringAndOnePersonCannotConfirmAlone(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 0, partners: ["Acme", "Globex"]);
        var manager = await seed.PersonAsync();
        var member = await test.Database.AddMemberAsync(new NewMember(world.Id, world.Partner(0).Id, manager.Id, MemberRole.Manager), Seed.Now, None);

        // Only Acme has members, but one person is never enough.
        var alone = await test.Database.RequestLowerAnonymityAsync(world.Id, 4, manager.Id, member.PartnerId, Seed.Now, None);
        Assert.Equal(LowerOutcome.Proposed, alone.Outcome);
        Assert.Equal(4, alone.State.PendingK);
        Assert.Null(alone.State.EffectiveFrom);

        await test.Database.SetAnonymityAsync(world.Id, 6, 10, None);
        var state = await test.Database.GetAnonymityStateAsync(world.Id, Seed.Now.AddYears(1), None);
        Assert.Null(state.PendingK);
        Assert.Equal(6, state.K);
        Assert.Equal(StorageErrorKind.InvalidInput,
            (await Assert.ThrowsAsync<StorageException>(() => test.Database.RequestLowerAnonymityAsync(world.Id, 7, manager.Id, member.PartnerId, Seed.Now, None))).Kind);
    }
}
