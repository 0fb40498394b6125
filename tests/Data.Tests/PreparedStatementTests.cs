using System.Reflection;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 18: Microsoft.Data.Sqlite prepared every statement Dapper ran afresh (Dapper makes a new command per call), and
/// parsing SQL was 18% of the bot's CPU under load. The writer connection now keeps one prepared command per SQL text
/// (<see cref="PreparingConnection"/>). These tests ask SQLite itself how often a kept statement ran, and check that a
/// value written and read through the kept commands is stored exactly as the plain Dapper path stores it.
/// </summary>
public sealed class PreparedStatementTests
{
    private const int SqliteStmtStatusRun = 6; // SQLITE_STMTSTATUS_RUN: times the prepared statement was run
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AnAnswerRunAgainReusesTheStatementsSqlitePreparedTheFirstTime()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync(membersPerPartner: 1);
        var round = await seed.RoundAsync(world.Id);
        var member = world.Members[0].Member;
        var at = round.OpenedAt.AddHours(1);
        const int Again = 5;

        // Inside one piece of writer work (the nested calls join it), so the idle close cannot reopen the connection.
        var (prepares, runs, kept) = await test.Database.InTransactionAsync(async (connection, _) =>
        {
            var writer = Assert.IsType<PreparingConnection>(connection);
            await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["calc-anchor"] = 1, ["rel-anchor"] = 1 }, null, at, None);
            var before = test.Database.Statistics.Prepares;
            for (var i = 0; i < Again; i++)
            {
                await test.Database.SubmitPulseAsync(round.Id, member.Id, new Dictionary<string, int> { ["calc-anchor"] = 2 + (i % 3), ["rel-anchor"] = 3 }, null, at.AddMinutes(i), None);
            }

