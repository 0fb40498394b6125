using AllianceBot.Data.Alliances;
using AllianceBot.Data.Audit;
using AllianceBot.Data.DialogStates;
using AllianceBot.Data.JoinCodes;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using AllianceBot.Trust;

namespace AllianceBot.Data.Tests;

public class PrivacyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ForgetMeLeavesNoRowInAnyTableThatNamesThePerson(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 3);
        var second = await seed.AllianceAsync(membersPerPartner: 1);
        var (person, member) = world.Members[0];
        var otherMember = await test.Database.AddMemberAsync(new NewMember(second.Id, second.Partner(0).Id, person.Id), Seed.Now, None);
        await test.Database.SetRoleAsync(member.Id, MemberRole.Manager, None);

        // The person leaves traces everywhere: answers and comments in open and closed rounds, outbox, audit, phases...
        var closed = await seed.RoundAsync(world.Id, "closed");
        var open = await seed.RoundAsync(world.Id, "open", Seed.Now.AddDays(30));
        var elsewhere = await seed.RoundAsync(second.Id, "elsewhere");
        foreach (var (round, m) in new[] { (closed, member), (open, member), (elsewhere, otherMember) })
        {
            await test.Database.RecordAnswersAsync(round.Id, m.Id, new Dictionary<string, int> { ["c1"] = 2, ["r1"] = 5 }, round.OpenedAt, None);
            await test.Database.RecordCommentAsync(round.Id, m.Id, "my words", round.OpenedAt, None);
        }

        foreach (var (_, other) in world.Members.Skip(1))
        {
            await test.Database.RecordAnswersAsync(closed.Id, other.Id, new Dictionary<string, int> { ["c1"] = 4 }, closed.OpenedAt, None);
            await test.Database.RecordAnswersAsync(open.Id, other.Id, new Dictionary<string, int> { ["c1"] = 4 }, open.OpenedAt, None);
        }

        await test.Database.CloseRoundAsync(closed.Id, """{"respondents":6}""", closed.ClosesAt, None);
        await new OutboxStore(test.Database).EnqueueAsync([
            new NewOutboxMessage("pulse", world.Id, open.Id, member.Id, "msteams", "tenant-a", $$"""{"userId":"{{person.Identity.UserId}}"}""", "{}", Seed.Now),
            new NewOutboxMessage("alert", world.Id, open.Id, null, "msteams", "tenant-a", $$"""{"userId":"{{person.Identity.UserId}}"}""", "{}", Seed.Now)], None);
        await test.Database.SetPhaseAsync(world.Id, Phase.Confirmation, person.Id, "agreed", Seed.Now, None);
        await test.Database.RecordAuditAsync(new AuditEntry(world.Id, person.Id, "phase.set", """{"phase":2}""", Seed.Now), None);
        await test.Database.RecordAuditAsync(new AuditEntry(world.Id, world.Creator.Id, "member.promote", "{}", Seed.Now, member.Id), None);
        await test.Database.CreateJoinCodeAsync(Seed.JoinCodes, new NewJoinCode(world.Id, world.Partner(0).Id, MemberRole.Member, Seed.Now.AddDays(3), person.Id), Seed.Now, None);
        await test.Database.RecordFailedJoinAttemptAsync(person.Identity, Seed.Now, Seed.Now, None);
        await test.Database.SaveDialogStateAsync(person.Identity, "pulse", "{}", Seed.Now, Seed.Now.AddDays(1), None);
        var tablesBefore = (await test.AllCellsAsync()).Where(c => Names(person, member, otherMember).Any(n => c.Value.Contains(n, StringComparison.OrdinalIgnoreCase)))
            .Select(c => c.Table).Distinct().Count();

        var report = await test.Database.ForgetMemberAsync(person.Identity, None);

        var leftovers = (await test.AllCellsAsync())
            .Where(c => Names(person, member, otherMember).Any(n => c.Value.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.Empty(leftovers);
        Assert.True(tablesBefore >= 9, $"only {tablesBefore} tables named the person before; the test would prove little");
        Assert.Equal(new ForgetReport(true, 2, 6, 3, 2), report);
        Assert.Null(await seed.Contacts.FindAsync(person.Identity, None));
        Assert.Equal(world.Members.Count - 1, (await test.Database.ListRoundAnswersAsync(open.Id, None)).Select(a => a.RespondentKey).Distinct().Count());
        Assert.Equal("""{"respondents":6}""", (await test.Database.GetRoundAsync(closed.Id, None))!.ResultJson);
        Assert.Equal(2, (await test.Database.GetPhaseHistoryAsync(world.Id, None)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeletingAnAllianceLeavesNoRowOfItAndKeepsTheOtherAlliance(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var doomed = await seed.AllianceAsync(membersPerPartner: 2);
        var kept = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(doomed.Id);
        await test.Database.RecordAnswersAsync(round.Id, doomed.Members[0].Member.Id, new Dictionary<string, int> { ["c1"] = 3 }, round.OpenedAt, None);
        await test.Database.RecordCommentAsync(round.Id, doomed.Members[0].Member.Id, "bye", round.OpenedAt, None);
        await test.Database.TryRecordAlertAsync(doomed.Id, round.Id, "drop", Seed.Now, None);
        await test.Database.RecordAuditAsync(new AuditEntry(doomed.Id, doomed.Creator.Id, "x", null, Seed.Now), None);
        await test.Database.CreateJoinCodeAsync(Seed.JoinCodes, new NewJoinCode(doomed.Id, doomed.Partner(0).Id, MemberRole.Member, Seed.Now.AddDays(1), doomed.Creator.Id), Seed.Now, None);
        await new OutboxStore(test.Database).EnqueueAsync([new NewOutboxMessage("pulse", doomed.Id, round.Id, doomed.Members[0].Member.Id, "msteams", "t", "{}", "{}", Seed.Now)], None);
        var ids = new[] { doomed.Id, round.Id }.Concat(doomed.Created.Partners.Select(p => p.Id)).Concat(doomed.Members.Select(m => m.Member.Id))
            .Select(id => id.ToString()).ToList();

        await test.Database.DeleteAllianceAsync(doomed.Id, None);

        Assert.DoesNotContain(await test.AllCellsAsync(), c => ids.Any(id => c.Value.Contains(id, StringComparison.OrdinalIgnoreCase)));
        Assert.NotNull(await test.Database.GetAllianceAsync(kept.Id, None));
        Assert.Equal(3, (await test.Database.ListRoundMembersAsync(kept.Id, None)).Count);
        Assert.Equal(StorageErrorKind.NotFound, (await Assert.ThrowsAsync<StorageException>(() => test.Database.DeleteAllianceAsync(doomed.Id, None))).Kind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheCsvExportHasMeansAboveKAndNoRawAnswers(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 0, partners: ["KPN", "Cisco", "=HYPERLINK(\"x\")"]);
        var partners = world.Created.Partners;
        var sizes = new[] { 6, 7, 2 };
        var members = new List<(Guid Partner, Guid Member)>();
        for (var p = 0; p < 3; p++)
        {
            for (var i = 0; i < sizes[p]; i++)
            {
                var contact = await seed.PersonAsync();
                members.Add((partners[p].Id, (await test.Database.AddMemberAsync(new NewMember(world.Id, partners[p].Id, contact.Id), Seed.Now, None)).Id));
            }
        }

        var round = await seed.RoundAsync(world.Id);
        var open = await seed.RoundAsync(world.Id, "still-open", Seed.Now.AddDays(30));
        for (var i = 0; i < members.Count; i++)
        {
            await test.Database.RecordAnswersAsync(round.Id, members[i].Member, new Dictionary<string, int> { ["c1"] = i % 2 == 0 ? 4 : 3 }, round.OpenedAt, None);
            await test.Database.RecordAnswersAsync(open.Id, members[i].Member, new Dictionary<string, int> { ["c1"] = 1 }, open.OpenedAt, None);
        }

        await test.Database.CloseRoundAsync(round.Id, "{}", round.ClosesAt, None);
        var csv = await test.Database.ExportAggregatesCsvAsync(world.Id, None);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("round,closed_at,slice,item,respondents,mean,dont_know", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Equal($"1,{DapperTypeHandlers.ToText(round.ClosesAt)},all,c1,15,3.53,0", lines[1]);
        Assert.Contains(lines, l => l.StartsWith($"1,{DapperTypeHandlers.ToText(round.ClosesAt)},\"'=HYPERLINK(\"\"x\"\")\",c1,suppressed,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",KPN,c1,suppressed,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",Cisco,c1,7,3.57", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(open.Id.ToString(), StringComparison.Ordinal) || l.StartsWith("2,", StringComparison.Ordinal));
        Assert.DoesNotContain(members, m => csv.Contains(m.Member.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RetentionPrunesOldRoundsAndExpiredBookkeeping(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var old = await seed.RoundAsync(world.Id, "old", Seed.Now.AddMonths(-37));
        var recent = await seed.RoundAsync(world.Id, "recent", Seed.Now.AddMonths(-35));
        foreach (var round in new[] { old, recent })
        {
            await test.Database.RecordAnswersAsync(round.Id, world.Members[0].Member.Id, new Dictionary<string, int> { ["c1"] = 3 }, round.OpenedAt, None);
            await test.Database.RecordCommentAsync(round.Id, world.Members[0].Member.Id, "hello", round.OpenedAt, None);
            await test.Database.TryRecordAlertAsync(world.Id, round.Id, "drop", round.OpenedAt, None);
            await test.Database.CloseRoundAsync(round.Id, "{}", round.ClosesAt, None);
        }

        var inbound = new Inbound.InboundDeduplicator(test.Database);
        await inbound.TryBeginAsync("slack", "old-event", Seed.Now.AddDays(-8), None);
        await inbound.TryBeginAsync("slack", "new-event", Seed.Now.AddDays(-1), None);

        var report = await test.Database.PruneAsync(new RetentionPolicy(), Seed.Now, None);

        Assert.Equal(new PruneReport(1, 1, 0, 0, 0), report);
        Assert.Null(await test.Database.GetRoundAsync(old.Id, None));
        Assert.Equal([recent.Id], (await test.Database.ListClosedRoundsAsync(world.Id, 10, None)).Select(r => r.Id));
        Assert.DoesNotContain(await test.AllCellsAsync(), c => c.Value.Contains(old.Id.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.True(await inbound.TryBeginAsync("slack", "old-event", Seed.Now, None));
        Assert.False(await inbound.TryBeginAsync("slack", "new-event", Seed.Now, None));
    }

    private static string[] Names(Contact person, Member member, Member otherMember) =>
        [person.Id.ToString(), member.Id.ToString(), otherMember.Id.ToString(), person.Identity.UserId, person.Reference.AadObjectId!];
}
