using System.Globalization;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Privacy;

/// <summary>
/// The data-side attacks of issue 12, each tried as a curious member would with ordinary commands, each of which
/// revealed one person's exact answer before the fix. (Attacks 6 and 7 — join codes and the audience — have their
/// own tests.)
/// </summary>
public class AnonymityAttackTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string> Providers => TestDatabase.Providers;

    /// <summary>
    /// 1. Acme 6, Globex 1, Initech 1, k = 5: the export showed "all 8" and "Acme 6", so all − Acme = Globex + Initech,
    /// and Globex's one member learned Initech's one answer. Now the export hides every partner, as the card does.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Attack1_TheExportDoesNotLetASmallPartnerBeDerivedBySubtraction(string provider)
    {
        await using var world = await PrivacyWorld.CreateAsync(provider, "Acme", "Globex", "Initech");
        var round = await world.OpenAsync();
        foreach (var (partner, count) in new[] { ("Acme", 6), ("Globex", 1), ("Initech", 1) })
        {
            for (var i = 0; i < count; i++)
            {
                await world.AnswerAsync(round, (await world.AddAsync(partner)).Member.Id, 2 + (i % 3), 1 + (i % 5));
            }
        }

        await world.CloseAsync(round);
        var lines = await world.ExportAsync();

        Assert.All(lines.Where(l => l.Slice == ExportAggregatesUseCase.AllPartners), l => Assert.Equal(8, l.Respondents));
        Assert.All(lines.Where(l => l.Slice != ExportAggregatesUseCase.AllPartners), l => Assert.Null(l.Mean));
        AssertNoHiddenRemainderBelowK(lines, 5);

        // The card agrees with the export: one rule.
        var latest = (await world.HealthAsync())!.Report.Latest!;
        Assert.All(latest.Partners, p => Assert.True(p.Hidden));
    }

    /// <summary>
    /// 2. "forget me" differencing: 8 answers mean 3.50 → 7 answers mean 3.71 told what the forgotten person answered.
    /// Closed rounds are frozen: every view is the same before and after.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Attack2_ForgetMeAfterCloseChangesNoViewOfTheClosedRound(string provider)
    {
        await using var world = await PrivacyWorld.CreateAsync(provider, "Acme", "Globex");
        var people = new List<(Contact Contact, Member Member)>();
        for (var i = 0; i < 8; i++)
        {
            people.Add(await world.AddAsync(i < 5 ? "Acme" : "Globex"));
        }

        var round = await world.OpenAsync();
        int[] answers = [4, 4, 3, 5, 4, 3, 3, 2];
        for (var i = 0; i < people.Count; i++)
        {
            await world.AnswerAsync(round, people[i].Member.Id, answers[i], answers[i]);
        }

        await world.CloseAsync(round);
        var before = await world.EveryViewAsync();
        Assert.Contains("3.50", before, StringComparison.Ordinal);

        var forgotten = await world.Database.ForgetMemberAsync(people[^1].Contact.Identity, None);
        Assert.Equal(2, forgotten.Answers);

        Assert.Equal(before, await world.EveryViewAsync());
    }

    /// <summary>
    /// 3. Moving partner: a member who left Acme and joined Globex took their past answers along, so Acme's figures of
    /// closed rounds changed by exactly their answer. Answers stay with the partner they were given for.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Attack3_LeavingAndJoiningAnotherPartnerMovesNoPastAnswer(string provider)
    {
        await using var world = await PrivacyWorld.CreateAsync(provider, "Acme", "Globex");
        var acme = new List<Member>();
        var globex = new List<Member>();
        for (var i = 0; i < 6; i++) acme.Add((await world.AddAsync("Acme")).Member);
        for (var i = 0; i < 6; i++) globex.Add((await world.AddAsync("Globex")).Member);

        var closed = await world.OpenAsync();
        for (var i = 0; i < 6; i++)
        {
            await world.AnswerAsync(closed, acme[i].Id, 2 + (i % 3), 3 + (i % 2));
            await world.AnswerAsync(closed, globex[i].Id, 4, 4);
        }

        await world.CloseAsync(closed);

        // The next round is answered while still in Acme, then the member moves before it closes.
        var open = await world.OpenAsync();
        for (var i = 0; i < 6; i++)
        {
            await world.AnswerAsync(open, acme[i].Id, 3, 3);
            await world.AnswerAsync(open, globex[i].Id, 4, 4);
        }

        var before = (await world.HealthAsync())!.Rounds.Select(r => r.Disclosed).ToList();
        var beforeExport = await world.Database.ExportAggregatesCsvAsync(world.AllianceId, None);

        var mover = acme[0];
        await world.Database.RemoveMemberAsync(mover.Id, Seed.Now.AddMonths(2), None);
        var moved = await world.Database.AddMemberAsync(new NewMember(world.AllianceId, world.Partner("Globex").Id, mover.ContactId), Seed.Now.AddMonths(2), None);
        Assert.Equal(mover.Id, moved.Id);
        Assert.Equal(world.Partner("Globex").Id, moved.PartnerId);

        var after = (await world.HealthAsync())!.Rounds.Select(r => r.Disclosed).ToList();
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before), System.Text.Json.JsonSerializer.Serialize(after));
        Assert.Equal(beforeExport, await world.Database.ExportAggregatesCsvAsync(world.AllianceId, None));

        // The open round counts the answer where it was given.
        await world.CloseAsync(open);
        var latest = (await world.HealthAsync())!.Report.Latest!;
        Assert.Equal(6, latest.Partners.Single(p => p.PartnerId == world.Partner("Acme").Id.ToString()).Respondents);
        Assert.Equal(6, latest.Partners.Single(p => p.PartnerId == world.Partner("Globex").Id.ToString()).Respondents);
    }

    /// <summary>
    /// 4. Lowering k after the fact: a manager of one partner typed "anonymity 3" and a 3-person Initech, hidden when
    /// people answered, became visible in rounds already closed. Lowering now needs every partner, and never reaches
    /// a closed round.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Attack4_ALowerKNeverRevealsAClosedRound(string provider)
    {
        await using var world = await PrivacyWorld.CreateAsync(provider, "Acme", "Initech");
        var acme = new List<(Contact Contact, Member Member)>();
        var initech = new List<(Contact Contact, Member Member)>();
        for (var i = 0; i < 6; i++) acme.Add(await world.AddAsync("Acme", i == 0 ? MemberRole.Manager : MemberRole.Member));
        for (var i = 0; i < 3; i++) initech.Add(await world.AddAsync("Initech", i == 0 ? MemberRole.Manager : MemberRole.Member));

        var round = await world.OpenAsync();
        foreach (var (_, member) in acme) await world.AnswerAsync(round, member.Id, 4, 4);
        foreach (var (_, member) in initech) await world.AnswerAsync(round, member.Id, 2, 1);
        await world.CloseAsync(round);
        var before = await world.EveryViewAsync();
        Assert.All((await world.HealthAsync())!.Report.Latest!.Partners, p => Assert.True(p.Hidden));

        // One partner's manager alone cannot lower it.
        var refused = await Assert.ThrowsAsync<StorageException>(() => world.Database.SetAnonymityAsync(world.AllianceId, 3, 10, None));
        Assert.Equal(StorageErrorKind.InvalidInput, refused.Kind);
        var proposed = await world.Database.RequestLowerAnonymityAsync(world.AllianceId, 3, acme[0].Contact.Id, world.Partner("Acme").Id, Seed.Now, None);
        Assert.Equal(LowerOutcome.Proposed, proposed.Outcome);
        Assert.Equal(5, (await world.Database.GetAnonymityStateAsync(world.AllianceId, Seed.Now.AddYears(1), None)).K);

        // Even when every partner agrees and the lower k is in force, the closed round keeps the k it closed under.
        var scheduled = await world.Database.RequestLowerAnonymityAsync(world.AllianceId, 3, initech[0].Contact.Id, world.Partner("Initech").Id, Seed.Now, None);
        Assert.Equal(LowerOutcome.Scheduled, scheduled.Outcome);
        Assert.Equal(3, (await world.Database.GetAnonymityStateAsync(world.AllianceId, Seed.Now.AddYears(1), None)).K);
        Assert.Equal(before, await world.EveryViewAsync());
    }

    /// <summary>
    /// 5. SD and intervals were shown for every visible slice: with n = 5, mean 3.00 and SD 1.58 pin the five answers
    /// down to {1, 2, 3, 4, 5}. Spread is shown only from 2k answers on.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Attack5_SpreadIsShownOnlyFromTwiceKAnswers(string provider)
    {
        await using var world = await PrivacyWorld.CreateAsync(provider, "Acme", "Globex");
        var people = new List<Member>();
        for (var i = 0; i < 5; i++) people.Add((await world.AddAsync("Acme")).Member);
        var small = await world.OpenAsync();
        for (var i = 0; i < 5; i++) await world.AnswerAsync(small, people[i].Id, i + 1, i + 1);
        await world.CloseAsync(small);

        var five = (await world.HealthAsync())!.Report.Latest!;
        Assert.NotNull(five.Calculative);
        Assert.Null(five.Calculative!.StandardDeviation);
        Assert.Null(five.Calculative.Interval);
        Assert.All(five.Partners.Where(p => p.Calculative is not null), p => Assert.Null(p.Calculative!.StandardDeviation));
        Assert.DoesNotContain("1.58", await world.EveryViewAsync(), StringComparison.Ordinal);

        for (var i = 0; i < 5; i++) people.Add((await world.AddAsync("Globex")).Member);
        var large = await world.OpenAsync();
        for (var i = 0; i < 10; i++) await world.AnswerAsync(large, people[i].Id, 1 + (i % 5), 1 + (i % 5));
        await world.CloseAsync(large);

        var ten = (await world.HealthAsync())!.Report.Latest!;
        Assert.NotNull(ten.Calculative!.StandardDeviation);
        Assert.NotNull(ten.Calculative.Interval);
        Assert.All(ten.Partners, p => Assert.Null(p.Calculative?.StandardDeviation));
    }

    /// <summary>Per round and item: the total minus the shown partners leaves nobody, or at least k people.</summary>
    internal static void AssertNoHiddenRemainderBelowK(IReadOnlyList<AggregateLine> lines, int k)
    {
        foreach (var cell in lines.GroupBy(l => (l.Round, l.ItemId)))
        {
            var total = cell.SingleOrDefault(l => l.Slice == ExportAggregatesUseCase.AllPartners && l.Mean is not null);
            if (total is null) continue;
            var remainder = total.Respondents - cell.Where(l => l.Slice != ExportAggregatesUseCase.AllPartners && l.Mean is not null).Sum(l => l.Respondents);
            Assert.True(remainder == 0 || remainder >= k,
                string.Create(CultureInfo.InvariantCulture, $"round {cell.Key.Round} item {cell.Key.ItemId}: {remainder} hidden answers could be derived"));
        }
    }
}
