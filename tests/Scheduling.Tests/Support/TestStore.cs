using AllianceBot.Dialogs.Channels;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Storage;
using Dapper;
using Npgsql;

namespace AllianceBot.Scheduling.Tests.Support;

/// <summary>
/// The Data layer's real stores on a fresh, migrated database: SQLite in a temporary folder, or a new database on
/// the PostgreSQL server of ALLIANCEBOT_TEST_POSTGRES (scripts/test.sh starts one; locally
/// <c>PGPORT=55436 source scripts/postgres.sh; pg_start</c>). A PostgreSQL test fails, never skips, without it.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "ALLIANCEBOT_TEST_POSTGRES";

    private readonly Func<Task> drop;

    private TestStore(Database database, Func<Task> drop)
    {
        Database = database;
        Outbox = new OutboxStore(database);
        Contacts = new ContactStore(database);
        this.drop = drop;
    }

    public Database Database { get; }

    public OutboxStore Outbox { get; }

    public ContactStore Contacts { get; }

    public static async Task<TestStore> CreateAsync(string provider = "sqlite")
    {
        var store = provider switch
        {
            "sqlite" => CreateSqlite(),
            "postgres" => await CreatePostgresAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres"),
        };
        var migrated = await Migrator.MigrateAsync(store.Database, null, CancellationToken.None);
        Assert.True(migrated.Successful, migrated.Error);
        return store;
    }

    /// <summary>Every outbox row as the database holds it.</summary>
    public async Task<IReadOnlyList<OutboxRow>> RowsAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<OutboxRow>(
            "SELECT id AS Id, target AS Target, status AS Status, attempts AS Attempts, last_error AS LastError, claimed_by AS ClaimedBy, channel_message_id AS ChannelMessageId FROM outbox");
        return rows.ToList();
    }

    public async Task<int> CountAsync(params string[] statuses)
    {
        // One query per status: Dapper's IN-list expansion is not portable to Npgsql (it passes an array).
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var total = 0;
        foreach (var status in statuses)
        {
            total += await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE status = @status", new { status });
        }

        return total;
    }

    /// <summary>Records a sighting of each member, as the channel does when a person installs the app.</summary>
    public async Task SeeAsync(IEnumerable<ConversationReference> members)
    {
        foreach (var member in members)
        {
            await Contacts.RecordSightingAsync(new ContactSighting(member, null, "en-US", null, DateTimeOffset.UtcNow), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await drop();

    private static TestStore CreateSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("alliancebot-sched-store-");
        var database = Database.FromOptions(new StorageOptions { Provider = "sqlite", DataFolder = folder.FullName });
        return new TestStore(database, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return Task.CompletedTask;
        });
    }

    private static async Task<TestStore> CreatePostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        Assert.False(string.IsNullOrEmpty(admin), $"{PostgresVariable} is not set: start PostgreSQL with scripts/postgres.sh (pg_start)");
        var name = $"alliancebot_sched_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestStore(new Database(StorageProvider.Postgres, builder.ToString()), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    public sealed class OutboxRow
    {
        public Guid Id { get; set; }

        public string Target { get; set; } = "";

        public string Status { get; set; } = "";

        public int Attempts { get; set; }

        public string? LastError { get; set; }

        public string? ClaimedBy { get; set; }

        public string? ChannelMessageId { get; set; }

        public string UserId => OutboxJson.ReadTarget(Target).UserId;
    }
}
