using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Tests.Support;
using AllianceBot.Trust;
using Dapper;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 13's paired balance lives in the frozen snapshot as one more measure ("balance": per respondent relational −
/// calculative, n, mean, SD): stored at close and recomputed when a round is frozen late, with no schema change.
/// </summary>
public class BalanceSnapshotTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheClosedRoundKeepsThePairedBalanceAndALateFreezeRecomputesIt(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 3, partners: ["Acme", "Globex"]);
        var round = await seed.RoundAsync(world.Id, "balance", Seed.Now.AddDays(-1));
        var calculative = ItemBank.Default.Anchor(Dimension.Calculative).Id;
        var relational = ItemBank.Default.Anchor(Dimension.Relational).Id;
        for (var i = 0; i < world.Members.Count; i++)
        {
            await test.Database.RecordAnswersAsync(round.Id, world.Members[i].Member.Id,
                new Dictionary<string, int> { [calculative] = 3, [relational] = 3 + i % 2 }, round.OpenedAt, None);
        }

        await test.Database.CloseRoundAsync(round.Id, "{}", round.ClosesAt, None);
        var closed = (await test.Database.GetRoundAsync(round.Id, None))!;
        AssertBalance(await test.Database.GetFrozenRoundAsync(closed, None));

        // A round closed before its snapshot existed is frozen at its first read, balance included.
        await using (var connection = await test.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM round_snapshots WHERE round_id = @Id", new { closed.Id });
            await connection.ExecuteAsync("UPDATE rounds SET frozen_k = NULL WHERE id = @Id", new { closed.Id });
        }

        AssertBalance(await test.Database.GetFrozenRoundAsync(closed, None));
    }

    private static void AssertBalance(FrozenRound frozen)
    {
        var balance = frozen.Cell(RoundSnapshot.All, RoundSnapshot.Balance)!;
        Assert.True(balance.Shown);
        Assert.Equal(6, balance.N);
        Assert.Equal(0.5, balance.Mean!.Value, 10);
        Assert.Equal(Math.Sqrt(0.3), balance.StandardDeviation!.Value, 10);
    }
}
