using AllianceBot.Data.Alliances;
using AllianceBot.Data.Audit;
using AllianceBot.Data.DialogStates;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.JoinCodes;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Tests.Support;
using Dapper;
using FsCheck;
using FsCheck.Fluent;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 19: an instant is stored in UTC whatever offset the caller used, and the database compares and orders
/// instants, not their spellings. Found on PostgreSQL (Npgsql refuses an offset other than 0 for timestamptz, so no
/// round opened in Europe/Amsterdam) and on SQLite (a +01:00 text beside +00:00 texts compared wrong by an hour).
/// </summary>
public sealed class UtcStorageTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Offsets callers really pass: both sides of UTC, half and quarter hours, the extremes.</summary>
    private static readonly TimeSpan[] Offsets =
        [.. new[] { -720, -600, -300, -240, -210, 0, 60, 120, 330, 345, 525, 780, 840 }.Select(m => TimeSpan.FromMinutes(m))];

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An instant within a year around the epoch (microseconds: PostgreSQL's resolution) at any offset.</summary>
    private static Gen<DateTimeOffset> Instants =>
        from micros in Gen.Choose(-500_000, 500_000).SelectMany(minutes => Gen.Choose(0, 59_999_999).Select(us => (minutes * 60_000_000L) + us))
        from offset in Gen.Elements(Offsets)
        select Epoch.AddTicks(micros * 10).ToOffset(offset);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnyInstantAtAnyOffsetReadsBackAsTheSameInstantInUtcAndTheDatabaseOrdersByInstant(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var outbox = new OutboxStore(test.Database);
        var cases = Gen.NonEmptyListOf(Instants).Select(l => l.Take(6).ToList()).Zip(Instants);

        Prop.ForAll(cases.ToArbitrary(), pair =>
        {
            var (closings, now) = pair;
            CheckOneAsync(test, seed, outbox, closings, now).GetAwaiter().GetResult();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(provider == "sqlite" ? 40 : 20));

        Assert.Empty(await StoredForm.ProblemsAsync(test));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnswersStopAtTheRightInstantWhenOffsetsLieOnBothSidesOfUtc(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync(membersPerPartner: 1);
        var member = world.Members[0].Member;
        var closes = new DateTimeOffset(2026, 3, 3, 18, 0, 0, TimeSpan.FromHours(1)); // 17:00 UTC, written from Amsterdam
        var round = (await test.Database.OpenRoundAsync(new NewRound(world.Id, "amsterdam", RoundKind.Regular, "[\"c1\"]", closes.AddDays(-7), closes), None)).Round;

        // 22:00 in Kolkata is 16:30 UTC: still open, although "22" > "18" as text. 12:30 in New York is 17:30 UTC: closed.
        var kolkata = new DateTimeOffset(2026, 3, 3, 22, 0, 0, new TimeSpan(5, 30, 0));
        var newYork = new DateTimeOffset(2026, 3, 3, 12, 30, 0, TimeSpan.FromHours(-5));
        Assert.Equal(RecordOutcome.Recorded, await test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 4 }, kolkata, None));
        Assert.Equal(RecordOutcome.RoundClosed, await test.Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["c1"] = 2 }, newYork, None));

        var read = (await test.Database.GetRoundAsync(round.Id, None))!;
        Assert.Equal(TimeSpan.Zero, read.ClosesAt.Offset);
        Assert.Equal(closes, read.ClosesAt);
        Assert.Equal(4, (await test.Database.GetMyAnswersAsync(round.Id, member.Id, None)).Answers["c1"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryUseCaseStoresOnlyUtcInstantsAndOneGuidSpellingWhatEverOffsetTheCallerUsed(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var db = test.Database;
        var at = new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.FromHours(2)); // just after Amsterdam's DST change
        var seed = new Seed(db);
        var creator = await seed.Contacts.RecordSightingAsync(new ContactSighting(
            new ConversationReference(MemberIdentity.Teams, "tenant-a", "29:creator", "https://smba.example/emea/", "a:conv", "28:bot", "AllianceBot", Guid.NewGuid().ToString()),
            "Creator", "nl-NL", "Europe/Amsterdam", at), None);
        var created = await db.CreateAllianceAsync(new NewAlliance("Tz", creator.Id, "Acme", ["Globex"]), at, None);
        var person = await seed.Contacts.RecordSightingAsync(new ContactSighting(
            new ConversationReference(MemberIdentity.Slack, "T0001", "U0001", null, "D0001", "B0001", "AllianceBot"), "Sam", "en-US", "America/New_York", at.ToOffset(TimeSpan.FromHours(-4))), None);
        var member = await db.AddMemberAsync(new NewMember(created.Alliance.Id, created.Partners[1].Id, person.Id), at.ToOffset(new TimeSpan(5, 30, 0)), None);
        await db.SetPhaseAsync(created.Alliance.Id, AllianceBot.Trust.Phase.Confirmation, creator.Id, "started", at.AddHours(1), None);
        var code = await db.CreateJoinCodeAsync(Seed.JoinCodes, new NewJoinCode(created.Alliance.Id, created.Partners[1].Id, MemberRole.Member, at.AddDays(7), creator.Id), at, None);
        await db.RecordFailedJoinAttemptAsync(person.Identity, at.ToOffset(TimeSpan.FromHours(-10)), at.AddHours(-1), None);
        await db.RevokeJoinCodeAsync(code.Id, at.AddHours(2), None);
        var round = (await db.OpenRoundAsync(new NewRound(created.Alliance.Id, "2026-03", RoundKind.Regular, "[\"c1\"]", at, at.AddDays(7)), None)).Round;
        await db.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int>(StringComparer.Ordinal) { ["c1"] = 4 }, at.AddHours(3).ToOffset(TimeSpan.FromHours(-7)), None);
        await db.RecordCommentAsync(round.Id, member.Id, "fine", at.AddHours(3), None);
        await db.TryRecordAlertAsync(created.Alliance.Id, round.Id, "drop", at.AddDays(7), None);
        await db.RecordAuditAsync(new AuditEntry(created.Alliance.Id, creator.Id, "test", null, at, member.Id), None);
        await db.SaveDialogStateAsync(person.Identity, "pulse", "{}", at, at.AddHours(1), None);
        await new InboundDeduplicator(db).TryBeginAsync("slack", "Ev01", at, None);
        var outbox = new OutboxStore(db);
        await outbox.EnqueueAsync([new NewOutboxMessage("pulse", created.Alliance.Id, round.Id, member.Id, MemberIdentity.Slack, "T0001", "{}", "{}", at)], None);
        var claimed = Assert.Single(await outbox.ClaimAsync("instance-1", 10, at.AddMinutes(1).ToOffset(TimeSpan.FromHours(9)), TimeSpan.FromMinutes(5), None));
        await outbox.MarkSentAsync(claimed.Id, "m1", at.AddMinutes(2), None);
        await db.CloseRoundAsync(round.Id, "{}", at.AddDays(7).ToOffset(TimeSpan.FromHours(-5)), None);
        await db.RemoveMemberAsync(member.Id, at.AddDays(8), None);

        Assert.Empty(await StoredForm.ProblemsAsync(test));
        var closed = (await db.GetRoundAsync(round.Id, None))!;
        Assert.Equal(at.AddDays(7), closed.ClosedAt);
        Assert.Equal(TimeSpan.Zero, closed.ClosedAt!.Value.Offset);
        Assert.Equal(at.UtcDateTime, claimed.NextAttemptAt.UtcDateTime);
    }

    private static async Task CheckOneAsync(TestDatabase test, Seed seed, OutboxStore outbox, List<DateTimeOffset> closings, DateTimeOffset now)
    {
        var world = await seed.AllianceAsync();
        var opened = new List<(Round Round, DateTimeOffset ClosesAt)>();
        for (var i = 0; i < closings.Count; i++)
        {
            var round = (await test.Database.OpenRoundAsync(new NewRound(world.Id, $"slot-{i}", RoundKind.Regular, "[\"c1\"]", closings[i].AddDays(-7), closings[i]), None)).Round;
            opened.Add((round, closings[i]));
        }

        // The same instants as outbox times: what the dispatcher claims is what is due at "now", earliest first.
        await using (var connection = await test.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM outbox");
        }

        await outbox.EnqueueAsync([.. closings.Select(c => new NewOutboxMessage("pulse", world.Id, null, null, MemberIdentity.Teams, "t", "{}", "{}", c))], None);
        var claimed = await outbox.ClaimAsync("instance", 100, now, TimeSpan.FromMinutes(1), None);

        foreach (var (round, closesAt) in opened)
        {
            var read = (await test.Database.GetRoundAsync(round.Id, None))!;
            Assert.Equal(closesAt, read.ClosesAt);
            Assert.Equal(TimeSpan.Zero, read.ClosesAt.Offset);
            Assert.Equal(closesAt > now, read.AcceptsAnswersAt(now));
        }

        Assert.Equal(closings.Where(c => c <= now).Order().ToList(), claimed.Select(c => c.NextAttemptAt));
    }
}
