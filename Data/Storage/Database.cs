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
public sealed class Database
{
    private readonly int busyTimeoutMs;
    private readonly byte[]? configuredCommentKey;
    private byte[]? commentKey;

    public Database(StorageProvider provider, string connectionString, int busyTimeoutSeconds = 10, byte[]? commentKey = null)
    {
        DapperTypeHandlers.Register();
        Provider = provider;
        ConnectionString = provider == StorageProvider.Sqlite ? SqliteConnectionString(connectionString) : connectionString;
        busyTimeoutMs = busyTimeoutSeconds * 1000;
        configuredCommentKey = commentKey;
    }

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

    /// <summary>Opens a connection; on SQLite with foreign keys on and a busy timeout, so concurrent writers wait.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
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
                await connection.ExecuteAsync($"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs work on an open connection, translating provider failures into <see cref="StorageException"/>.</summary>
    internal async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
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
        RunAsync(async connection =>
        {
            await using var transaction = Provider == StorageProvider.Sqlite
                ? await connection.BeginTransactionAsync(cancellationToken)
                : await connection.BeginTransactionAsync(isolation, cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);

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
