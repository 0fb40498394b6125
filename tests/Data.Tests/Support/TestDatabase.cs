using System.Data.Common;
using AllianceBot.Data.Storage;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace AllianceBot.Data.Tests.Support;

/// <summary>
/// A fresh, migrated database per test on a real server, in the manner of Dapper's own TestBase: SQLite always,
/// PostgreSQL from ALLIANCEBOT_TEST_POSTGRES (required when CI=true), SQL Server from ALLIANCEBOT_TEST_SQLSERVER.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ALLIANCEBOT_TEST_POSTGRES";
    public const string SqlServerVariable = "ALLIANCEBOT_TEST_SQLSERVER";

    private readonly Func<Task> drop;

    private TestDatabase(Database database, Func<Task> drop)
    {
        Database = database;
        this.drop = drop;
    }

    public Database Database { get; }

    public StorageProvider Provider => Database.Provider;

    /// <summary>
    /// The providers every data test runs on. PostgreSQL is listed in CI even without its connection string, so the
    /// test fails there instead of silently running on SQLite only.
    /// </summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var providers = new TheoryData<string> { "sqlite" };
            if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } || IsCi)
            {
                providers.Add("postgres");
            }

            if (Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 })
            {
                providers.Add("sqlserver");
            }

            return providers;
        }
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<TestDatabase> CreateAsync(string provider, bool migrate = true)
    {
        var created = provider switch
        {
            "sqlite" => CreateSqlite(),
            "postgres" => await CreatePostgresAsync(),
            "sqlserver" => await CreateSqlServerAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
        if (migrate)
        {
            var result = await Migrator.MigrateAsync(created.Database, null, CancellationToken.None);
            Assert.True(result.Successful, result.Error);
        }

        return created;
    }

    public async ValueTask DisposeAsync() => await drop();

    /// <summary>Every base table of the schema, read from the provider's catalog (so a new table cannot be forgotten).</summary>
    public async Task<IReadOnlyList<string>> TablesAsync()
    {
        var sql = Provider switch
        {
            StorageProvider.Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            StorageProvider.Postgres => "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
            _ => "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
        };
        await using var connection = await OpenAsync();
        return (await Dapper.SqlMapper.QueryAsync<string>(connection, sql)).ToList();
    }

    /// <summary>Every cell of every table as text, for "no row names X" checks: (table, column, value).</summary>
    public async Task<IReadOnlyList<(string Table, string Column, string Value)>> AllCellsAsync()
    {
        var cells = new List<(string, string, string)>();
        await using var connection = await OpenAsync();
        foreach (var table in await TablesAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!await reader.IsDBNullAsync(i))
                    {
                        var value = reader.GetValue(i);
                        cells.Add((table, reader.GetName(i), value is Guid g ? g.ToString("D") : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                    }
                }
            }
        }

        return cells;
    }

    public Task<DbConnection> OpenAsync() => Database.OpenAsync(CancellationToken.None);

    private static TestDatabase CreateSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("alliancebot-data-test-");
        var database = Database.FromOptions(new StorageOptions { Provider = "sqlite", DataFolder = folder.FullName });
        return new TestDatabase(database, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return Task.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(admin))
        {
            Assert.Fail($"CI=true but {PostgresVariable} is not set: scripts/test.sh must start PostgreSQL (scripts/postgres.sh) so the data suite runs on it.");
        }

        var name = $"alliancebot_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(connection, $"CREATE DATABASE {name}");
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 200 };
        return new TestDatabase(new Database(StorageProvider.Postgres, builder.ToString()), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    private static async Task<TestDatabase> CreateSqlServerAsync()
    {
        var admin = Environment.GetEnvironmentVariable(SqlServerVariable)!;
        var name = $"alliancebot_test_{Guid.NewGuid():N}";
        await using (var connection = new SqlConnection(admin))
        {
            await connection.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(connection, $"CREATE DATABASE [{name}]");
        }

        var builder = new SqlConnectionStringBuilder(admin) { InitialCatalog = name };
        return new TestDatabase(new Database(StorageProvider.SqlServer, builder.ToString()), async () =>
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(admin);
            await connection.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(connection, $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
        });
    }
}
