using AllianceBot.Data.Commitments;
using AllianceBot.Data.Members;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using AllianceBot.Trust;

namespace AllianceBot.Data.Tests;

/// <summary>Commitments (migration 0007) on real SQLite and PostgreSQL: numbering, done, missed, the setting, forget me, delete.</summary>
public class CommitmentTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CommitmentsAreNumberedPerAllianceAndReadBackWithTheirOwnersName(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 2);
        var other = await seed.AllianceAsync(membersPerPartner: 1);
        var (anna, annaMember) = world.Members[0];
        var (_, bram) = world.Members[2];

        var first = await test.Database.MakeCommitmentAsync(new NewCommitment(world.Id, "p2.do.paper", Dimension.Calculative, annaMember.Id, bram.Id, 3, 4), Seed.Now, None);
        var second = await test.Database.MakeCommitmentAsync(new NewCommitment(world.Id, "p1.do.coffee", Dimension.Relational, bram.Id, bram.Id, null, 1), Seed.Now, None);
        var elsewhere = await test.Database.MakeCommitmentAsync(new NewCommitment(other.Id, "p1.do.coffee", Dimension.Relational, other.Members[0].Member.Id, other.Members[0].Member.Id, null, 1), Seed.Now, None);

        Assert.Equal((1, 2, 1), (first.Number, second.Number, elsewhere.Number));
        var listed = await test.Database.ListCommitmentsAsync(world.Id, None);
        Assert.Equal([1, 2], listed.Select(c => c.Number));
        var stored = listed[0];
        Assert.Equal(("p2.do.paper", Dimension.Calculative, annaMember.Id, anna.DisplayName, bram.Id, (int?)3, 4, CommitmentStatus.Open),
            (stored.AdviceId, stored.Dimension, stored.OwnerMemberId, stored.OwnerName, stored.MadeByMemberId, stored.BaseRound, stored.DueRound, stored.Status));
        Assert.Equal(Seed.Now, stored.MadeAt);
        Assert.Null(stored.SettledAt);
    }

    /// <summary>
    /// Two commitments made at the same moment in one alliance both get made, with different numbers: the number is
    /// allocated under a lock on the alliance, so the second waits for the first instead of taking the same number
    /// (which broke the unique key and refused the second on PostgreSQL).
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CommitmentsMadeAtTheSameMomentGetDifferentNumbers(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync(membersPerPartner: 2);
        var members = world.Members.Select(m => m.Member.Id).ToList();
        const int Concurrent = 16;

        // All started before any finishes: each opens its own connection and transaction.
        var made = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i => Task.Run(() =>
        {
            var member = members[i % members.Count];
            return test.Database.MakeCommitmentAsync(
                new NewCommitment(world.Id, $"p1.do.race{i}", Dimension.Relational, member, member, null, 1), Seed.Now, None);
        })));

        var numbers = made.Select(c => c.Number).Order().ToList();
        Assert.Equal(Enumerable.Range(1, Concurrent), numbers);
        Assert.Equal(Enumerable.Range(1, Concurrent), (await test.Database.ListCommitmentsAsync(world.Id, None)).Select(c => c.Number));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOwnerFromAnotherAllianceOrADueRoundBeforeTheBaseIsRefusedAndNothingIsStored(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var other = await seed.AllianceAsync(membersPerPartner: 1);
        var maker = world.Members[0].Member.Id;

        var outsider = await Assert.ThrowsAsync<StorageException>(() => test.Database.MakeCommitmentAsync(
            new NewCommitment(world.Id, "p1.do.coffee", Dimension.Relational, other.Members[0].Member.Id, maker, null, 1), Seed.Now, None));
        var early = await Assert.ThrowsAsync<StorageException>(() => test.Database.MakeCommitmentAsync(
            new NewCommitment(world.Id, "p1.do.coffee", Dimension.Relational, maker, maker, 4, 4), Seed.Now, None));

        Assert.Equal(StorageErrorKind.InvalidInput, outsider.Kind);
        Assert.Equal(StorageErrorKind.InvalidInput, early.Kind);
        Assert.Empty(await test.Database.ListCommitmentsAsync(world.Id, None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DoneKeepsAnOpenCommitmentAndAClosedDueRoundMissesTheRestOnce(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync(membersPerPartner: 1);
        var member = world.Members[0].Member.Id;
        foreach (var (advice, due) in new[] { ("p1.do.coffee", 2), ("p1.do.ambitions", 2), ("p1.dont.contract", 3) })
        {
            await test.Database.MakeCommitmentAsync(new NewCommitment(world.Id, advice, Dimension.Relational, member, member, 1, due), Seed.Now, None);
        }

        var kept = await test.Database.MarkCommitmentDoneAsync(world.Id, 1, member, Seed.Now.AddDays(3), None);
        var missed = await test.Database.MarkCommitmentsMissedAsync(world.Id, 2, Seed.Now.AddDays(7), None);
        var again = await test.Database.MarkCommitmentsMissedAsync(world.Id, 2, Seed.Now.AddDays(8), None);
        var lateDone = await test.Database.MarkCommitmentDoneAsync(world.Id, 2, member, Seed.Now.AddDays(9), None);
        var unknown = await test.Database.MarkCommitmentDoneAsync(world.Id, 99, member, Seed.Now, None);

        Assert.Equal(CommitmentStatus.Kept, kept!.Status);
        Assert.Equal(Seed.Now.AddDays(3), kept.SettledAt);
        Assert.Equal((1, 0), (missed, again));
        Assert.Equal(CommitmentStatus.Missed, lateDone!.Status);
        Assert.Null(unknown);
        Assert.Equal([CommitmentStatus.Kept, CommitmentStatus.Missed, CommitmentStatus.Open],
            (await test.Database.ListCommitmentsAsync(world.Id, None)).Select(c => c.Status));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MembersMayCommitIsOffByDefaultAndManagersCanSwitchIt(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();

        var before = await test.Database.MembersMayCommitAsync(world.Id, None);
        await test.Database.SetMembersMayCommitAsync(world.Id, true, None);
        var on = await test.Database.MembersMayCommitAsync(world.Id, None);
        await test.Database.SetMembersMayCommitAsync(world.Id, false, None);

        Assert.False(before);
        Assert.True(on);
        Assert.False(await test.Database.MembersMayCommitAsync(world.Id, None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ForgetMeKeepsTheCommitmentButItsOwnerBecomesAFormerMemberAndDeletingTheAllianceRemovesIt(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync(membersPerPartner: 1);
        var (person, member) = world.Members[0];
        await test.Database.MakeCommitmentAsync(new NewCommitment(world.Id, "p1.do.coffee", Dimension.Relational, member.Id, member.Id, null, 1), Seed.Now, None);
        await test.Database.MarkCommitmentDoneAsync(world.Id, 1, member.Id, Seed.Now, None);

        await test.Database.ForgetMemberAsync(person.Identity, None);

        var kept = Assert.Single(await test.Database.ListCommitmentsAsync(world.Id, None));
        Assert.Equal((null, null, null, CommitmentStatus.Kept), (kept.OwnerMemberId, kept.OwnerName, kept.MadeByMemberId, kept.Status));
        var cells = await test.AllCellsAsync();
        Assert.DoesNotContain(cells, c => c.Value.Contains(member.Id.ToString(), StringComparison.OrdinalIgnoreCase));

        await test.Database.DeleteAllianceAsync(world.Id, None);
        Assert.Empty(await test.Database.ListCommitmentsAsync(world.Id, None));
    }
}
