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
        else if (provider == StorageProvider.Postgres)
        {
            // On once the change notifications are received (LookupListener, started with the first lookup).
            lookups = new LookupCache { Enabled = false };
        }
    }

    private readonly LookupCache? lookups;
    private LookupListener? listener;

    /// <summary>
    /// A lookup that stays valid until its tables change (<see cref="LookupCache"/>): on SQLite, where this process sees
    /// every change, and on PostgreSQL, where every instance is told of every change. On SQL Server it just runs
    /// <paramref name="load"/>.
    /// </summary>
    /// <summary>
    /// Whether lookups that follow tables without change notifications (dialog states) may be kept: SQLite only, where
    /// the update hook reports every change; PostgreSQL notifies only the lookup tables of migration 0009.
    /// </summary>
    internal bool CachesLookups => lookups is not null && writer is not null;

    internal Task<T> CachedAsync<T>(string kind, object key, Func<Task<T>> load)
    {
        if (lookups is null)
        {
            return load();
        }

        if (Provider == StorageProvider.Postgres && listener is null)
        {
            StartListening();
        }

        return lookups.GetAsync(kind, key, load);
    }

    private void StartListening()
    {
        lock (lookups!)
        {
            listener ??= new LookupListener(lookups, ConnectionString);
        }
    }

    /// <summary>
    /// PostgreSQL: the work's statements are watched for writes to the cached lookups' tables (<see cref="LookupWrites"/>);
    /// <paramref name="touched"/> hears of one after the work ended.
    /// </summary>
    private Task<T> WatchingAsync<T>(Func<Task<T>> run, Action? touched = null) =>
        lookups is not null && writer is null ? LookupWrites.WatchAsync(lookups, run, touched) : run();

    /// <summary>Counts of connections opened, transactions committed and (when asked for) statements run.</summary>
    public DatabaseStatistics Statistics { get; } = new();

    public StorageProvider Provider { get; }

    internal string ConnectionString { get; }

    /// <summary>
    /// The database the options name. A relative SQLite <see cref="StorageOptions.DataFolder"/> is taken from
    /// <paramref name="contentRoot"/> (hosts pass theirs); without one, from the working directory.
    /// </summary>
    public static Database FromOptions(StorageOptions options, string? contentRoot = null)
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
            var file = options.SqliteFile(contentRoot ?? Directory.GetCurrentDirectory());
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            connectionString = $"Data Source={file}";
        }

        var key = string.IsNullOrWhiteSpace(options.CommentKey) ? null : Convert.FromBase64String(options.CommentKey);
        return new Database(provider, connectionString!, options.BusyTimeoutSeconds, key);
    }

    /// <summary>
    /// Opens a connection; on SQLite with foreign keys on and a busy timeout, so concurrent writers wait, a WAL that is
    /// truncated after checkpoints, and a page cache of at most 4 MB per connection. Issue 18: with 16 MB the caches grew
    /// with the members answering, in malloc'd memory that stays resident; 4 MB costs about two more reads of the file
    /// per answer (from the OS page cache: microseconds against ~500 per answer) and the health-check card no time, for
    /// 7-10 MB less resident under the inbound benchmark (docs/benchmarks.md, "Resident set").
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Statistics.Opened();
        DbConnection connection = Provider switch
        {
            StorageProvider.Sqlite => new SqliteConnection(ConnectionString),
            StorageProvider.Postgres => NewPostgresConnection(ConnectionString),
            _ => NewSqlServerConnection(ConnectionString),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Provider == StorageProvider.Sqlite)
            {
                Statistics.Trace((SqliteConnection)connection);
                lookups?.Watch((SqliteConnection)connection);
                await connection.ExecuteAsync($"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; " +
                    "PRAGMA journal_size_limit = 16777216; PRAGMA cache_size = -4096; PRAGMA temp_store = MEMORY;");
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Apart from OpenAsync so that a SQLite process never loads Npgsql or Microsoft.Data.SqlClient (issue 18: the runtime
    // resolves the types a method names before running it, which mapped both client libraries into every process).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static DbConnection NewPostgresConnection(string connectionString) => new NpgsqlConnection(connectionString);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static DbConnection NewSqlServerConnection(string connectionString) => new SqlConnection(connectionString);

    /// <summary>
    /// Runs work on an open connection, translating provider failures into <see cref="StorageException"/>. On SQLite the
    /// work goes to the process's one writer connection (<see cref="SqliteWriter"/>) and is answered after its commit.
    /// </summary>
    internal async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        if (TurnOf(this) is { } turn)
        {
            return await OnTurnAsync(turn, (connection, _) => work(connection), cancellationToken);
        }

        if (writer is not null)
        {
            return await OnWriterAsync((connection, _) => work(connection), cancellationToken);
        }

        try
        {
            return await WatchingAsync(async () =>
            {
                await using var connection = await OpenAsync(cancellationToken);
                return await work(connection);
            });
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
        TurnOf(this) is { } turn ? OnTurnAsync(turn, work, cancellationToken) : writer is not null ? OnWriterAsync(work, cancellationToken) : RunAsync(async connection =>
        {
            await using var transaction = Provider == StorageProvider.Sqlite
                ? await connection.BeginTransactionAsync(cancellationToken)
                : await connection.BeginTransactionAsync(isolation, cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);

    /// <summary>
    /// Like <see cref="InTransactionAsync{T}"/> for work that is its turn's last database call (PostgreSQL): in a turn,
    /// <paramref name="work"/> is told (its third argument) to send COMMIT in the same command as its statement, so the
    /// turn's commit costs no round trip of its own (<see cref="TurnTransaction.RunAsync{T}(Func{DbConnection, DbTransaction, bool, Task{T}}, CancellationToken, bool, bool)"/>).
    /// Anything the work would refuse must be decided after this returns, not thrown inside it: by then the turn is
    /// committed, and a failure inside would run the turn again.
    /// </summary>
    internal Task<T> InTransactionEndingTurnAsync<T>(Func<DbConnection, DbTransaction, bool, Task<T>> work, CancellationToken cancellationToken) =>
        TurnOf(this) is { } turn
            ? OnTurnAsync(turn, work, cancellationToken, endsTurn: true)
            : InTransactionAsync((connection, transaction) => work(connection, transaction, false), cancellationToken);

    /// <summary>
    /// Work that only reads. On SQLite it runs on the writer's connection outside any transaction (no BEGIN, no commit,
    /// not held up by the commit of the writes it was queued with); elsewhere like <see cref="RunAsync{T}"/>.
    /// </summary>
    internal Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        TurnOf(this) is { } turn ? OnTurnAsync(turn, (connection, _) => work(connection), cancellationToken) : writer is not null ? OnWriterAsync((connection, _) => work(connection), cancellationToken, readOnly: true) : RunAsync(work, cancellationToken);

    private static readonly AsyncLocal<TurnTransaction?> CurrentTurn = new();

    private static TurnTransaction? TurnOf(Database database) =>
        CurrentTurn.Value is { Open: true } turn && turn.Database == database ? turn : null;

    /// <summary>
    /// Runs an inbound turn (<paramref name="body"/>: de-duplication, sighting, dialogs) with all its database work in
    /// one transaction on one connection, committed before this returns, so the caller delivers the answer only after
    /// it is durable (<see cref="TurnTransaction"/>). When a piece of that work fails, the transaction is rolled back
    /// and <paramref name="body"/> runs once more with each use case in its own transaction. On PostgreSQL; SQLite already
    /// commits concurrent work together on its one writer connection, and there the turn's sighting is held for its next
    /// writer call, sharing its commit (<see cref="InWriterTurnAsync{T}"/>); SQL Server is left as it was.
    /// </summary>
    public async Task<T> InTurnAsync<T>(Func<Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (writer is not null && WriterTurnOf(this) is null)
        {
            return await InWriterTurnAsync(body);
        }

        if (Provider != StorageProvider.Postgres || TurnOf(this) is not null)
        {
            return await body();
        }

        var turn = new TurnTransaction(this);
        try
        {
            CurrentTurn.Value = turn;
            T result;
            try
            {
                result = await body();
            }
            catch (Exception) when (turn.Spoiled)
            {
                result = default!;
            }

            if (!turn.Spoiled && turn.HasDeferred)
            {
                // The turn made no database call after its deferred de-duplication: send it now (a repeat spoils the turn).
                try
                {
                    await OnTurnAsync(turn, (_, _) => Task.FromResult(0), cancellationToken);
                }
                catch (Exception) when (turn.Spoiled)
                {
                }
            }

            if (!turn.Spoiled)
            {
                try
                {
                    await turn.CommitAsync(cancellationToken);
                }
                catch (Exception e) when (Translate(e) is { } translated)
                {
                    throw translated;
                }

                return result;
            }
        }
        finally
        {
            CurrentTurn.Value = null;
            await turn.DisposeAsync();
            if (turn.LookupsTouched)
            {
                // Committed: the others hear of it by notification, this process now. Rolled back: a lookup read in
                // between may have cached what was never committed.
                lookups?.Invalidate();
            }
        }

        Statistics.TurnRetried();
        return await body();
    }

    private static readonly AsyncLocal<WriterTurn?> CurrentWriterTurn = new();

    private static WriterTurn? WriterTurnOf(Database database) =>
        CurrentWriterTurn.Value is { Open: true } turn && turn.Database == database ? turn : null;

    /// <summary>
    /// SQLite: runs a turn in which a write the turn does not wait for (the sighting, <see cref="Holding{T}"/>) is held
    /// and sent with the turn's next work on the writer (<see cref="WriterTurn"/>), so it shares that work's savepoint and
    /// commit; what is still held when <paramref name="body"/> returns is sent then. The caller awaits what it holds.
    /// </summary>
    private async Task<T> InWriterTurnAsync<T>(Func<Task<T>> body)
    {
        var turn = new WriterTurn(this);
        try
        {
            CurrentWriterTurn.Value = turn;
            return await body();
        }
        finally
        {
            turn.Open = false;
            CurrentWriterTurn.Value = null;
            writer!.SendHeld(turn);
        }
    }

    /// <summary>
    /// SQLite in a turn: the writes <paramref name="call"/> queues before it first waits are held for the turn's next work
    /// on the writer and run first in its savepoint, sharing its commit (<see cref="WriterTurn"/>) — for a write the caller
    /// does not await before its next database call or <see cref="SendHeld"/> (the turn pipeline's sighting); awaiting it
    /// earlier would wait for a call that does not come. Elsewhere it just calls.
    /// </summary>
    public Task<T> Holding<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (WriterTurnOf(this) is not { } turn)
        {
            return call();
        }

        turn.HoldWrites = true;
        try
        {
            return call();
        }
        finally
        {
            turn.HoldWrites = false;
        }
    }

    /// <summary>
    /// SQLite in a turn: sends what the turn holds now, alone, so that awaiting it does not wait for a call that will not
    /// come (<see cref="Holding{T}"/>). Elsewhere nothing.
    /// </summary>
    public void SendHeld()
    {
        if (WriterTurnOf(this) is { } turn)
        {
            writer!.SendHeld(turn);
        }
    }

    /// <summary>
    /// PostgreSQL in a turn: keeps a de-duplication insert to send with the turn's next database call (see
    /// <see cref="Inbound.IInboundDeduplicator.TryBeginDeferredAsync"/>); false when it must run now.
    /// </summary>
    internal bool DeferDelivery(DeferredDelivery delivery) => TurnOf(this) is { } turn && turn.Defer(delivery);

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>; in a turn, <paramref name="work"/> gets the de-duplication insert waiting to be
    /// sent (<see cref="DeferDelivery"/>) and sends it in its own round trip, failing with
    /// <see cref="RepeatedDeliveryException"/> when it found a repeat.
    /// </summary>
    internal Task<T> RunCarryingDeliveryAsync<T>(Func<DbConnection, DeferredDelivery?, Task<T>> work, CancellationToken cancellationToken) =>
        TurnOf(this) is { } turn
            ? OnTurnAsync(turn, (connection, _) => work(connection, turn.TakeDeferred()), cancellationToken, carriesDeferred: true)
            : RunAsync(connection => work(connection, null), cancellationToken);

    /// <summary>Whether work now runs in a turn's shared transaction (PostgreSQL).</summary>
    internal bool InTurn => TurnOf(this) is not null;

    /// <summary>The lookup versions now, to take before reading what <see cref="RememberPerson"/> keeps.</summary>
    internal (long Lookups, long DialogStates) LookupVersions => lookups is null ? (0, 0) : (lookups.Version, lookups.DialogStatesVersion);

    /// <summary>Keeps what the turn read about its sender (<see cref="Members.TurnPerson"/>) for the rest of the turn.</summary>
    internal void RememberPerson(Members.TurnPerson person)
    {
        if (TurnOf(this) is { } turn && lookups is not null)
        {
            turn.Person = person;
        }
    }

    /// <summary>
    /// What the current turn read about <paramref name="identity"/> with its sighting, while nothing it was read from has
    /// been written since; null otherwise (outside a turn, another person, a write in between).
    /// </summary>
    internal Members.TurnPerson? PersonOfTurn(Members.MemberIdentity identity) =>
        TurnOf(this)?.Person is { } person && person.Identity == identity && person.Versions == LookupVersions ? person : null;

    /// <summary>One of the turn sender's own active memberships (<see cref="PersonOfTurn"/>), by id; null when it is not one of them.</summary>
    internal Members.Member? MemberOfTurnPerson(Guid memberId) =>
        TurnOf(this)?.Person is { } person && person.Versions == LookupVersions ? person.Members.FirstOrDefault(m => m.Id == memberId) : null;

    /// <summary>
    /// Runs <paramref name="action"/> once the current work is committed: at once outside a turn (the use case's own
    /// transaction has committed when it returns), after the turn's commit inside one, never when it is rolled back.
    /// </summary>
    internal void AfterCommit(Action action)
    {
        if (TurnOf(this) is { } turn)
        {
            turn.AfterCommit(action);
        }
        else
        {
            action();
        }
    }

    private Task<T> OnTurnAsync<T>(TurnTransaction turn, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken, bool carriesDeferred = false) =>
        OnTurnAsync(turn, (connection, transaction, _) => work(connection, transaction), cancellationToken, carriesDeferred);

    private async Task<T> OnTurnAsync<T>(TurnTransaction turn, Func<DbConnection, DbTransaction, bool, Task<T>> work, CancellationToken cancellationToken,
        bool carriesDeferred = false, bool endsTurn = false)
    {
        try
        {
            return await WatchingAsync(() => turn.RunAsync(work, cancellationToken, carriesDeferred, endsTurn), turn.TouchedLookups);
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    private async Task<T> OnWriterAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken, bool readOnly = false)
    {
        try
        {
            var turn = WriterTurnOf(this);
            return turn is { HoldWrites: true } && !readOnly
                ? await writer!.Hold(turn, work)
                : await writer!.RunAsync(work, cancellationToken, readOnly, turn);
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

        if (listener is not null)
        {
            await listener.DisposeAsync();
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

        // A pooled connection handed back is not reset (with prepared statements Npgsql would send seven statements
        // each time: RESET ALL, DISCARD SEQUENCES, UNLISTEN *...). The use cases leave no session state behind: no SET,
        // no temporary tables, and the migrator releases its advisory lock itself.
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("ResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
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