            var upsert = writer.KeptCommands.Single(c => c.Key.Contains("INSERT INTO responses", StringComparison.Ordinal)).Value;
            return (test.Database.Statistics.Prepares - before, RunCount(upsert), writer.Kept);
        }, None);

        Assert.Equal(0, prepares);
        // SQLite's own counter on the one prepared statement of the answer upsert: it ran for every answer since the
        // first, never re-prepared (a fresh statement would count one run).
        Assert.True(runs >= 1 + Again, $"the kept upsert ran {runs} times, expected at least {1 + Again}");
        Assert.InRange(kept, 3, 40);
        var stored = await test.Database.GetMyAnswersAsync(round.Id, member.Id, None);
        Assert.Equal(new Dictionary<string, int> { ["calc-anchor"] = 2 + ((Again - 1) % 3), ["rel-anchor"] = 3 }, stored.Answers);
    }

    [Fact]
    public async Task InstantsIdsAndNullsAreStoredAndReadBackExactlyAsThePlainDapperPathDoes()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        const string Create = "CREATE TABLE probe (name TEXT PRIMARY KEY, at TEXT NOT NULL, maybe_at TEXT NULL, id TEXT NOT NULL, maybe_id TEXT NULL, n INTEGER NULL, s TEXT NULL)";
        const string Insert = "INSERT INTO probe (name, at, maybe_at, id, maybe_id, n, s) VALUES (@Name, @At, @MaybeAt, @Id, @MaybeId, @N, @S)";
        const string Read = "SELECT name, at, maybe_at, id, maybe_id, n, s FROM probe WHERE name = @name";
        var rows = new[]
        {
            new Probe { Name = "offset", At = new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(2)).AddTicks(1234567), MaybeAt = new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.FromHours(-10)), Id = Guid.NewGuid(), MaybeId = Guid.NewGuid(), N = 5, S = "text" },
            new Probe { Name = "nulls", At = DateTimeOffset.MinValue.AddDays(1), MaybeAt = null, Id = Guid.Empty, MaybeId = null, N = null, S = null },
        };

        await test.Database.InTransactionAsync(async (connection, transaction) => await connection.ExecAsync(Create, null, transaction, None), None);
        foreach (var row in rows)
        {
            // Through the writer's kept commands, twice (the second run re-binds the kept statement) ...
            await test.Database.InTransactionAsync(async (connection, transaction) =>
            {
                Assert.IsType<PreparingConnection>(connection);
                await connection.ExecAsync(Insert, row with { Name = "kept-" + row.Name, S = "first" }, transaction, None);
                await connection.ExecAsync("DELETE FROM probe WHERE name = @name", new { name = "kept-" + row.Name }, transaction, None);
                return await connection.ExecAsync(Insert, row with { Name = "kept-" + row.Name }, transaction, None);
            }, None);

            // ... and through Dapper on a plain connection, as before the kept commands.
            await using var plain = await test.Database.OpenAsync(None);
            Assert.IsType<SqliteConnection>(plain);
            await plain.ExecuteAsync(Insert, row with { Name = "plain-" + row.Name });
        }

        await using var check = await test.Database.OpenAsync(None);
        foreach (var row in rows)
        {
            // Stored alike: the same text in every column (instants as fixed-width UTC, ids lower case, NULLs as NULL).
            var keptText = await check.QuerySingleAsync<(string, string?, string, string?, long?, string?)>(
                "SELECT at, maybe_at, id, maybe_id, n, s FROM probe WHERE name = @name", new { name = "kept-" + row.Name });
            var plainText = await check.QuerySingleAsync<(string, string?, string, string?, long?, string?)>(
                "SELECT at, maybe_at, id, maybe_id, n, s FROM probe WHERE name = @name", new { name = "plain-" + row.Name });
            Assert.Equal(plainText, keptText);

            // Read back alike through both paths, as the instants and ids that were written (in UTC).
            var viaKept = await test.Database.ReadAsync(connection => connection.OneOrDefaultAsync<Probe>(Read, new { name = "plain-" + row.Name }, null, None), None);
            var viaPlain = await check.QuerySingleAsync<Probe>(Read, new { name = "kept-" + row.Name });
            foreach (var read in new[] { viaKept!, viaPlain })
            {
                Assert.Equal(row.At.UtcDateTime, read.At.UtcDateTime);
                Assert.Equal(TimeSpan.Zero, read.At.Offset);
                Assert.Equal(row.MaybeAt?.UtcDateTime, read.MaybeAt?.UtcDateTime);
                Assert.Equal(row.Id, read.Id);
                Assert.Equal(row.MaybeId, read.MaybeId);
                Assert.Equal(row.N, read.N);
                Assert.Equal(row.S, read.S);
            }
        }
    }

    [Fact]
    public async Task AListExpandedByDapperAndANestedCallWithTheSameSqlBothRunOnTheKeptConnection()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var names = await test.Database.InTransactionAsync(async (connection, transaction) =>
        {
            // Dapper rewrites "IN @names" after binding; the parameters follow the text to its kept command.
            var two = await connection.ListAsync<string>("SELECT value FROM json_each('[\"a\",\"b\",\"c\"]') WHERE value IN @names ORDER BY value",
                new { names = new[] { "a", "c" } }, transaction, None);
            var three = await connection.ListAsync<string>("SELECT value FROM json_each('[\"a\",\"b\",\"c\"]') WHERE value IN @names ORDER BY value",
                new { names = new[] { "a", "b", "c" } }, transaction, None);

            // The same SQL while its kept command is still reading: the inner call gets a command of its own.
            const string Values = "SELECT value FROM json_each(@list) ORDER BY value";
            var outer = new List<string>();
            await using (var reader = await connection.ExecuteReaderAsync(Values, new { list = "[\"x\",\"y\"]" }, transaction))
            {
                while (await reader.ReadAsync())
                {
                    outer.Add(reader.GetString(0) + string.Join("", await connection.ListAsync<string>(Values, new { list = "[\"1\",\"2\"]" }, transaction, None)));
                }
            }

            return two.Concat(three).Concat(outer).ToList();
        }, None);

        Assert.Equal(["a", "c", "a", "b", "c", "x12", "y12"], names);
    }

    [Fact]
    public async Task AFailingPieceOfABatchIsRolledBackAloneThroughTheKeptSavepointsAndTheWriterGoesOn()
    {
        // The writer now runs BEGIN, COMMIT and the savepoints itself as kept statements instead of through
        // SqliteTransaction: a failing piece of work must still be undone alone, and a failing piece alone must leave
        // no transaction open behind it.
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await test.Database.InTransactionAsync((connection, transaction) => connection.ExecAsync("CREATE TABLE probe (name TEXT PRIMARY KEY)", null, transaction, None), None);
        Task<int> Insert(string name, bool twice = false) => test.Database.InTransactionAsync(async (connection, transaction) =>
        {
            var n = await connection.ExecAsync("INSERT INTO probe (name) VALUES (@name)", new { name }, transaction, None);
            return twice ? n + await connection.ExecAsync("INSERT INTO probe (name) VALUES (@name)", new { name }, transaction, None) : n;
        }, None);

        // Hold the writer so that the three queue up and run as one batch, each in a savepoint.
        var gate = new TaskCompletionSource();
        var holding = test.Database.InTransactionAsync(async (_, _) =>
        {
            await gate.Task;
            return 0;
        }, None);
        var first = Insert("a");
        var failing = Insert("b", twice: true);
        var third = Insert("c");
        gate.SetResult();
        await holding;

        Assert.Equal(1, await first);
        Assert.Equal(StorageErrorKind.Conflict, (await Assert.ThrowsAsync<StorageException>(() => failing)).Kind);
        Assert.Equal(1, await third);

        // Alone: the whole transaction is rolled back, and the next piece of work begins a fresh one.
        Assert.Equal(StorageErrorKind.Conflict, (await Assert.ThrowsAsync<StorageException>(() => Insert("d", twice: true))).Kind);
        Assert.Equal(1, await Insert("e"));

        var names = await test.Database.ReadAsync(connection => connection.ListAsync<string>("SELECT name FROM probe ORDER BY name", null, null, None), None);
        Assert.Equal(["a", "c", "e"], names);
    }

    private static int RunCount(SqliteCommand command)
    {
        // Microsoft.Data.Sqlite does not expose a command's prepared statements; they are what SQLite counts runs on.
        // (a list of statements, or of (statement, parameter count) pairs, depending on the version).
        var statements = ((System.Collections.IEnumerable)typeof(SqliteCommand).GetField("_preparedStatements", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(command)!)
            .Cast<object>().Select(s => s as sqlite3_stmt ?? (sqlite3_stmt)((System.Runtime.CompilerServices.ITuple)s)[0]!).ToList();
        return raw.sqlite3_stmt_status(Assert.Single(statements), SqliteStmtStatusRun, 0);
    }

    private sealed record Probe
    {
        public string Name { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public DateTimeOffset? MaybeAt { get; init; }
        public Guid Id { get; init; }
        public Guid? MaybeId { get; init; }
        public long? N { get; init; }
        public string? S { get; init; }
    }
}
