using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AllianceBot.Data.Storage;

/// <summary>
/// SQLite allows one writer at a time. Instead of every use case opening a pooled connection (and re-running its
/// PRAGMAs), racing for the file's write lock and sleeping in the busy handler, the process has one long-lived
/// connection that runs the use cases' work one after the other, and commits what queued up meanwhile together:
/// a group commit. Each piece of work runs in a savepoint of the batch's transaction, so one that fails is rolled back
/// alone; every caller is answered only after the commit that holds its work (an answer acknowledged is an answer
/// stored). The connection's page cache stays warm (no other connection of the process writes), and checkpoints can
/// reset the WAL because no pooled reader holds it. Closed after a moment of idleness, reopened on demand.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    /// <summary>Work queued while a batch ran joins the next one, up to this many pieces per commit.</summary>
    private const int MaxBatch = 128;

    private static readonly TimeSpan IdleClose = TimeSpan.FromSeconds(2);

    // The work running on the writer right now, so work that calls the database again joins it instead of waiting
    // for itself.
    private static readonly AsyncLocal<Running?> Current = new();

    private readonly Channel<Item> queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<SqliteConnection>> open;
    private readonly DatabaseStatistics statistics;
    private readonly Task loop;
    private PreparingConnection? connection;

    public SqliteWriter(Func<CancellationToken, Task<SqliteConnection>> open, DatabaseStatistics statistics)
    {
        this.open = open;
        this.statistics = statistics;
        loop = Task.Run(RunLoopAsync);
    }

    /// <summary>
    /// Queues <paramref name="work"/>, answered after the commit that holds it. Work of a <paramref name="turn"/> carries
    /// what the turn held (<see cref="Hold{T}"/>).
    /// </summary>
    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken, bool readOnly = false, WriterTurn? turn = null)
    {
        if (Current.Value is { } running && running.Writer == this)
        {
            return work(running.Connection, running.Transaction!);
        }

        var held = turn?.TakeHeld();
        var item = new Item<T>(work, cancellationToken) { ReadOnly = readOnly && held is null, Held = held };
        return queue.Writer.TryWrite(item) ? item.Task : Task.FromException<T>(new ObjectDisposedException(nameof(SqliteWriter)));
    }

    /// <summary>
    /// Keeps a write of <paramref name="turn"/> that the turn does not wait for (the sighting) until the turn's next work
    /// on the writer, which runs it first in its own savepoint, so both share one commit; or until <see cref="SendHeld"/>.
    /// </summary>
    public Task<T> Hold<T>(WriterTurn turn, Func<DbConnection, DbTransaction, Task<T>> work)
    {
        var item = new Item<T>(work, CancellationToken.None);
        turn.Add(item);
        return item.Task;
    }

    /// <summary>Queues what <paramref name="turn"/> still holds, alone (the turn has no further work for the writer).</summary>
    public void SendHeld(WriterTurn turn)
    {
        if (turn.TakeHeld() is { } held)
        {
            var item = new Item<int>((_, _) => Task.FromResult(0), CancellationToken.None) { Held = held };
            if (!queue.Writer.TryWrite(item))
            {
                item.Fail(new ObjectDisposedException(nameof(SqliteWriter)));
                item.Complete();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
        }
    }

    private async Task RunLoopAsync()
    {
        var reader = queue.Reader;
        var batch = new List<Item>(MaxBatch);
        while (true)
        {
            if (!reader.TryPeek(out _) && connection is not null)
            {
                // Idle: give the connection back after a moment, so a quiet process holds no file open.
                using var idle = new CancellationTokenSource(IdleClose);
                try
                {
                    if (!await reader.WaitToReadAsync(idle.Token))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException)
                {
                    await CloseAsync();
                }
            }

            if (!await reader.WaitToReadAsync())
            {
                break;
            }

            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item.CancellationToken.IsCancellationRequested)
                {
                    item.Cancel();
                }
                else
                {
                    batch.Add(item);
                }
            }

            if (batch.Count > 0)
            {
                await RunBatchAsync(batch);
                batch.Clear();
            }
        }

        await CloseAsync();
    }

    private async Task RunBatchAsync(List<Item> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await RunBatchCoreAsync(batch);
        }
        finally
        {
            statistics.WriterRan(batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task RunBatchCoreAsync(List<Item> batch)
    {
        WriterTransaction? transaction = null;
        try
        {
            if (connection is null)
            {
                connection = new PreparingConnection(await open(CancellationToken.None), statistics);

                // Prepared once per connection, so how many statements a request prepares does not depend on whether
                // its work happened to share a batch (savepoints) with other work.
                connection.Keep("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK", "SAVEPOINT w", "RELEASE w", "ROLLBACK TO w");
            }

            // Reads need no transaction and no commit: those queued before the batch's first write run first, on the same
            // connection (its cache is warm and it sees everything committed), and are answered at once. A read queued
            // after a write runs in its place in the transaction, so it sees that write (work runs in the order queued:
            // a caller may queue a write without waiting for its commit and rely on its next call seeing it).
            var leadingReads = batch.FindIndex(i => !i.ReadOnly) is var firstWrite and >= 0 ? firstWrite : batch.Count;
            if (leadingReads > 0)
            {
                foreach (var read in batch.GetRange(0, leadingReads))
                {
                    Current.Value = new Running(this, connection, null);
                    try
                    {
                        await read.RunAsync(connection, null);
                    }
                    catch (Exception e)
                    {
                        read.Fail(e);
                    }
                    finally
                    {
                        Current.Value = null;
                    }

                    read.Complete();
                }

                batch.RemoveRange(0, leadingReads);
                if (batch.Count == 0)
                {
                    return;
                }
            }

            // BEGIN, COMMIT and the savepoints run as kept statements too (SqliteTransaction would prepare each anew).
            connection.Run("BEGIN IMMEDIATE");
            transaction = new WriterTransaction(connection);
            var broken = false;
            var savepoints = batch.Count > 1;
            foreach (var item in batch)
            {
                if (broken)
                {
                    item.Fail(new InvalidOperationException("The batch's transaction was lost to an earlier failure; nothing of it was stored."));
                    continue;
                }

                if (savepoints)
                {
                    connection.Run("SAVEPOINT w");
                }

                Current.Value = new Running(this, connection, transaction);
                try
                {
                    await item.RunAsync(connection, transaction);
                    if (savepoints)
                    {
                        connection.Run("RELEASE w");
                    }
                }
                catch (Exception e)
                {
                    item.Fail(e);
                    if (!savepoints)
                    {
                        broken = true;
                    }
                    else
                    {
                        try
                        {
                            connection.Run("ROLLBACK TO w");
                            connection.Run("RELEASE w");
                        }
                        catch (SqliteException)
                        {
                            // SQLite rolled the whole transaction back (an I/O error, a full disk): nothing of the batch stays.
                            broken = true;
                        }
                    }
                }
                finally
                {
                    Current.Value = null;
                }
            }

            if (broken)
            {
                RollbackQuietly(connection);
                foreach (var item in batch)
                {
                    item.Fail(new InvalidOperationException("The batch's transaction was lost to an earlier failure; nothing of it was stored."));
                }
            }
            else
            {
                connection.Run("COMMIT");
                statistics.Committed(batch.Count);
            }

            foreach (var item in batch)
            {
                item.Complete();
            }
        }
        catch (Exception e)
        {
            // BEGIN or COMMIT failed (the file is locked by another process beyond the busy timeout, I/O error): none
            // of the batch is stored. The connection may be unusable: open a fresh one next time.
            if (transaction is not null && connection is not null)
            {
                RollbackQuietly(connection);
            }

            foreach (var item in batch)
            {
                item.Fail(e);
                item.Complete();
            }

            await CloseAsync();
        }
    }

    private static void RollbackQuietly(PreparingConnection connection)
    {
        try
        {
            if (connection.Inner.State == System.Data.ConnectionState.Open && raw.sqlite3_get_autocommit(connection.Inner.Handle) == 0)
            {
                connection.Run("ROLLBACK");
            }
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
        }
    }

    private async Task CloseAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }

    private sealed record Running(SqliteWriter Writer, DbConnection Connection, DbTransaction? Transaction);

    /// <summary>
    /// The batch's transaction as the use cases see it: they pass it to Dapper and never end it (the writer commits).
    /// The kept commands run on the connection, which is inside the transaction begun with BEGIN IMMEDIATE.
    /// </summary>
    private sealed class WriterTransaction(PreparingConnection connection) : DbTransaction
    {
        public override System.Data.IsolationLevel IsolationLevel => System.Data.IsolationLevel.Serializable;

        protected override DbConnection DbConnection => connection;

        public override void Commit() => throw new InvalidOperationException("The writer commits the batch; work does not end its transaction.");

        public override void Rollback() => throw new InvalidOperationException("The writer ends the batch; work does not end its transaction.");
    }

    internal abstract class Item(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        /// <summary>Work that only reads: run outside the batch's transaction.</summary>
        public bool ReadOnly { get; init; }

        /// <summary>Writes the turn held (<see cref="Hold{T}"/>): run first, in this work's savepoint, and answered with it.</summary>
        public List<Item>? Held { get; init; }

        private Exception? error;

        public async Task RunAsync(DbConnection connection, DbTransaction? transaction)
        {
            if (Held is not null)
            {
                foreach (var held in Held)
                {
                    await held.RunAsync(connection, transaction);
                }
            }

            await RunOwnAsync(connection, transaction);
        }

        /// <summary>Remembers the failure (for the held writes too: they share the savepoint); the callers hear it after the batch ends.</summary>
        public void Fail(Exception error)
        {
            if (Held is not null)
            {
                foreach (var held in Held)
                {
                    held.Fail(error);
                }
            }

            this.error ??= error;
        }

        /// <summary>Answers the callers: the results (the batch committed) or the failure.</summary>
        public void Complete()
        {
            if (Held is not null)
            {
                foreach (var held in Held)
                {
                    held.Complete();
                }
            }

            CompleteOwn(error);
        }

        public void Cancel()
        {
            if (Held is not null)
            {
                foreach (var held in Held)
                {
                    held.Cancel();
                }
            }

            CancelOwn();
        }

        protected abstract Task RunOwnAsync(DbConnection connection, DbTransaction? transaction);

        protected abstract void CompleteOwn(Exception? error);

        protected abstract void CancelOwn();
    }

    private sealed class Item<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) : Item(cancellationToken)
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => completion.Task;

        protected override async Task RunOwnAsync(DbConnection connection, DbTransaction? transaction) =>
            result = await work(connection, transaction!);

        protected override void CompleteOwn(Exception? error)
        {
            if (error is OperationCanceledException)
            {
                completion.TrySetCanceled(CancellationToken);
            }
            else if (error is not null)
            {
                completion.TrySetException(error);
            }
            else
            {
                completion.TrySetResult(result!);
            }
        }

        protected override void CancelOwn() => completion.TrySetCanceled(CancellationToken);
    }
}

/// <summary>
/// An inbound turn on SQLite (<see cref="Database.InTurnAsync{T}"/>). A write the turn does not wait for — the contact
/// sighting (<see cref="Database.Holding{T}"/>) — is held and runs first in the savepoint of the turn's next work on the
/// writer (for an answer: the pulse submission), so the two share one writer call and one commit instead of being
/// queued apart and committed in whichever batches they fell into.
/// </summary>
internal sealed class WriterTurn(Database database)
{
    private List<SqliteWriter.Item>? held;

    public Database Database { get; } = database;

    /// <summary>False once the turn's body returned: work queued later by tasks it started is not the turn's.</summary>
    public bool Open { get; set; } = true;

    /// <summary>While set, the turn's writes are held rather than queued (<see cref="Database.Holding{T}"/>).</summary>
    public bool HoldWrites { get; set; }

    public void Add(SqliteWriter.Item item)
    {
        lock (this)
        {
            (held ??= []).Add(item);
        }
    }

    /// <summary>What the turn holds, handed to the work that carries it; null when nothing is held.</summary>
    public List<SqliteWriter.Item>? TakeHeld()
    {
        lock (this)
        {
            var taken = held;
            held = null;
            return taken;
        }
    }
}
