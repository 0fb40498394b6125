using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

public class RoundTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoInstancesOpeningTheSameSlotOpenOneRound(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();
        var request = new NewRound(world.Id, "2026-12", RoundKind.Full, """["c1","r1"]""", Seed.Now, Seed.Now.AddDays(7));

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => test.Database.OpenRoundAsync(request, None))));
        var next = await test.Database.OpenRoundAsync(request with { SlotKey = "2027-01", OpenedAt = Seed.Now.AddDays(30), ClosesAt = Seed.Now.AddDays(37) }, None);

        Assert.Single(opened, o => o.Created);
        Assert.Single(opened.Select(o => o.Round.Id).Distinct());
        Assert.Equal((1, RoundKind.Full, """["c1","r1"]"""), (opened[0].Round.Number, opened[0].Round.Kind, opened[0].Round.ItemsJson));
        Assert.Equal(2, next.Round.Number);
        Assert.Equal(next.Round, await test.Database.GetOpenRoundAsync(world.Id, None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ClosingStoresTheResultOnceAndClosedRoundsComeBackOldestFirst(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync();
        var rounds = new List<Round>();
        for (var i = 0; i < 4; i++)
        {
            rounds.Add(await seed.RoundAsync(world.Id, $"slot-{i}", Seed.Now.AddDays(30 * i)));
        }

        await test.Database.SetInvitedCountAsync(rounds[0].Id, 12, None);
        var outcomes = new List<CloseRoundOutcome>();
        foreach (var round in rounds.Take(3))
        {
            outcomes.Add(await test.Database.CloseRoundAsync(round.Id, $$"""{"round":{{round.Number}}}""", round.ClosesAt, None));
        }

        var again = await test.Database.CloseRoundAsync(rounds[0].Id, """{"round":"overwritten"}""", Seed.Now.AddDays(90), None);
        var lastTwo = await test.Database.ListClosedRoundsAsync(world.Id, 2, None);
        var first = await test.Database.GetRoundAsync(rounds[0].Id, None);

        Assert.All(outcomes, o => Assert.Equal(CloseRoundOutcome.Closed, o));
        Assert.Equal(CloseRoundOutcome.AlreadyClosed, again);
        Assert.Equal((12, """{"round":1}""", rounds[0].ClosesAt), (first!.InvitedCount, first.ResultJson, first.ClosedAt));
        Assert.Equal([2, 3], lastTwo.Select(r => r.Number));
        Assert.Equal(rounds[3].Id, (await test.Database.GetOpenRoundAsync(world.Id, None))!.Id);
        Assert.Equal(StorageErrorKind.NotFound, (await Assert.ThrowsAsync<StorageException>(() => test.Database.CloseRoundAsync(Guid.NewGuid(), "{}", Seed.Now, None))).Kind);
        Assert.Equal(StorageErrorKind.NotFound, (await Assert.ThrowsAsync<StorageException>(() =>
            test.Database.OpenRoundAsync(new NewRound(Guid.NewGuid(), "x", RoundKind.Regular, "[]", Seed.Now, Seed.Now.AddDays(1)), None))).Kind);
        Assert.Equal(StorageErrorKind.InvalidInput, (await Assert.ThrowsAsync<StorageException>(() =>
            test.Database.OpenRoundAsync(new NewRound(world.Id, "x", RoundKind.Regular, "[]", Seed.Now, Seed.Now), None))).Kind);
    }
}
