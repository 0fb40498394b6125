using AllianceBot.Data.Storage;
using Dapper;
using Npgsql;

namespace AllianceBot.Dialogs.Tests.Harness;

/// <summary>
/// A fresh database migrated with the production scripts, for dialog transcripts: SQLite in a temporary folder, or
/// a new database on the PostgreSQL server of ALLIANCEBOT_TEST_POSTGRES (required when CI=true, as in Data.Tests).
/// </summary>
internal sealed class TestDatabases : IAsyncDisposable
{
    public const string PostgresVariable = "ALLIANCEBOT_TEST_POSTGRES";

    private readonly Func<Task> drop;

    private TestDatabases(Database database, Func<Task> drop)
    {
        Database = database;
        this.drop = drop;
    }

    public Database Database { get; }

    /// <summary>SQLite always; PostgreSQL when its server is given, and in CI (where it then fails instead of skipping).</summary>
    public static IReadOnlyList<string> Providers =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 }
            || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? ["sqlite", "postgres"]
            : ["sqlite"];

    /// <summary><see cref="Providers"/> for [MemberData]: a transcript test runs once per database.</summary>
    public static TheoryData<string> ProviderData => new(Providers);

    public static async Task<TestDatabases> CreateAsync(string provider, string prefix)
    {
        var created = provider switch
        {
            "sqlite" => Sqlite(prefix),
            "postgres" => await PostgresAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres"),
        };
        var migrated = await Migrator.MigrateAsync(created.Database, null, CancellationToken.None);
        Assert.True(migrated.Successful, migrated.Error);
        return created;
    }

    public async ValueTask DisposeAsync() => await drop();

    private static TestDatabases Sqlite(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix);
        var database = new Database(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder.FullName, "alliancebot.db")}");
        return new TestDatabases(database, async () =>
        {
            await Task.Yield();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        });
    }

    private static async Task<TestDatabases> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        Assert.False(string.IsNullOrEmpty(admin), $"{PostgresVariable} is not set: start PostgreSQL with scripts/postgres.sh (pg_start)");
        var name = $"alliancebot_dialogs_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabases(new Database(StorageProvider.Postgres, builder.ToString()), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }
}
