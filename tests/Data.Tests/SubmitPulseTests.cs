using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 18: on SQLite a pulse card is now two statements in the usual case (one check that also reads the partner, the
/// stored comment and whether any "don't know" exists; one upsert of every score through json_each), plus the delete of
/// earlier "don't know"s only when there are any. The outcomes must be those of the statement-per-item path, on every
/// provider: a score replaces an earlier "don't know", the earlier comment comes back when none is sent, a retried
/// card changes nothing, and refusals are the same.
/// </summary>
public sealed class SubmitPulseTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACardScoresReplacesEarlierDontKnowsKeepsTheCommentAndRefusesWhatItMust(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 2);
        var round = await seed.RoundAsync(world.Id);
        var member = world.Members[0].Member;
        var other = world.Members[1].Member;
        var at = round.OpenedAt.AddHours(1);

        var first = await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = AnswerValue.DontKnow, ["r1"] = AnswerValue.DontKnow, ["x\"y"] = 3 }, "first words", at, None);
        Assert.Equal(RecordOutcome.Recorded, first.Outcome);
        Assert.Equal("first words", first.Stored.Comment);

        // Scores for both don't-knows, no comment this time: the don't-knows are gone, the earlier comment is shown.
        var scored = await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 4, ["r1"] = 5, ["x\"y"] = 3 }, null, at.AddMinutes(5), None);
        Assert.Equal(RecordOutcome.Recorded, scored.Outcome);
        Assert.Equal("first words", scored.Stored.Comment);
        Assert.Equal(new Dictionary<string, int> { ["c1"] = 4, ["r1"] = 5, ["x\"y"] = 3 }, (await test.Database.GetMyAnswersAsync(round.Id, member.Id, None)).Answers);
        Assert.Equal([("c1", 4), ("r1", 5), ("x\"y", 3)],
            (await test.Database.ListRoundAnswersAsync(round.Id, None)).Select(a => (a.ItemId, a.Value)).OrderBy(a => a.ItemId, StringComparer.Ordinal));

        // The same card again changes nothing; the other member's answer is their own.
        Assert.Equal(RecordOutcome.Unchanged, (await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 4, ["r1"] = 5, ["x\"y"] = 3 }, null, at.AddMinutes(6), None)).Outcome);
        var theirs = await test.Database.SubmitPulseAsync(round.Id, other.Id, new Dictionary<string, int> { ["c1"] = 1 }, null, at.AddMinutes(7), None);
        Assert.Null(theirs.Stored.Comment);
        Assert.Equal(new Dictionary<string, int> { ["c1"] = 1 }, (await test.Database.GetMyAnswersAsync(round.Id, other.Id, None)).Answers);

        // Refusals: an unknown member, a removed member, an unknown round, a closed round.
        var unknown = await Assert.ThrowsAsync<StorageException>(() => test.Database.SubmitPulseAsync(round.Id, Guid.NewGuid(), new Dictionary<string, int> { ["c1"] = 2 }, null, at, None));
        Assert.Equal(StorageErrorKind.NotFound, unknown.Kind);
        var noRound = await Assert.ThrowsAsync<StorageException>(() => test.Database.SubmitPulseAsync(Guid.NewGuid(), member.Id, new Dictionary<string, int> { ["c1"] = 2 }, null, at, None));
        Assert.Equal(StorageErrorKind.NotFound, noRound.Kind);
        await test.Database.RemoveMemberAsync(other.Id, at.AddMinutes(8), None);
        var removed = await Assert.ThrowsAsync<StorageException>(() => test.Database.SubmitPulseAsync(round.Id, other.Id, new Dictionary<string, int> { ["c1"] = 2 }, null, at.AddMinutes(9), None));
        Assert.Equal(StorageErrorKind.Conflict, removed.Kind);
        await test.Database.CloseRoundAsync(round.Id, "{}", at.AddDays(1), None);
        var closed = await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 1 }, "late", at.AddDays(1), None);
        Assert.Equal(RecordOutcome.RoundClosed, closed.Outcome);
        Assert.Equal(new Dictionary<string, int> { ["c1"] = 4, ["r1"] = 5, ["x\"y"] = 3 }, (await test.Database.GetMyAnswersAsync(round.Id, member.Id, None)).Answers);
    }
}
