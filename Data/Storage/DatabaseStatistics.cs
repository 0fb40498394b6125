using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AllianceBot.Data.Storage;

/// <summary>
/// What the database layer did, for tests that guard the number of round trips per request and for the benchmark:
/// connections opened, commits (and the work they carried), and — only once <see cref="CountStatements"/> was called,
/// because SQLite then reports every statement to us — the statements SQLite ran, PRAGMAs, BEGIN and COMMIT included.
/// </summary>
public sealed class DatabaseStatistics
{
    /// <summary>
    /// The same counts for a running bot, process-wide (<c>dotnet-counters monitor -p PID --counters AllianceBot.Storage</c>):
    /// commits, the work they carried, writer batches by size, writer busy time, statements prepared.
    /// </summary>
    public const string MeterName = "AllianceBot.Storage";

    private static readonly System.Diagnostics.Metrics.Meter Meter = new(MeterName);
    private static readonly System.Diagnostics.Metrics.Counter<long> CommitsMeter = Meter.CreateCounter<long>("alliancebot.storage.commits");
    private static readonly System.Diagnostics.Metrics.Counter<long> CommittedWorkMeter = Meter.CreateCounter<long>("alliancebot.storage.committed_work");
    private static readonly System.Diagnostics.Metrics.Counter<long> PreparesMeter = Meter.CreateCounter<long>("alliancebot.storage.prepares");
    private static readonly System.Diagnostics.Metrics.Counter<double> WriterBusyMeter = Meter.CreateCounter<double>("alliancebot.storage.writer_busy", "ms");
    private static readonly System.Diagnostics.Metrics.Histogram<int> BatchSizeMeter = Meter.CreateHistogram<int>("alliancebot.storage.writer_batch_size");

    private long opens;
    private long commits;
    private long committedWork;
    private long statements;
    private long turnsRetried;
    private long prepares;
    private long writerBatches;
    private long writerTicks;
    private readonly long[] batchSizes = new long[BatchSizeBuckets.Length];
    private volatile bool counting;
    private System.Collections.Concurrent.ConcurrentQueue<string>? recorded;

    public long Opens => Interlocked.Read(ref opens);

    public long Commits => Interlocked.Read(ref commits);

    /// <summary>Pieces of work (use-case calls) the commits carried; more than <see cref="Commits"/> when grouped.</summary>
    public long CommittedWork => Interlocked.Read(ref committedWork);

    /// <summary>Turns whose shared transaction (PostgreSQL) was rolled back and run again use case by use case.</summary>
    public long TurnsRetried => Interlocked.Read(ref turnsRetried);

    /// <summary>
    /// SQL texts handed to SQLite to prepare on the writer connection (a statement not kept yet, or run unkept); a kept
    /// statement runs again without being prepared (<see cref="PreparingConnection"/>).
    /// </summary>
    public long Prepares => Interlocked.Read(ref prepares);

    /// <summary>Batches the SQLite writer ran (a commit, or reads only).</summary>
    public long WriterBatches => Interlocked.Read(ref writerBatches);

    /// <summary>Time the SQLite writer spent running batches (its connection busy), in total.</summary>
    public TimeSpan WriterBusy => TimeSpan.FromTicks(Interlocked.Read(ref writerTicks));

    /// <summary>Upper bounds of the batch-size buckets of <see cref="BatchSizes"/>: 1, 2, 3–4, 5–8, ... 65–128.</summary>
    public static readonly int[] BatchSizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128];

    /// <summary>How many writer batches held 1, 2, 3–4, ... pieces of work (<see cref="BatchSizeBuckets"/>).</summary>
    public IReadOnlyList<long> BatchSizes => [.. batchSizes];

    /// <summary>Statements SQLite ran since <see cref="CountStatements"/>.</summary>
    public long Statements => Interlocked.Read(ref statements);

    /// <summary>Count SQLite statements from now on.</summary>
    public void CountStatements()
    {
        TraceOpenConnections();
    }

    /// <summary>Count SQLite statements from now on and keep their text, for a test to show what one request ran.</summary>
    public void RecordStatements()
    {
        recorded = new();
        TraceOpenConnections();
    }

    /// <summary>The statements' text since <see cref="RecordStatements"/> (empty unless recording), taken out.</summary>
    public IReadOnlyList<string> TakeRecorded()
    {
        var taken = new List<string>();
        while (recorded?.TryDequeue(out var sql) == true)
        {
            taken.Add(sql);
        }

        return taken;
    }

    /// <summary>A snapshot, to subtract.</summary>
    public (long Opens, long Commits, long Work, long Statements) Now() => (Opens, Commits, CommittedWork, Statements);

    internal void Opened() => Interlocked.Increment(ref opens);

    internal void Committed(int work)
    {
        Interlocked.Increment(ref commits);
        Interlocked.Add(ref committedWork, work);
        CommitsMeter.Add(1);
        CommittedWorkMeter.Add(work);
    }

    internal void Prepared()
    {
        Interlocked.Increment(ref prepares);
        PreparesMeter.Add(1);
    }

    internal void WriterRan(int work, TimeSpan busy)
    {
        Interlocked.Increment(ref writerBatches);
        Interlocked.Add(ref writerTicks, busy.Ticks);
        WriterBusyMeter.Add(busy.TotalMilliseconds);
        BatchSizeMeter.Record(work);
        var bucket = Array.FindIndex(BatchSizeBuckets, b => work <= b);
        Interlocked.Increment(ref batchSizes[bucket < 0 ? batchSizes.Length - 1 : bucket]);
    }

    internal void TurnRetried() => Interlocked.Increment(ref turnsRetried);

    /// <summary>
    /// A connection whose statements are to be counted once counting starts. The trace hook is installed only while
    /// counting (a test asked for it): SQLite's legacy trace expands every statement's SQL with its bound values and the
    /// callback turns it into a string — 3% of the bot's CPU under load when it was installed on every connection.
    /// </summary>
    internal void Trace(SqliteConnection connection)
    {
        lock (traceable)
        {
            if (counting)
            {
                InstallTrace(connection);
                return;
            }

            traceable.RemoveAll(w => !w.TryGetTarget(out var c) || c.State != System.Data.ConnectionState.Open);
            traceable.Add(new WeakReference<SqliteConnection>(connection));
        }
    }

    private readonly List<WeakReference<SqliteConnection>> traceable = [];

    private void TraceOpenConnections()
    {
        lock (traceable)
        {
            counting = true;
            foreach (var weak in traceable)
            {
                if (weak.TryGetTarget(out var connection) && connection.State == System.Data.ConnectionState.Open)
                {
                    InstallTrace(connection);
                }
            }

            traceable.Clear();
        }
    }

    private void InstallTrace(SqliteConnection connection) =>
        raw.sqlite3_trace(connection.Handle, (strdelegate_trace)((_, sql) =>
        {
            Interlocked.Increment(ref statements);
            recorded?.Enqueue(sql);
        }), null);
}
