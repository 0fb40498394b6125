using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace AllianceBot.Data.Storage;

/// <summary>
/// Keeps SQLite's prepared statements on a long-lived connection (the writer's). Microsoft.Data.Sqlite prepares a
/// command's SQL when it first runs and keeps the prepared statement for as long as the command lives with the same
/// text; Dapper creates a new command for every call, so every statement used to be parsed and planned again (18% of
/// the bot's CPU under load was SQLite parsing SQL). The use cases get this connection instead of the
/// <see cref="SqliteConnection"/> itself: Dapper still creates "a" command, binds the parameters through its own
/// parameter generator and the type handlers (<see cref="DapperTypeHandlers"/>: instants as fixed-width UTC text, Guids
/// lower case), and maps the rows — but the command it gets is a thin front for one <see cref="SqliteCommand"/> per SQL
/// text, kept for the life of the connection, whose prepared statement is reset and re-bound instead of re-parsed.
/// This is the one place in Data/ where parameters are moved by hand (from Dapper's binding onto the kept command);
/// <c>StorageConventionTests</c> knows this file.
/// </summary>
internal sealed class PreparingConnection(SqliteConnection inner, DatabaseStatistics statistics) : DbConnection
{
    /// <summary>More distinct statements than this on one connection are run unkept (a guard, not a working limit).</summary>
    internal const int MaxKept = 256;

    private readonly Dictionary<string, Entry> kept = new(StringComparer.Ordinal);

    public SqliteConnection Inner => inner;

    /// <summary>How many distinct statements this connection keeps prepared.</summary>
    public int Kept => kept.Count;

    /// <summary>The kept commands by SQL text (for a test that asks SQLite how often each prepared statement ran).</summary>
    internal IEnumerable<KeyValuePair<string, SqliteCommand>> KeptCommands => kept.Select(k => KeyValuePair.Create(k.Key, k.Value.Command));

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => throw new NotSupportedException("The writer's connection string is fixed.");
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Open() => inner.Open();

    public override void Close() => inner.Close();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new KeptCommand(this);

    /// <summary>
    /// The kept command for this SQL (prepared by SQLite on its first run, reset and re-bound after that); a fresh one,
    /// disposed after use, when the kept one is in use (a nested call with the same SQL).
    /// </summary>
    internal (SqliteCommand Command, Entry? Entry) Lease(string sql)
    {
        if (kept.TryGetValue(sql, out var entry))
        {
            if (!entry.Leased)
            {
                entry.Leased = true;
                return (entry.Command, entry);
            }
        }
        else if (kept.Count < MaxKept)
        {
            statistics.Prepared();
            entry = new Entry(new SqliteCommand(sql, inner)) { Leased = true };
            kept.Add(sql, entry);
            return (entry.Command, entry);
        }

        statistics.Prepared();
        return (new SqliteCommand(sql, inner), null);
    }

    /// <summary>Prepares statements now that will be run later (the writer's BEGIN, COMMIT and savepoints).</summary>
    internal void Keep(params string[] statements)
    {
        foreach (var sql in statements)
        {
            var (command, entry) = Lease(sql);
            try
            {
                command.Prepare();
            }
            finally
            {
                Return(command, entry);
            }
        }
    }

    /// <summary>Runs a statement without parameters (BEGIN, COMMIT, savepoints) as a kept statement.</summary>
    internal void Run(string sql)
    {
        var (command, entry) = Lease(sql);
        try
        {
            command.ExecuteNonQuery();
        }
        finally
        {
            Return(command, entry);
        }
    }

    internal static void Return(SqliteCommand command, Entry? entry)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (entry is not null)
        {
            entry.Leased = false;
        }
        else
        {
            command.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var entry in kept.Values)
            {
                entry.Command.Dispose();
            }

            kept.Clear();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    internal sealed class Entry(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public bool Leased { get; set; }
    }

    /// <summary>
    /// What Dapper sees as its command: it sets the transaction and the text (which leases the kept command), adds the
    /// parameters (straight into the kept command's collection), runs it and disposes it (which hands the kept command
    /// back, parameters cleared).
    /// </summary>
    private sealed class KeptCommand(PreparingConnection connection) : DbCommand
    {
        private SqliteCommand? leased;
        private Entry? entry;
        private string text = "";
        private DbTransaction? transaction;
        private int? timeout;

        [AllowNull]
        public override string CommandText
        {
            get => text;
            set
            {
                var sql = value ?? "";
                if (leased is not null && sql == text)
                {
                    return;
                }

                // Dapper rewrites the text after binding when it expands a list (IN @ids): the parameters bound so far
                // move to the command kept for the new text.
                var bound = leased is { Parameters.Count: > 0 } ? leased.Parameters.Cast<SqliteParameter>().ToArray() : null;
                Release();
                text = sql;
                (leased, entry) = connection.Lease(sql);
                if (bound is not null)
                {
                    leased.Parameters.AddRange(bound);
                }
            }
        }

        public override int CommandTimeout
        {
            get => timeout ?? leased?.CommandTimeout ?? 30;
            set => timeout = value;
        }

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text)
                {
                    throw new ArgumentException("SQLite runs text commands only.", nameof(value));
                }
            }
        }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set => throw new NotSupportedException("A kept command stays on its connection.");
        }

        protected override DbParameterCollection DbParameterCollection => Leased.Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => transaction;
            set => transaction = value;
        }

        private SqliteCommand Leased => leased ?? throw new InvalidOperationException("Set the command's text first.");

        public override void Cancel()
        {
        }

        public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

        public override object? ExecuteScalar() => Ready().ExecuteScalar();

        public override void Prepare() => Ready().Prepare();

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Ready().ExecuteReader(behavior);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Release();
            }

            base.Dispose(disposing);
        }

        private SqliteCommand Ready()
        {
            var command = Leased;
            command.Transaction = transaction as SqliteTransaction; // the writer's own transaction (BEGIN on the connection) is no SqliteTransaction
            if (timeout is { } seconds)
            {
                command.CommandTimeout = seconds;
            }

            return command;
        }

        private void Release()
        {
            if (leased is not null)
            {
                Return(leased, entry);
                entry = null;
                leased = null;
            }
        }
    }
}
