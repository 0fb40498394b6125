using AllianceBot.Data.Privacy;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using AllianceBot.Trust;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 13: "don't know / not applicable" (migration 0006, table dont_know_answers). Acknowledged = stored, idempotent
/// like a score, switchable to a score and back while the round is open; counted as participation and per item, never
/// as a score. Runs on SQLite and on PostgreSQL (ALLIANCEBOT_TEST_POSTGRES).
/// </summary>
public class DontKnowTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string Calculative = ItemBank.Default.Anchor(Dimension.Calculative).Id;
    private static readonly string Relational = ItemBank.Default.Anchor(Dimension.Relational).Id;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADontKnowIsStoredIdempotentAndSwitchesToAScoreAndBackWhileTheRoundIsOpen(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(world.Id);
        var member = world.Members[0].Member;
        var at = round.OpenedAt.AddHours(1);

        Assert.Equal(RecordOutcome.Recorded, await test.Database.RecordAnswerAsync(round.Id, member.Id, "c1", AnswerValue.DontKnow, at, None));
        Assert.Equal(RecordOutcome.Unchanged, await test.Database.RecordAnswerAsync(round.Id, member.Id, "c1", AnswerValue.DontKnow, at.AddMinutes(1), None));
        Assert.Equal(new Dictionary<string, int> { ["c1"] = AnswerValue.DontKnow }, (await test.Database.GetMyAnswersAsync(round.Id, member.Id, None)).Answers);
        Assert.Equal([("c1", AnswerValue.DontKnow)], (await test.Database.ListRoundAnswersAsync(round.Id, None)).Select(a => (a.ItemId, a.Value)));
        // Answered only "don't know": answered all the same, so no reminder (the others still get one).
        var waiting = (await test.Database.ListNonRespondentsAsync(round.Id, None)).Select(r => r.MemberId).ToList();
        Assert.DoesNotContain(member.Id, waiting);
        Assert.Contains(world.Members[1].Member.Id, waiting);

        // To a score: the don't-know is gone (one answer per item), and back again.
        Assert.Equal(RecordOutcome.Recorded, await test.Database.RecordAnswerAsync(round.Id, member.Id, "c1", 4, at.AddHours(1), None));
        Assert.Equal([("c1", 4)], (await test.Database.ListRoundAnswersAsync(round.Id, None)).Select(a => (a.ItemId, a.Value)));
        Assert.Equal(RecordOutcome.Unchanged, await test.Database.RecordAnswerAsync(round.Id, member.Id, "c1", 4, at.AddHours(1), None));
        var back = await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = AnswerValue.DontKnow, ["r1"] = 5 }, null, at.AddHours(2), None);
        Assert.Equal(RecordOutcome.Recorded, back.Outcome);
        Assert.Equal(new Dictionary<string, int> { ["c1"] = AnswerValue.DontKnow, ["r1"] = 5 }, back.Stored.Answers);
        var again = await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = AnswerValue.DontKnow, ["r1"] = 5 }, null, at.AddHours(3), None);
        Assert.Equal(RecordOutcome.Unchanged, again.Outcome);
        Assert.Equal([("c1", AnswerValue.DontKnow), ("r1", 5)],
            (await test.Database.ListRoundAnswersAsync(round.Id, None)).Select(a => (a.ItemId, a.Value)).OrderBy(a => a.ItemId, StringComparer.Ordinal));

        // After the close nothing changes, a don't-know as little as a score.
        await test.Database.CloseRoundAsync(round.Id, "{}", at.AddDays(1), None);
        Assert.Equal(RecordOutcome.RoundClosed, await test.Database.RecordAnswerAsync(round.Id, member.Id, "c1", 2, at.AddDays(1), None));
        Assert.Equal(new Dictionary<string, int> { ["c1"] = AnswerValue.DontKnow, ["r1"] = 5 }, (await test.Database.GetMyAnswersAsync(round.Id, member.Id, None)).Answers);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OutOfRangeValuesAreRefusedAndNothingIsStored(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(world.Id);
        var member = world.Members[0].Member;

        foreach (var bad in new[] { 0, 6, 7, -2, int.MinValue })
        {
            var error = await Assert.ThrowsAsync<StorageException>(() => test.Database.SubmitPulseAsync(round.Id, member.Id,
                new Dictionary<string, int> { ["c1"] = AnswerValue.DontKnow, ["r1"] = bad }, null, round.OpenedAt, None));
            Assert.Equal(StorageErrorKind.InvalidInput, error.Kind);
            Assert.Contains("don't know", error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await test.Database.ListRoundAnswersAsync(round.Id, None));
        Assert.Empty((await test.Database.GetMyAnswersAsync(round.Id, member.Id, None)).Answers);
    }

    /// <summary>
    /// Half of the people say "don't know" to both anchors: the frozen means are those of the scored half alone (a
    /// don't-know stored as a number would pull them toward 3), and the don't-know people count as respondents.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DontKnowsAreCountedAsParticipationButNeverPullTheMean(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 6, partners: ["Acme", "Globex"]);
        var round = await seed.RoundAsync(world.Id, "dk", Seed.Now.AddDays(-1));
        for (var i = 0; i < world.Members.Count; i++)
        {
            var answers = i % 2 == 0
                ? new Dictionary<string, int> { [Calculative] = 5, [Relational] = 4 + i % 4 / 2 }
                : new Dictionary<string, int> { [Calculative] = AnswerValue.DontKnow, [Relational] = AnswerValue.DontKnow };
            await test.Database.RecordAnswersAsync(round.Id, world.Members[i].Member.Id, answers, round.OpenedAt, None);
        }

        // No reminder for anyone who answered: a member who answered only "don't know" has answered.
        var waiting = (await test.Database.ListNonRespondentsAsync(round.Id, None)).Select(r => r.MemberId).ToList();
        Assert.DoesNotContain(waiting, id => world.Members.Any(m => m.Member.Id == id));

        await test.Database.CloseRoundAsync(round.Id, "{}", round.ClosesAt, None);
        var frozen = await test.Database.GetFrozenRoundAsync((await test.Database.GetRoundAsync(round.Id, None))!, None);

        Assert.Equal(12, frozen.Respondents);
        var calculative = frozen.Cell(RoundSnapshot.All, RoundSnapshot.Calculative)!;
        Assert.Equal((6, true, 5.0), (calculative.N, calculative.Shown, calculative.Mean!.Value));
        var relational = frozen.Cell(RoundSnapshot.All, RoundSnapshot.Relational)!;
        Assert.Equal(6, relational.N);
        Assert.Equal(new[] { 4.0, 5, 4, 5, 4, 5 }.Average(), relational.Mean!.Value, 10);
        Assert.Equal(6, frozen.Cell(RoundSnapshot.All, RoundSnapshot.DontKnowPrefix + Calculative)!.N);
        Assert.Equal([new DontKnowCount(Calculative, 6, 12), new DontKnowCount(Relational, 6, 12)],
            RoundSnapshot.DontKnows(frozen).OrderBy(d => d.ItemId, StringComparer.Ordinal));
        Assert.DoesNotContain(frozen.Cells, c => c.Measure.StartsWith(RoundSnapshot.DontKnowPrefix, StringComparison.Ordinal) && c.Slice != RoundSnapshot.All);

        // The export: the anchor's mean over the scored half, and the don't-know count on the "all" line only.
        var lines = (await test.Database.ExportAggregatesAsync(world.Id, None)).Where(l => l.ItemId == Calculative).ToList();
        Assert.Equal(new AggregateLine(1, round.ClosesAt, ExportAggregatesUseCase.AllPartners, Calculative, 6, 5.0, 6), lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Null(l.DontKnow));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BelowKRespondentsNoDontKnowCountIsShown(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 2);
        var round = await seed.RoundAsync(world.Id, "few", Seed.Now.AddDays(-1));
        foreach (var (_, member) in world.Members)
        {
            await test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { [Calculative] = AnswerValue.DontKnow, [Relational] = 4 }, round.OpenedAt, None);
        }

        await test.Database.CloseRoundAsync(round.Id, "{}", round.ClosesAt, None);
        var frozen = await test.Database.GetFrozenRoundAsync((await test.Database.GetRoundAsync(round.Id, None))!, None);

        Assert.True(frozen.Respondents < frozen.K);
        Assert.False(frozen.Cell(RoundSnapshot.All, RoundSnapshot.DontKnowPrefix + Calculative)!.Shown);
        Assert.Empty(RoundSnapshot.DontKnows(frozen));
        Assert.All(await test.Database.ExportAggregatesAsync(world.Id, None), l => Assert.Null(l.DontKnow));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ForgetMeDeletesDontKnowsAndDeletingTheAllianceLeavesNone(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 2);
        var round = await seed.RoundAsync(world.Id, "open", Seed.Now.AddDays(30));
        var (person, member) = world.Members[0];
        await test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = AnswerValue.DontKnow, ["r1"] = AnswerValue.DontKnow, ["r2"] = 3 }, round.OpenedAt, None);
        await test.Database.RecordAnswersAsync(round.Id, world.Members[1].Member.Id, new Dictionary<string, int> { ["c1"] = AnswerValue.DontKnow }, round.OpenedAt, None);

        var report = await test.Database.ForgetMemberAsync(person.Identity, None);

        Assert.Equal(3, report.Answers);
        Assert.DoesNotContain(await test.AllCellsAsync(), c => c.Table == "dont_know_answers" && c.Value.Contains(member.Id.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.Single(await test.Database.ListRoundAnswersAsync(round.Id, None));

        await test.Database.DeleteAllianceAsync(world.Id, None);
        Assert.DoesNotContain(await test.AllCellsAsync(), c => c.Table == "dont_know_answers");
    }
}
