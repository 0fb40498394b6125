using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Storage;
using Dapper;
using Npgsql;

namespace AllianceBot.Bench;

/// <summary>
/// The Data layer's real outbox and contact stores on a fresh, migrated database: SQLite in a temporary folder
/// (embedded, so its work counts in the bot's CPU and memory) or a new database on the PostgreSQL server named by
/// --postgres or ALLIANCEBOT_TEST_POSTGRES (its server's work does not count: it is another process).
/// </summary>
internal sealed class Stores : IAsyncDisposable
{
    public static readonly string[] Known = ["sqlite", "postgres"];

    private readonly Func<Task> drop;

    private Stores(Database database, Func<Task> drop)
    {
        Database = database;
        Outbox = new OutboxStore(database);
        Contacts = new ContactStore(database);
        this.drop = drop;
    }

    public Database Database { get; }

    public OutboxStore Outbox { get; }

    public ContactStore Contacts { get; }

    public static async Task<Stores> CreateAsync(string kind, string? postgres)
    {
        var stores = kind switch
        {
            "sqlite" => Sqlite(),
            "postgres" => await PostgresAsync(postgres ?? Environment.GetEnvironmentVariable("ALLIANCEBOT_TEST_POSTGRES")
                ?? throw new ArgumentException("--store postgres needs --postgres <connection string> or ALLIANCEBOT_TEST_POSTGRES")),
            _ => throw new ArgumentException($"--store must be one of: {string.Join(", ", Known)}"),
        };
        var migrated = await Migrator.MigrateAsync(stores.Database, null, CancellationToken.None);
        return migrated.Successful ? stores : throw new InvalidOperationException($"migration failed: {migrated.Error}");
    }

    /// <summary>Messages not yet in a final state.</summary>
    public async Task<int> UnfinishedAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE status = 'pending' OR status = 'claimed'");
    }

    public async ValueTask DisposeAsync() => await drop();

    private static Stores Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("alliancebot-bench-");
        return new Stores(Database.FromOptions(new StorageOptions { Provider = "sqlite", DataFolder = folder.FullName }), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return Task.CompletedTask;
        });
    }

    private static async Task<Stores> PostgresAsync(string admin)
    {
        var name = $"alliancebot_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new Stores(new Database(StorageProvider.Postgres, builder.ToString()), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }
}
