using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

public class ResponseTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FiftyParallelWritersLoseNothingAndDuplicateNothing(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 25);
        var round = await seed.RoundAsync(world.Id);
        var at = round.OpenedAt.AddHours(1);

        // Every member submits twice at once (a retried card submit), all fifty at the same time.
        var writes = world.Members.SelectMany((m, i) => Enumerable.Repeat(m.Member, 2).Select(member => Task.Run(() =>
            test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = i % 5 + 1, ["r1"] = (i + 2) % 5 + 1 }, at, None))));
        var outcomes = await Task.WhenAll(writes);

        var answers = await test.Database.ListRoundAnswersAsync(round.Id, None);
        Assert.Equal(50, world.Members.Count);
        Assert.Equal(100, answers.Count);
        Assert.Equal(50, answers.Select(a => a.RespondentKey).Distinct().Count());
        Assert.Equal(50, outcomes.Count(o => o == RecordOutcome.Recorded));
        Assert.Equal(50, outcomes.Count(o => o == RecordOutcome.Unchanged));
        Assert.Equal(Enumerable.Range(0, 50).Sum(i => i % 5 + 1), answers.Where(a => a.ItemId == "c1").Sum(a => a.Value));
        Assert.Equal([world.Created.Creator.Id], (await test.Database.ListNonRespondentsAsync(round.Id, None)).Select(r => r.MemberId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnswersAreEditableUntilTheRoundClosesThenRefused(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(world.Id);
        var member = world.Members[0].Member;
        var at = round.OpenedAt.AddHours(1);

        Assert.Equal(RecordOutcome.Recorded, await test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 2 }, at, None));
        Assert.Equal(RecordOutcome.Unchanged, await test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 2 }, at, None));
        Assert.Equal(RecordOutcome.Recorded, await test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 4 }, at.AddHours(1), None));
        Assert.Equal(RecordOutcome.Recorded, await test.Database.RecordCommentAsync(round.Id, member.Id, "Meer koffie langs de snelweg", at, None));
        Assert.Equal(RecordOutcome.Recorded, await test.Database.RecordCommentAsync(round.Id, member.Id, "More coffee along the motorway", at, None));
        await test.Database.CloseRoundAsync(round.Id, "{}", at.AddDays(1), None);
        Assert.Equal(RecordOutcome.RoundClosed, await test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 1 }, at.AddDays(1), None));
        Assert.Equal(RecordOutcome.RoundClosed, await test.Database.RecordCommentAsync(round.Id, member.Id, "late", at.AddDays(1), None));

        var mine = await test.Database.GetMyAnswersAsync(round.Id, member.Id, None);
        Assert.Equal(new Dictionary<string, int> { ["c1"] = 4 }, mine.Answers);
        Assert.Equal("More coffee along the motorway", mine.Comment);
        Assert.Equal(RecordOutcome.RoundClosed, await test.Database.RecordAnswersAsync((await seed.RoundAsync(world.Id, "past")).Id, member.Id, new Dictionary<string, int> { ["c1"] = 3 }, Seed.Now.AddDays(30), None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadAnswersAreTypedErrorsAndNothingIsStored(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var other = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(world.Id);
        var member = world.Members[0].Member;
        var at = round.OpenedAt;

        async Task<StorageErrorKind> Kind(Func<Task> act) => (await Assert.ThrowsAsync<StorageException>(act)).Kind;

        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 0 }, at, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 6 }, at, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.RecordAnswersAsync(round.Id, member.Id,
            new Dictionary<string, int> { ["c1"] = 3, ["r1"] = 9 }, at, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { [new string('i', 65)] = 3 }, at, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.RecordCommentAsync(round.Id, member.Id, new string('c', 4001), at, None)));
        Assert.Equal(StorageErrorKind.NotFound, await Kind(() => test.Database.RecordAnswersAsync(Guid.NewGuid(), member.Id, new Dictionary<string, int> { ["c1"] = 3 }, at, None)));
        Assert.Equal(StorageErrorKind.NotFound, await Kind(() => test.Database.RecordAnswersAsync(round.Id, Guid.NewGuid(), new Dictionary<string, int> { ["c1"] = 3 }, at, None)));
        Assert.Equal(StorageErrorKind.Conflict, await Kind(() => test.Database.RecordAnswersAsync(round.Id, other.Members[0].Member.Id, new Dictionary<string, int> { ["c1"] = 3 }, at, None)));
        Assert.Empty(await test.Database.ListRoundAnswersAsync(round.Id, None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NonRespondentsAndAnonymousAnswersNeverExposeMemberIds(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 2);
        var round = await seed.RoundAsync(world.Id);
        var answered = world.Members.Take(3).Select(m => m.Member).ToList();
        foreach (var member in answered)
        {
            await test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 3, ["r1"] = 4 }, round.OpenedAt, None);
        }

        await test.Database.AddMemberAsync(new NewMember(world.Id, world.Partner(0).Id, (await seed.PersonAsync()).Id), round.OpenedAt.AddMinutes(5), None);

        var waiting = await test.Database.ListNonRespondentsAsync(round.Id, None);
        var anonymous = await test.Database.ListRoundAnswersAsync(round.Id, None);
        var again = await test.Database.ListRoundAnswersAsync(round.Id, None);

        Assert.Equal(world.Members.Skip(3).Select(m => m.Member.Id).Append(world.Created.Creator.Id).Order(), waiting.Select(w => w.MemberId).Order());
        Assert.Equal(6, anonymous.Count);
        var ids = world.Members.SelectMany(m => new[] { m.Member.Id.ToString(), m.Member.Id.ToString("N"), m.Contact.Id.ToString() }).ToList();
        Assert.DoesNotContain(anonymous, a => ids.Any(id => a.RespondentKey.Contains(id, StringComparison.OrdinalIgnoreCase) || id.Contains(a.RespondentKey, StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(anonymous.Select(a => a.RespondentKey).Intersect(again.Select(a => a.RespondentKey)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CommentsCarryNoMemberIdAndStayHiddenBelowTheCommentThreshold(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 5);
        var round = await seed.RoundAsync(world.Id);
        for (var i = 0; i < 9; i++)
        {
            await test.Database.RecordCommentAsync(round.Id, world.Members[i].Member.Id, $"comment {i}", round.OpenedAt, None);
        }

        var nine = await test.Database.ListCommentsAsync(round.Id, None);
        await test.Database.RecordCommentAsync(round.Id, world.Members[9].Member.Id, "comment 9", round.OpenedAt, None);
        var ten = await test.Database.ListCommentsAsync(round.Id, None);

        Assert.Equal(new RoundComments(9, true, []), nine);
        Assert.Equal((10, false), (ten.Count, ten.Suppressed));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"comment {i}").Order(), ten.Texts.Order());
        var cells = await test.AllCellsAsync();
        var memberIds = world.Members.Select(m => m.Member.Id.ToString()).ToList();
        Assert.DoesNotContain(cells, c => c.Table == "comments" && memberIds.Any(id => c.Value.Contains(id, StringComparison.OrdinalIgnoreCase)));
    }
}
