using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Tests.Support;
using AllianceBot.Trust;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 13's Cronbach's α per dimension lives in the frozen snapshot as more measures ("alpha:&lt;dimension&gt;" with
/// α in the mean column, "alpha-items:&lt;dimension&gt;" with the item count, "anchor-facets:&lt;dimension&gt;" with the
/// anchor–facet correlation), stored when a full round closes; no schema change.
/// </summary>
public class ReliabilitySnapshotTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AClosedFullRoundKeepsAlphaPerDimensionAndReadsItBackAsTheModelComputedIt(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 3, partners: ["Acme", "Globex"]);
        var round = await seed.RoundAsync(world.Id, "alpha", Seed.Now.AddDays(-1));
        var items = ItemBank.Default.Items;
        for (var i = 0; i < world.Members.Count; i++)
        {
            var person = i;
            await test.Database.RecordAnswersAsync(round.Id, world.Members[i].Member.Id,
                items.Select((item, j) => (item.Id, Value: Math.Clamp(2 + person % 4 + (j + person) % 3 / 2, 1, 5))).ToDictionary(x => x.Id, x => x.Value),
                round.OpenedAt, None);
        }

        await test.Database.CloseRoundAsync(round.Id, "{}", round.ClosesAt, None);
        var frozen = await test.Database.GetFrozenRoundAsync((await test.Database.GetRoundAsync(round.Id, None))!, None);

        var reliability = RoundSnapshot.LatestReliability([frozen]);
        Assert.Equal(2, reliability.Count);
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var ids = items.Where(x => x.Dimension == dimension).Select(x => x.Id).ToList();
            var rows = Enumerable.Range(0, world.Members.Count)
                .Select(person => ids.Select(id => (double)Math.Clamp(2 + person % 4 + (items.ToList().FindIndex(x => x.Id == id) + person) % 3 / 2, 1, 5)).ToArray())
                .ToList();
            var stored = reliability.Single(r => r.Dimension == dimension);
            Assert.Equal(AllianceBot.Trust.Statistics.Reliability.CronbachAlpha(rows)!.Value, stored.Alpha, 10);
            Assert.Equal(6, stored.N);
            Assert.Equal(ids.Count, stored.Items);
            // The anchor–facet correlation (issue 13) travels the same way: "anchor-facets:<dimension>", r in the mean column.
            var anchor = ids.IndexOf(ItemBank.Default.Anchor(dimension).Id);
            Assert.NotNull(stored.AnchorFacets);
            Assert.Equal(AllianceBot.Trust.Statistics.Reliability.AnchorFacetCorrelation(rows, anchor)!.Value, stored.AnchorFacets!.Value, 10);
        }
    }
}
