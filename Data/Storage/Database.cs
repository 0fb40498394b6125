using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AllianceBot.Data.Storage;

/// <summary>
/// The one service the use cases need: which provider, how to open a connection, and how to run work so provider
/// exceptions become <see cref="StorageException"/>. The use cases are extension methods on it, one file each.
/// </summary>
public sealed class Database : IAsyncDisposable, IDisposable
{
    private readonly int busyTimeoutMs;
    private readonly SqliteWriter? writer;
    private readonly byte[]? configuredCommentKey;
    private byte[]? commentKey;

    public Database(StorageProvider provider, string connectionString, int busyTimeoutSeconds = 10, byte[]? commentKey = null)
    {
        DapperTypeHandlers.Register();
        Provider = provider;
        ConnectionString = provider switch
        {
            StorageProvider.Sqlite => SqliteConnectionString(connectionString),
            StorageProvider.Postgres => PostgresConnectionString(connectionString),
            _ => connectionString,
        };
        busyTimeoutMs = busyTimeoutSeconds * 1000;
        configuredCommentKey = commentKey;
        if (provider == StorageProvider.Sqlite)
        {
            writer = new SqliteWriter(async ct => (SqliteConnection)await OpenAsync(ct), Statistics);
            lookups = new LookupCache();
        }
    }

    private readonly LookupCache? lookups;

    /// <summary>
    /// A lookup that stays valid until its tables change (<see cref="LookupCache"/>); on SQLite only, where this
    /// process sees every change. Elsewhere it just runs <paramref name="load"/>.
    /// </summary>
    /// <summary>Whether <see cref="CachedAsync{T}"/> keeps what it loads (SQLite), or loads every time.</summary>
    internal bool CachesLookups => lookups is not null;

    internal Task<T> CachedAsync<T>(string kind, object key, Func<Task<T>> load) =>
        lookups is null ? load() : lookups.GetAsync(kind, key, load);

    /// <summary>Counts of connections opened, transactions committed and (when asked for) statements run.</summary>
    public DatabaseStatistics Statistics { get; } = new();

    public StorageProvider Provider { get; }

    internal string ConnectionString { get; }

    public static Database FromOptions(StorageOptions options)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new StorageException(StorageErrorKind.InvalidInput, string.Join(" ", problems));
        }

        var provider = options.ParsedProvider();
        var connectionString = options.ConnectionString;
        if (provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(options.DataFolder);
            connectionString = $"Data Source={Path.Combine(options.DataFolder, "alliancebot.db")}";
        }

        var key = string.IsNullOrWhiteSpace(options.CommentKey) ? null : Convert.FromBase64String(options.CommentKey);
        return new Database(provider, connectionString!, options.BusyTimeoutSeconds, key);
    }

    /// <summary>
    /// Opens a connection; on SQLite with foreign keys on and a busy timeout, so concurrent writers wait, a WAL that is
    /// truncated after checkpoints, and a page cache large enough for the hot part of the file.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Statistics.Opened();
        DbConnection connection = Provider switch
        {
            StorageProvider.Sqlite => new SqliteConnection(ConnectionString),
            StorageProvider.Postgres => new NpgsqlConnection(ConnectionString),
            _ => new SqlConnection(ConnectionString),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Provider == StorageProvider.Sqlite)
            {
                Statistics.Trace((SqliteConnection)connection);
                lookups?.Watch((SqliteConnection)connection);
                await connection.ExecuteAsync($"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; " +
                    "PRAGMA journal_size_limit = 16777216; PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;");
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs work on an open connection, translating provider failures into <see cref="StorageException"/>. On SQLite the
    /// work goes to the process's one writer connection (<see cref="SqliteWriter"/>) and is answered after its commit.
    /// </summary>
    internal async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        if (writer is not null)
        {
            return await OnWriterAsync((connection, _) => work(connection), cancellationToken);
        }

        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Runs work in one transaction. On SQLite Microsoft.Data.Sqlite begins it IMMEDIATE, i.e. it takes the single
    /// writer lock up front, so read-then-write sequences cannot interleave.
    /// </summary>
    internal Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken,
        IsolationLevel isolation = IsolationLevel.ReadCommitted) =>
        writer is not null ? OnWriterAsync(work, cancellationToken) : RunAsync(async connection =>
        {
            await using var transaction = Provider == StorageProvider.Sqlite
                ? await connection.BeginTransactionAsync(cancellationToken)
                : await connection.BeginTransactionAsync(isolation, cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);

    /// <summary>
    /// Work that only reads. On SQLite it runs on the writer's connection outside any transaction (no BEGIN, no commit,
    /// not held up by the commit of the writes it was queued with); elsewhere like <see cref="RunAsync{T}"/>.
    /// </summary>
    internal Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        writer is not null ? OnWriterAsync((connection, _) => work(connection), cancellationToken, readOnly: true) : RunAsync(work, cancellationToken);

    private async Task<T> OnWriterAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken, bool readOnly = false)
    {
        try
        {
            return await writer!.RunAsync(work, cancellationToken, readOnly);
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (writer is not null)
        {
            await writer.DisposeAsync();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException sql => sql.Number is 2627 or 2601,
        _ => false,
    };

    private StorageException? Translate(Exception e) => e switch
    {
        StorageException => null,
        OperationCanceledException => null,
        _ when IsUniqueViolation(e) => new StorageException(StorageErrorKind.Conflict, "That already exists.", e),
        SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: "23503" or "23514" or "22001" }
            or SqlException { Number: 547 or 8152 or 2628 } =>
            new StorageException(StorageErrorKind.Conflict, "The change refers to something that does not exist or breaks a rule of the schema.", e),
        DbException or TimeoutException or InvalidOperationException =>
            new StorageException(StorageErrorKind.Unavailable, $"The {Provider} database failed: {e.Message}", e),
        _ => null,
    };

    /// <summary>The key of the keyed hash that links a comment to its author for "forget me" only.</summary>
    internal async Task<byte[]> CommentKeyAsync(CancellationToken cancellationToken)
    {
        if (configuredCommentKey is not null)
        {
            return configuredCommentKey;
        }

        if (commentKey is not null)
        {
            return commentKey;
        }

        var generated = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var stored = await RunAsync(async connection =>
        {
            await connection.ExecuteAsync(new CommandDefinition(Sql.InsertIgnore(Provider, "INSERT INTO storage_keys (name, key_value) VALUES (@name, @value)"),
                new { name = "comment", value = generated }, cancellationToken: cancellationToken));
            return await connection.QuerySingleAsync<string>(new CommandDefinition(
                "SELECT key_value FROM storage_keys WHERE name = @name", new { name = "comment" }, cancellationToken: cancellationToken));
        }, cancellationToken);
        return commentKey = Convert.FromBase64String(stored);
    }

    /// <summary>
    /// Npgsql prepares the statements the use cases run again and again (their SQL text is constant), so PostgreSQL
    /// parses and plans each once per connection; a connection string that says otherwise wins.
    /// </summary>
    private static string PostgresConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 100;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ToString();
    }

    private static string SqliteConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true };
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
