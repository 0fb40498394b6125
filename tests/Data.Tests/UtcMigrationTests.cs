using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using Dapper;
using DbUp;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Migration 0002 (issue 19): a database written before the fix, with the caller's offsets and upper-case Guids as
/// Microsoft.Data.Sqlite spelled them, reads and compares correctly afterwards.
/// </summary>
public sealed class UtcMigrationTests
{
    private const string Script = "0002_utc_instants_and_canonical_ids.sql";

    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly Guid Alliance = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static readonly Guid Partner = Guid.Parse("0b3c5e1a-3f4d-4c2b-9a8e-6d7f8e9a0b1c");
    private static readonly Guid Person = Guid.Parse("a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d");
    private static readonly Guid Member = Guid.Parse("d4c3b2a1-6f5e-4b5a-8d7c-0f9e8d7c6b5a");
    private static readonly Guid Round = Guid.Parse("f0e1d2c3-b4a5-4968-8776-655443322110");

    [Fact]
    public async Task SqliteTimesWithOffsetsAndUpperCaseGuidsBecomeUtcAndLowerCaseAndStillMeanTheSame()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", migrate: false);
        MigrateThroughInitial(test.Database);
        await using (var connection = await test.OpenAsync())
        {
            await connection.ExecuteAsync(OldSqliteRows);
        }

        var result = await Migrator.MigrateAsync(test.Database, null, None);

        Assert.True(result.Successful, result.Error);
        Assert.Contains(result.Applied, script => script.EndsWith(Script, StringComparison.Ordinal));
        Assert.Empty(await StoredForm.ProblemsAsync(test));
        var round = (await test.Database.GetRoundAsync(Round, None))!;
        Assert.Equal(DateTimeOffset.Parse("2026-03-03T09:00:00Z"), round.OpenedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T09:00:00.1234567Z"), round.ClosesAt);
        Assert.False(round.AcceptsAnswersAt(DateTimeOffset.Parse("2026-03-10T09:00:01Z")));
        Assert.True(round.AcceptsAnswersAt(DateTimeOffset.Parse("2026-03-10T14:00:00+05:30")));
        Assert.Equal(Member, Assert.Single(await test.Database.ListRoundMembersAsync(Alliance, None)).MemberId);
        var mine = await test.Database.GetMyAnswersAsync(Round, Member, None);
        Assert.Equal(4, mine.Answers["c1"]);

        // The reminder written as 19:13+01:00 is due at 18:13 UTC, not an hour later.
        var outbox = new OutboxStore(test.Database);
        Assert.Empty(await outbox.ClaimAsync("i", 10, DateTimeOffset.Parse("2026-03-06T18:13:21Z"), TimeSpan.FromMinutes(1), None));
        var due = Assert.Single(await outbox.ClaimAsync("i", 10, DateTimeOffset.Parse("2026-03-06T18:13:23Z"), TimeSpan.FromMinutes(1), None));
        Assert.Equal(Member, due.MemberId);
    }

