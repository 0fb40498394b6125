using AllianceBot.Data.Alliances;
using AllianceBot.Data.DialogStates;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using AllianceBot.Trust;
using Dapper;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 18 on PostgreSQL: an answer made three commits on about ten pooled connections (de-duplication, sighting and
/// answer each in its own transaction, every query on its own connection). A turn's work now runs in one transaction on
/// one connection (<see cref="Database.InTurnAsync{T}"/>), and the lookups are cached on PostgreSQL too, kept fresh by
/// the change notifications of migration 0009.
/// </summary>
public class TurnTransactionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ATurnsDeduplicationSightingAndAnswerAreOneCommitOnOneConnection(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(world.Id);
        var (contact, member) = world.Members[0];
        var deduplicator = new InboundDeduplicator(test.Database);
        var before = test.Database.Statistics.Now();

        var submitted = await test.Database.InTurnAsync(async () =>
        {
            Assert.True(await deduplicator.TryBeginAsync("msteams", "turn-1", round.OpenedAt, None));
            await seed.Contacts.RecordSightingAsync(new ContactSighting(contact.Reference, "Renamed", "en-US", null, round.OpenedAt), None);
            return await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["calc-anchor"] = 4, ["rel-anchor"] = 2 }, null,
                round.OpenedAt.AddMinutes(1), None);
        }, None);

        var after = test.Database.Statistics.Now();
        Assert.Equal(RecordOutcome.Recorded, submitted.Outcome);
        Assert.False(await deduplicator.TryBeginAsync("msteams", "turn-1", round.OpenedAt, None));
        Assert.Equal("Renamed", (await seed.Contacts.GetAsync(contact.Id, None))!.DisplayName);
        Assert.Equal(new Dictionary<string, int> { ["calc-anchor"] = 4, ["rel-anchor"] = 2 }, (await test.Database.GetMyAnswersAsync(round.Id, member.Id, None)).Answers);
        if (provider == "postgres")
        {
            Assert.Equal(1, after.Commits - before.Commits);
            Assert.Equal(1, after.Opens - before.Opens);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AFailingPieceRollsTheTurnBackAndItRunsOnceMoreWithNothingStoredTwice(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var other = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(world.Id);
        var outsider = other.Members[0].Member;
        var deduplicator = new InboundDeduplicator(test.Database);
        var firstTimes = new List<bool>();

        var refusals = await test.Database.InTurnAsync(async () =>
        {
            firstTimes.Add(await deduplicator.TryBeginAsync("msteams", "turn-2", round.OpenedAt, None));
            await test.Database.SetPhaseAsync(world.Id, Phase.Confirmation, world.Creator.Id, "in the turn", round.OpenedAt, None);
            try
            {
                // A member of another alliance: refused by the store inside its transaction, the dialog says so and goes on.
                await test.Database.RecordCommentAsync(round.Id, outsider.Id, "not mine to write", round.OpenedAt.AddMinutes(1), None);
                return 0;
            }
            catch (StorageException e) when (e.Kind == StorageErrorKind.Conflict)
            {
                return 1;
            }
        }, None);

        Assert.Equal(1, refusals);
        // PostgreSQL: the failure spoiled the shared transaction, so the de-duplication row and the phase change were
        // rolled back with it and the turn ran again, each use case on its own. Elsewhere the turn ran once.
        Assert.Equal(provider == "postgres" ? [true, true] : [true], firstTimes);
        Assert.Equal(provider == "postgres" ? 1 : 0, test.Database.Statistics.TurnsRetried);
        Assert.False(await deduplicator.TryBeginAsync("msteams", "turn-2", round.OpenedAt, None));
        Assert.Single(await test.Database.GetPhaseHistoryAsync(world.Id, None), c => c.Reason == "in the turn");
        Assert.Empty(await test.Database.ListRoundAnswersAsync(round.Id, None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APulseCardEndsTheTurnWithItsCommitAndARefusalIsDecidedAfterIt(string provider)
    {
        // PostgreSQL sends the turn's COMMIT with the pulse card's statement (one round trip less). Its refusals (here: a
        // member of another alliance) are judged from what the statement read, after the commit: the turn is not run
        // again, and what it stored is exactly what running it again use case by use case would have stored.
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var other = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(world.Id);
        var member = world.Members[0].Member;
        var outsider = other.Members[0].Member;
        var deduplicator = new InboundDeduplicator(test.Database);
        var at = round.OpenedAt.AddMinutes(1);

        var (refused, laterWasOutsideTheTurn) = await test.Database.InTurnAsync(async () =>
        {
            Assert.True(await deduplicator.TryBeginAsync("msteams", "turn-card", round.OpenedAt, None));
            await test.Database.SetPhaseAsync(world.Id, Phase.Confirmation, world.Creator.Id, "before the card", round.OpenedAt, None);
            var refusal = await Assert.ThrowsAsync<StorageException>(() =>
                test.Database.SubmitPulseAsync(round.Id, outsider.Id, new Dictionary<string, int> { ["calc-anchor"] = 4 }, null, at, None));
            // Later work of the turn runs on its own, committed when it returns (SQLite and SQL Server have no turn).
            return (refusal.Kind, !test.Database.InTurn);
        }, None);

        Assert.Equal(StorageErrorKind.Conflict, refused);
        Assert.Equal(0, test.Database.Statistics.TurnsRetried);
        Assert.True(laterWasOutsideTheTurn);
        Assert.False(await deduplicator.TryBeginAsync("msteams", "turn-card", round.OpenedAt, None));
        Assert.Single(await test.Database.GetPhaseHistoryAsync(world.Id, None), c => c.Reason == "before the card");
        Assert.Empty(await test.Database.ListRoundAnswersAsync(round.Id, None));

        // An accepted card: stored, and on PostgreSQL one commit for the whole turn.
        var commitsBefore = test.Database.Statistics.Commits;
        var stored = await test.Database.InTurnAsync(async () =>
        {
            Assert.True(await deduplicator.TryBeginAsync("msteams", "turn-card-2", round.OpenedAt, None));
            return await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["calc-anchor"] = 4 }, null, at, None);
        }, None);
        Assert.Equal(RecordOutcome.Recorded, stored.Outcome);
        if (provider == "postgres")
        {
            Assert.Equal(1, test.Database.Statistics.Commits - commitsBefore);
        }

        Assert.Single(await test.Database.ListRoundAnswersAsync(round.Id, None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ATurnsLookupsOfItsSenderAfterTheSightingSeeEveryWriteOfTheTurn(string provider)
    {
        // PostgreSQL reads the sender's memberships and dialog states with the sighting (one round trip) and answers the
        // turn's lookups of them from that read; every write in between must show, exactly as without it.
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var first = await seed.AllianceAsync(membersPerPartner: 1);
        var second = await seed.AllianceAsync();
        var (contact, member) = first.Members[0];
        var identity = contact.Identity;
        var at = Seed.Now.AddHours(1);

        var seen = await test.Database.InTurnAsync(async () =>
        {
            var steps = new List<string>();
            await seed.Contacts.RecordSightingAsync(new ContactSighting(contact.Reference, "Renamed", "en-US", null, at), None);
            steps.Add(string.Join(",", (await test.Database.ListMyAlliancesAsync(identity, None)).Select(a => a.MemberId == member.Id)));
            steps.Add($"{(await test.Database.FindMembershipAsync(first.Id, identity, None))?.Id == member.Id} {await test.Database.FindMembershipAsync(second.Id, identity, None) is null}");
            steps.Add($"{(await test.Database.GetMemberAsync(member.Id, None))!.Active} states {(await test.Database.ListDialogStatesAsync(identity, at.AddSeconds(1), None)).Count}");

            await test.Database.SaveDialogStateAsync(identity, "join", "{}", at, at.AddMinutes(10), None);
            steps.Add($"states {(await test.Database.ListDialogStatesAsync(identity, at.AddSeconds(2), None)).Count}");
            var joined = await test.Database.AddMemberAsync(new NewMember(second.Id, second.Partner(0).Id, contact.Id), at, None);
            steps.Add($"{(await test.Database.ListMyAlliancesAsync(identity, None)).Count} {(await test.Database.FindMembershipAsync(second.Id, identity, None))?.Id == joined.Id}");
            await test.Database.DeleteDialogStateAsync(identity, "join", None);
            steps.Add($"states {(await test.Database.ListDialogStatesAsync(identity, at.AddSeconds(3), None)).Count}");
            await test.Database.RemoveMemberAsync(member.Id, at, None);
            steps.Add($"{await test.Database.FindMembershipAsync(first.Id, identity, None) is null} {(await test.Database.GetMemberAsync(member.Id, None))!.Active} {(await test.Database.ListMyAlliancesAsync(identity, None)).Count}");
            return steps;
        }, None);

        Assert.Equal(["True", "True True", "True states 0", "states 1", "2 True", "states 0", "True False 1"], seen);
        Assert.Equal(0, test.Database.Statistics.TurnsRetried);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADeferredDeduplicationThatFindsARepeatRunsTheTurnAgainAnsweringDuplicateWithNothingChanged(string provider)
    {
        // PostgreSQL sends the de-duplication insert with the sighting (one round trip). A repeat is found only then, so
        // the turn is rolled back (the sighting with it) and runs again, where the de-duplication says "repeat" at once.
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var contact = await seed.PersonAsync("Ada");
        var deduplicator = new InboundDeduplicator(test.Database);
        var answers = new List<bool>();
        Task<string> TurnAsync(string key, string? name) => test.Database.InTurnAsync(async () =>
        {
            var fresh = await deduplicator.TryBeginDeferredAsync("msteams", key, Seed.Now, None);
            answers.Add(fresh);
            if (!fresh)
            {
                return "duplicate";
            }

            if (name is not null)
            {
                await seed.Contacts.RecordSightingAsync(new ContactSighting(contact.Reference, name, "en-US", null, Seed.Now), None);
            }

            return "handled";
        }, None);

        Assert.Equal("handled", await TurnAsync("delivery-1", "Ada Lovelace"));
        Assert.Equal("duplicate", await TurnAsync("delivery-1", "Someone Else"));
        Assert.Equal("Ada Lovelace", (await seed.Contacts.GetAsync(contact.Id, None))!.DisplayName);

        // A turn with no database call after its de-duplication: the insert is sent before the commit.
        Assert.Equal("handled", await TurnAsync("delivery-2", null));
        Assert.False(await deduplicator.TryBeginAsync("msteams", "delivery-2", Seed.Now, None));
        Assert.Equal("duplicate", await TurnAsync("delivery-2", null));

        var postgres = provider == "postgres";
        Assert.Equal(postgres ? [true, true, false, true, true, false] : [true, false, true, false], answers);
        Assert.Equal(postgres ? 2 : 0, test.Database.Statistics.TurnsRetried);
    }

    [Fact]
    public async Task OnPostgresALookupIsCachedAndAnotherInstancesChangeReachesItByNotification()
    {
        if (Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable) is not { Length: > 0 })
        {
            Assert.Fail($"{TestDatabase.PostgresVariable} is not set: this test needs PostgreSQL.");
        }

        await using var test = await TestDatabase.CreateAsync("postgres");
        var world = await new Seed(test.Database).AllianceAsync();
        await using var otherInstance = new Database(StorageProvider.Postgres, test.Database.ConnectionString);

        // The cache turns on once this instance listens for change notifications.
        await EventuallyAsync(async () =>
        {
            await test.Database.GetAllianceAsync(world.Id, None);
            return await IsCachedAsync(test.Database, world.Id);
        });

        await otherInstance.SetPhaseAsync(world.Id, Phase.Execution, world.Creator.Id, "elsewhere", Seed.Now.AddDays(1), None);
        await EventuallyAsync(async () => (await test.Database.GetAllianceAsync(world.Id, None))!.Phase == Phase.Execution);
    }

    [Fact]
    public async Task OnPostgresThisInstancesOwnChangeIsSeenAtOnceEvenInsideATurn()
    {
        if (Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable) is not { Length: > 0 })
        {
            Assert.Fail($"{TestDatabase.PostgresVariable} is not set: this test needs PostgreSQL.");
        }

        await using var test = await TestDatabase.CreateAsync("postgres");
        var world = await new Seed(test.Database).AllianceAsync();
        await EventuallyAsync(async () =>
        {
            await test.Database.GetAllianceAsync(world.Id, None);
            return await IsCachedAsync(test.Database, world.Id);
        });

        await test.Database.SetPhaseAsync(world.Id, Phase.Confirmation, world.Creator.Id, "here", Seed.Now.AddDays(1), None);
        Assert.Equal(Phase.Confirmation, (await test.Database.GetAllianceAsync(world.Id, None))!.Phase);

        var inTurn = await test.Database.InTurnAsync(async () =>
        {
            await test.Database.SetPhaseAsync(world.Id, Phase.Execution, world.Creator.Id, "in a turn", Seed.Now.AddDays(2), None);
            return (await test.Database.GetAllianceAsync(world.Id, None))!.Phase;
        }, None);
        Assert.Equal(Phase.Execution, inTurn);
        Assert.Equal(Phase.Execution, (await test.Database.GetAllianceAsync(world.Id, None))!.Phase);
    }

    [Theory]
    [InlineData("UPDATE alliances SET phase = @phase WHERE id = @id", true)]
    [InlineData("INSERT INTO members (id, alliance_id) VALUES (@Id, @AllianceId)", true)]
    [InlineData("DELETE FROM partners WHERE alliance_id = @id", true)]
    [InlineData("MERGE rounds WITH (HOLDLOCK) AS t USING (SELECT 1 AS x) AS s ON 1 = 0 WHEN NOT MATCHED THEN INSERT (id) VALUES (1);", true)]
    [InlineData("DELETE FROM contacts WHERE id = @id", true)]
    [InlineData("INSERT INTO contacts (id) VALUES (@Id) ON CONFLICT (channel) DO UPDATE SET display_name = excluded.display_name", false)]
    [InlineData("INSERT INTO responses (round_id) VALUES (@r) ON CONFLICT (round_id, member_id, item_id) DO UPDATE SET answer = excluded.answer", false)]
    [InlineData("SELECT r.id FROM rounds r FOR SHARE", false)]
    [InlineData("INSERT INTO inbound_deliveries (channel) VALUES (@Channel) ON CONFLICT DO NOTHING", false)]
    public void OwnWritesToTheCachedTablesAreRecognisedByTheirSql(string sql, bool touches) =>
        Assert.Equal(touches, LookupWrites.Touches(sql));

    // Proves the entry is served from memory: the row is changed behind the cache's back (triggers off for that
    // session, so no notification), and the lookup still answers the old value.
    private static async Task<bool> IsCachedAsync(Database database, Guid allianceId)
    {
        var before = (await database.GetAllianceAsync(allianceId, None))!;
        await using (var connection = await database.OpenAsync(None))
        {
            await connection.ExecuteAsync("SET session_replication_role = replica; UPDATE alliances SET name = 'changed quietly' WHERE id = @allianceId; RESET session_replication_role;",
                new { allianceId });
        }

        var cached = (await database.GetAllianceAsync(allianceId, None))!.Name == before.Name;
        await using (var connection = await database.OpenAsync(None))
        {
            await connection.ExecuteAsync("SET session_replication_role = replica; UPDATE alliances SET name = @Name WHERE id = @allianceId; RESET session_replication_role;",
                new { before.Name, allianceId });
        }

        return cached;
    }

    // Waits for something another connection delivers (a notification), without measuring how long it took.
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the condition did not hold within 10 s");
    }
}
