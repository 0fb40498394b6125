using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 18: on PostgreSQL a pulse submission is one statement (round lock, member check, upserts, don't-know switch,
/// comment) instead of five round trips. Every outcome must stay what the step-by-step path gives — the same
/// expectations on every provider: stored, unchanged on a repeat, the comment kept or replaced, refused when the
/// round has closed or the closing time has passed, refused for a removed member, another alliance's member, an
/// unknown round or member, and nothing stored by any refusal.
/// </summary>
public class SubmitPulseOutcomeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StoredUnchangedCommentKeptAndSwitchedToDontKnow(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(world.Id);
        var member = world.Members[0].Member;
        var at = round.OpenedAt.AddHours(1);

        var first = await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["calc-anchor"] = 4, ["rel-anchor"] = 2 }, "well done", at, None);
        Assert.Equal(RecordOutcome.Recorded, first.Outcome);
        Assert.Equal("well done", first.Stored.Comment);
        Assert.Equal(new Dictionary<string, int> { ["calc-anchor"] = 4, ["rel-anchor"] = 2 }, first.Stored.Answers);

        // The same again: nothing changed. Without a comment the one stored comes back.
        var repeat = await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["calc-anchor"] = 4, ["rel-anchor"] = 2 }, null, at.AddMinutes(1), None);
        Assert.Equal(RecordOutcome.Unchanged, repeat.Outcome);
        Assert.Equal("well done", repeat.Stored.Comment);
        Assert.Equal(RecordOutcome.Unchanged, (await test.Database.SubmitPulseAsync(round.Id, member.Id,
            new Dictionary<string, int> { ["calc-anchor"] = 4 }, "well done", at.AddMinutes(2), None)).Outcome);

        // Only the comment changes: recorded.
        var comment = await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["calc-anchor"] = 4 }, "even better", at.AddMinutes(3), None);
        Assert.Equal(RecordOutcome.Recorded, comment.Outcome);
        Assert.Equal("even better", (await test.Database.GetMyAnswersAsync(round.Id, member.Id, None)).Comment);

        // A score to "don't know" and the other to a score: one answer per item, both kinds in one submission.
        var switched = await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["calc-anchor"] = AnswerValue.DontKnow, ["rel-anchor"] = 5 }, null, at.AddMinutes(4), None);
        Assert.Equal(RecordOutcome.Recorded, switched.Outcome);
        Assert.Equal("even better", switched.Stored.Comment);
        Assert.Equal([("calc-anchor", AnswerValue.DontKnow), ("rel-anchor", 5)],
            (await test.Database.ListRoundAnswersAsync(round.Id, None)).Select(a => (a.ItemId, a.Value)).OrderBy(a => a.ItemId, StringComparer.Ordinal));
        Assert.Equal(RecordOutcome.Unchanged, (await test.Database.SubmitPulseAsync(round.Id, member.Id,
            new Dictionary<string, int> { ["calc-anchor"] = AnswerValue.DontKnow }, null, at.AddMinutes(5), None)).Outcome);
        Assert.Equal(RecordOutcome.Recorded, (await test.Database.SubmitPulseAsync(round.Id, member.Id,
            new Dictionary<string, int> { ["calc-anchor"] = 1 }, null, at.AddMinutes(6), None)).Outcome);
        Assert.Equal([("calc-anchor", 1), ("rel-anchor", 5)],
            (await test.Database.ListRoundAnswersAsync(round.Id, None)).Select(a => (a.ItemId, a.Value)).OrderBy(a => a.ItemId, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RefusalsAreTheSameAndStoreNothing(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 2);
        var other = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(world.Id);
        var (member, removed, outsider) = (world.Members[0].Member, world.Members[1].Member, other.Members[0].Member);
        var at = round.OpenedAt.AddHours(1);
        var answers = new Dictionary<string, int> { ["calc-anchor"] = 3 };
        await test.Database.RemoveMemberAsync(removed.Id, at, None);

        Assert.Equal(StorageErrorKind.NotFound, (await Assert.ThrowsAsync<StorageException>(() =>
            test.Database.SubmitPulseAsync(Guid.NewGuid(), member.Id, answers, "x", at, None))).Kind);
        Assert.Equal(StorageErrorKind.NotFound, (await Assert.ThrowsAsync<StorageException>(() =>
            test.Database.SubmitPulseAsync(round.Id, Guid.NewGuid(), answers, "x", at, None))).Kind);
        Assert.Equal(StorageErrorKind.Conflict, (await Assert.ThrowsAsync<StorageException>(() =>
            test.Database.SubmitPulseAsync(round.Id, outsider.Id, answers, "x", at, None))).Kind);
        Assert.Equal(StorageErrorKind.Conflict, (await Assert.ThrowsAsync<StorageException>(() =>
            test.Database.SubmitPulseAsync(round.Id, removed.Id, answers, "x", at, None))).Kind);

        // Past the closing time (not yet closed by the job), and after the close: refused, nothing stored.
        var late = await test.Database.SubmitPulseAsync(round.Id, member.Id, answers, "late", round.ClosesAt, None);
        Assert.Equal(RecordOutcome.RoundClosed, late.Outcome);
        Assert.Empty(late.Stored.Answers);
        await test.Database.CloseRoundAsync(round.Id, "{}", at.AddMinutes(1), None);
        Assert.Equal(RecordOutcome.RoundClosed, (await test.Database.SubmitPulseAsync(round.Id, member.Id, answers, "closed", at.AddMinutes(2), None)).Outcome);

        Assert.Empty(await test.Database.ListRoundAnswersAsync(round.Id, None));
        foreach (var who in new[] { member, removed, outsider })
        {
            var mine = await test.Database.GetMyAnswersAsync(round.Id, who.Id, None);
            Assert.Empty(mine.Answers);
            Assert.Null(mine.Comment);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AClosingRoundWaitsForAnswersInFlightAndEveryAcknowledgedAnswerIsInItsSnapshot(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 20);
        var round = await seed.RoundAsync(world.Id);
        var at = round.OpenedAt.AddHours(1);

        // Forty members submit at once while the round closes among them.
        var submissions = world.Members.Select((m, i) => Task.Run(async () => (m.Member.Id, (await test.Database.SubmitPulseAsync(round.Id, m.Member.Id,
            new Dictionary<string, int> { ["calc-anchor"] = i % 5 + 1, ["rel-anchor"] = AnswerValue.DontKnow }, $"comment {i}", at, None)).Outcome))).ToList();
        var close = Task.Run(async () =>
        {
            await Task.Yield();
            return await test.Database.CloseRoundAsync(round.Id, "{}", at.AddMinutes(1), None);
        });
        var outcomes = await Task.WhenAll(submissions);
        Assert.Equal(CloseRoundOutcome.Closed, await close);

        var acknowledged = outcomes.Where(o => o.Outcome == RecordOutcome.Recorded).Select(o => o.Id).ToHashSet();
        Assert.All(outcomes, o => Assert.Contains(o.Outcome, new[] { RecordOutcome.Recorded, RecordOutcome.RoundClosed }));
        var stored = new HashSet<Guid>();
        foreach (var (memberId, _) in outcomes)
        {
            var mine = await test.Database.GetMyAnswersAsync(round.Id, memberId, None);
            if (mine.Answers.Count > 0)
            {
                Assert.Equal(2, mine.Answers.Count);
                Assert.NotNull(mine.Comment);
                stored.Add(memberId);
            }
        }

        // Stored exactly when acknowledged, and the snapshot frozen by the close counts every one of them: no answer
        // slipped in after the close.
        Assert.Equal(acknowledged, stored);
        await using var connection = await test.OpenAsync();
        var respondents = await Dapper.SqlMapper.ExecuteScalarAsync<long?>(connection,
            "SELECT n FROM round_snapshots WHERE round_id = @roundId AND slice = @slice AND measure = @measure",
            new { roundId = round.Id, slice = AllianceBot.Trust.RoundSnapshot.All, measure = AllianceBot.Trust.RoundSnapshot.Respondents });
        Assert.Equal(acknowledged.Count, respondents ?? 0);
    }
}
