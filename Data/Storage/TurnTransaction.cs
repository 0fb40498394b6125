using System.Data;
using System.Data.Common;

namespace AllianceBot.Data.Storage;

/// <summary>
/// One inbound turn's database work on one connection in one transaction (PostgreSQL): the de-duplication row, the
/// contact sighting, the dialog's reads and the answer are committed together, once, before the turn's answer is
/// delivered — one commit (one WAL flush) per turn instead of one per use case, and one pooled connection instead of
/// one per query. The use cases do not know: <see cref="Database"/> sends their work here while a turn runs
/// (<see cref="Database.InTurnAsync{T}"/>).
/// <para>
/// A use case is all-or-nothing. Inside a shared transaction that holds only as long as nothing fails, so the first
/// failure of any piece of work (a broken rule, a unique key, a deadlock, a cancelled read) <b>spoils</b> the turn:
/// everything it wrote is rolled back and the turn runs again with every use case in its own transaction, as it
/// would without a turn. Nothing has left the process yet (delivery happens after the commit), so running it again
/// is safe. Work queued after the spoil is refused with <see cref="TurnSpoiledException"/>.
/// </para>
/// </summary>
internal sealed class TurnTransaction(Database database) : IAsyncDisposable
{
    // The work running on the turn's connection right now, so work that calls the database again joins it instead of
    // waiting for itself.
    private static readonly AsyncLocal<TurnTransaction?> Inside = new();

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<Action> afterCommit = [];
    private DbConnection? connection;
    private DbTransaction? transaction;
    private bool committedWithWork;

    public Database Database => database;

    /// <summary>False once committed, rolled back or spoiled: later work (a task that outlived the turn) runs on its own.</summary>
    public bool Open { get; private set; } = true;

    public bool Spoiled { get; private set; }

    /// <summary>A piece of work wrote to a table behind the lookup cache: it is made stale again when the turn ends.</summary>
    public void TouchedLookups() => LookupsTouched = true;

    public bool LookupsTouched { get; private set; }

    /// <summary>What the turn read about its sender with their sighting (PostgreSQL), for the dialogs' lookups of them.</summary>
    public Members.TurnPerson? Person { get; set; }

    private DeferredDelivery? deferred;

    /// <summary>
    /// Keeps a de-duplication insert to send with the turn's next piece of work (<see cref="TakeDeferred"/>) or, when
    /// that work does not carry it, just before it; false when one is already waiting or the turn is over.
    /// </summary>
    public bool Defer(DeferredDelivery delivery)
    {
        lock (afterCommit)
        {
            if (!Open || Spoiled || deferred is not null)
            {
                return false;
            }

            deferred = delivery;
            return true;
        }
    }

    /// <summary>The waiting de-duplication insert, for work that sends it in its own round trip (taken: sent once).</summary>
    public DeferredDelivery? TakeDeferred()
    {
        lock (afterCommit)
        {
            var taken = deferred;
            deferred = null;
            return taken;
        }
    }

    public bool HasDeferred
    {
        get
        {
            lock (afterCommit)
            {
                return deferred is not null;
            }
        }
    }

    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken, bool carriesDeferred = false) =>
        RunAsync((connection, transaction, _) => work(connection, transaction), cancellationToken, carriesDeferred, endsTurn: false);

    /// <summary>
    /// Runs <paramref name="work"/> on the turn's connection. With <paramref name="endsTurn"/> the work is told to send
    /// COMMIT in the same command as its statement (its third argument is true; false when it runs nested in other work
    /// of the turn, which then commits as usual): once it returns the turn is committed and closed — any later database
    /// call of the turn runs on its own, and <see cref="CommitAsync"/> only runs what waits for the commit. A failure of
    /// the statement or of the COMMIT rolls the whole turn back, as any failure does.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, bool, Task<T>> work, CancellationToken cancellationToken, bool carriesDeferred, bool endsTurn)
    {
        if (Spoiled)
        {
            throw new TurnSpoiledException();
        }

        if (Inside.Value == this)
        {
            return await work(connection!, transaction!, false);
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Spoiled)
            {
                throw new TurnSpoiledException();
            }

            connection ??= await database.OpenAsync(cancellationToken);
            // Npgsql sends the BEGIN with the first statement, not on its own.
            transaction ??= await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            Inside.Value = this;
            if (!carriesDeferred && TakeDeferred() is { } delivery)
            {
                // This work does not send the waiting de-duplication insert itself: it goes first, on its own.
                if (await connection.ExecAsync(Sql.InsertIgnore(StorageProvider.Postgres, Inbound.InboundDeduplicator.Insert),
                        new { delivery.Channel, delivery.Key, now = delivery.At }, transaction, cancellationToken) == 0)
                {
                    throw new RepeatedDeliveryException();
                }
            }

            var result = await work(connection, transaction, endsTurn);
            if (endsTurn)
            {
                Open = false;
                committedWithWork = true;
                database.Statistics.Committed(1);
            }

            return result;
        }
        catch (Exception e) when (e is not TurnSpoiledException)
        {
            Spoiled = true;
            throw;
        }
        finally
        {
            Inside.Value = null;
            gate.Release();
        }
    }

    /// <summary>Runs <paramref name="action"/> after the commit (at once when the turn has no transaction).</summary>
    public void AfterCommit(Action action)
    {
        lock (afterCommit)
        {
            afterCommit.Add(action);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            Open = false;
            if (transaction is not null && !committedWithWork)
            {
                await transaction.CommitAsync(cancellationToken);
                database.Statistics.Committed(1);
            }
        }
        finally
        {
            gate.Release();
        }

        foreach (var action in afterCommit)
        {
            action();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Open = false;
        if (transaction is not null)
        {
            await transaction.DisposeAsync(); // rolls back unless committed
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        gate.Dispose();
    }
}

/// <summary>An earlier piece of the turn's work failed; the turn runs again without the shared transaction.</summary>
public sealed class TurnSpoiledException() : Exception("An earlier database call of this turn failed; the turn is rolled back and runs again.");

/// <summary>A de-duplication insert waiting for the turn's next database call (<see cref="TurnTransaction.Defer"/>).</summary>
internal sealed record DeferredDelivery(string Channel, string Key, DateTimeOffset At);

/// <summary>
/// A de-duplication insert sent late found the delivery already processed: the turn is rolled back and runs again
/// from the start, where the de-duplication answers "repeat" before anything else runs.
/// </summary>
internal sealed class RepeatedDeliveryException() : Exception("This delivery was already processed; the turn is rolled back and runs again.");