    [Fact]
    public async Task RunningTheSqliteRewriteAgainChangesNothing()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", migrate: false);
        MigrateThroughInitial(test.Database);
        await using var connection = await test.OpenAsync();
        await connection.ExecuteAsync(OldSqliteRows);
        Assert.True((await Migrator.MigrateAsync(test.Database, null, None)).Successful);
        var before = await test.AllCellsAsync();

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync(Migrator.ReadScript(ScriptOf(StorageProvider.Sqlite)), transaction: transaction);
            await transaction.CommitAsync();
        }

        Assert.Equal(before, await test.AllCellsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnUpToDateDatabaseIsLeftAsItIs(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync(membersPerPartner: 1);
        await new Seed(test.Database).RoundAsync(world.Id);
        var before = await test.AllCellsAsync();

        await using (var connection = await test.OpenAsync())
        {
            await connection.ExecuteAsync(Migrator.ReadScript(ScriptOf(test.Provider)));
        }

        Assert.Equal(before, await test.AllCellsAsync());
        Assert.Empty(await StoredForm.ProblemsAsync(test));
    }

    [Fact]
    public async Task PostgresTimeColumnsMadeWithoutTimeZoneBecomeTimestamptzReadingTheOldValuesAsUtc()
    {
        await using var test = await TestDatabase.CreateAsync("postgres", migrate: false);
        MigrateThroughInitial(test.Database);
        await using (var connection = await test.OpenAsync())
        {
            // A hand-made column, and a server that does not run in UTC: the conversion must not depend on it.
            await connection.ExecuteAsync("""
                ALTER TABLE inbound_deliveries ALTER COLUMN seen_at TYPE timestamp;
                INSERT INTO inbound_deliveries (channel, delivery_key, seen_at) VALUES ('slack', 'Ev1', '2026-03-03 09:00:00');
                DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'Pacific/Auckland'); END $$;
                """);
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        var result = await Migrator.MigrateAsync(test.Database, null, None);

        Assert.True(result.Successful, result.Error);
        Assert.Empty(await StoredForm.ProblemsAsync(test));
        await using var check = await test.OpenAsync();
        Assert.Equal("Pacific/Auckland", await check.QuerySingleAsync<string>("SHOW timezone"));
        Assert.Equal(DateTimeOffset.Parse("2026-03-03T09:00:00Z"), await check.QuerySingleAsync<DateTimeOffset>("SELECT seen_at FROM inbound_deliveries"));
    }

    /// <summary>Rows as the code before the fix wrote them: offsets of the caller, a space, upper-case Guids.</summary>
    private static string OldSqliteRows => $"""
        INSERT INTO contacts (id, channel, tenant_id, user_id, reachable, last_seen_at)
            VALUES ('{Up(Person)}', 'msteams', 'tenant-a', '29:anna', 1, '2026-03-01 20:30:00.5-05:00');
        INSERT INTO alliances (id, name, phase, time_zone, locale, schedule, anonymity_k, comment_k, reminder_offsets, close_after_days, is_demo, created_by, created_at)
            VALUES ('{Up(Alliance)}', 'Tz', 1, 'Europe/Amsterdam', 'en', 'first tuesday 10:00', 5, 5, '3,5', 7, 0, '{Up(Person)}', '2026-03-01 10:00:00+01:00');
        INSERT INTO partners (id, alliance_id, name, created_at) VALUES ('{Up(Partner)}', '{Up(Alliance)}', 'Acme', '2026-03-01 10:00:00+01:00');
        INSERT INTO members (id, alliance_id, partner_id, contact_id, role, reminders_enabled, joined_at)
            VALUES ('{Up(Member)}', '{Up(Alliance)}', '{Up(Partner)}', '{Up(Person)}', 'member', 1, '2026-03-01 15:30:00+05:30');
        INSERT INTO rounds (id, alliance_id, number, slot_key, kind, items_json, opened_at, closes_at, invited_count)
            VALUES ('{Up(Round)}', '{Up(Alliance)}', 1, '2026-03', 'regular', '["c1"]', '2026-03-03 10:00:00+01:00', '2026-03-10 10:00:00.1234567+01:00', 1);
        INSERT INTO responses (round_id, member_id, item_id, answer, answered_at) VALUES ('{Up(Round)}', '{Up(Member)}', 'c1', 4, '2026-03-04 01:00:00+05:30');
        INSERT INTO outbox (id, kind, alliance_id, round_id, member_id, channel, tenant_id, target, payload, status, attempts, next_attempt_at, created_at)
            VALUES ('{Up(Guid.NewGuid())}', 'reminder', '{Up(Alliance)}', '{Up(Round)}', '{Up(Member)}', 'msteams', 'tenant-a', '{"{}"}', '{"{}"}', 'pending', 0,
                    '2026-03-06 19:13:22+01:00', '2026-03-06 18:12:30+00:00');
        INSERT INTO outbox (id, kind, channel, tenant_id, target, payload, status, attempts, next_attempt_at, created_at)
            VALUES ('{Up(Guid.NewGuid())}', 'pulse', 'msteams', 'tenant-a', '{"{}"}', '{"{}"}', 'sent', 1, '2026-03-03 09:00:00+00:00', '2026-03-03 09:00:00+00:00');
        """;

    private static string Up(Guid id) => id.ToString("D").ToUpperInvariant();

    private static string ScriptOf(StorageProvider provider) =>
        Migrator.ScriptNames(provider).Single(n => n.EndsWith(Script, StringComparison.Ordinal));

    /// <summary>The schema as it was before this migration: only the scripts numbered 0001, journaled as DbUp does.</summary>
    private static void MigrateThroughInitial(Database database)
    {
        var builder = database.Provider == StorageProvider.Sqlite
            ? DeployChanges.To.SqliteDatabase(database.ConnectionString)
            : DeployChanges.To.PostgresqlDatabase(database.ConnectionString);
        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, name => Migrator.ScriptNames(database.Provider).Contains(name) && name.Contains(".0001_", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
    }
}
