using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AllianceBot.Data.Storage;

/// <summary>
/// Lookups that do not change while a round runs — an alliance, its partners, a round, a person's membership — kept in
/// memory. A change to any of the watched tables (or a contact deleted) makes every entry stale, so the next lookup
/// reads again. The version is taken before the read, so a change during the read is never lost.
/// <list type="bullet">
/// <item>SQLite: this process is the only writer, and SQLite tells every connection the process opens about each row it
/// changes (the update hook, <see cref="Watch"/>).</item>
/// <item>PostgreSQL: other instances may write. A statement trigger on the watched tables (migration 0009) sends a
/// notification with the commit, which every instance's <see cref="LookupListener"/> receives; this process's own
/// writes to those tables are seen by their SQL text as they run and again when they commit or roll back
/// (<see cref="LookupWrites"/>). While the listener is not connected nothing is cached (<see cref="Enabled"/>).</item>
/// <item>SQL Server: nothing is cached.</item>
/// </list>
/// <para>
/// A second, separate version follows <c>dialog_states</c> alone, for <see cref="DialogStatesKind"/>: who has a guided
/// dialog state at all (a handful of people at any time), so a turn of anyone else needs no query for it; a dialog
/// state saved or deleted makes only that entry stale, not the lookups above. SQLite only: on PostgreSQL this kind is
/// never cached (no notification follows <c>dialog_states</c>).
/// </para>
/// <para>
/// Bounded (issue 18): most entries are per person (a membership, "my alliances", a member), and a person answers once
/// a round, so with 20,000 members an unbounded cache held tens of megabytes nobody read again. Entries live in two
/// generations of at most <see cref="Capacity"/>/2 each: a lookup finds an entry in either (one found in the older is
/// moved to the newer), and when the newer is full the older is dropped and the newer becomes the older. So what is
/// used often (an alliance, its partners, the open round) stays, at most <see cref="Capacity"/> entries are kept, and a
/// person's entries live through a card shown and answered.
/// </para>
/// </summary>
internal sealed class LookupCache
{
    /// <summary>The most entries kept (both generations together).</summary>
    public const int Capacity = 8_192;

    /// <summary>The tables whose changes make the entries stale (and any deleted contact).</summary>
    public static readonly HashSet<string> Watched = new(StringComparer.Ordinal) { "alliances", "partners", "rounds", "members" };

    /// <summary>The kind of entry that follows the <c>dialog_states</c> table instead of the lookup tables.</summary>
    public const string DialogStatesKind = "dialog-state-holders";

    private readonly object turnover = new();
    private volatile ConcurrentDictionary<(string Kind, object Key), Entry> newer = new();
    private volatile ConcurrentDictionary<(string Kind, object Key), Entry> older = new();
    private long version;
    private long dialogStatesVersion;

    public long Version => Interlocked.Read(ref version);

    /// <summary>When false every lookup reads the database (PostgreSQL while its change notifications cannot be received).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Something changed: every entry is stale.</summary>
    public void Invalidate() => Interlocked.Increment(ref version);

    /// <summary>Moves with every change to <c>dialog_states</c> (SQLite: the update hook; PostgreSQL: this process's own writes).</summary>
    public long DialogStatesVersion => Interlocked.Read(ref dialogStatesVersion);

    /// <summary>A dialog state was written or deleted.</summary>
    public void InvalidateDialogStates() => Interlocked.Increment(ref dialogStatesVersion);

    private long VersionOf(string kind) => kind == DialogStatesKind ? Interlocked.Read(ref dialogStatesVersion) : Version;

    public void Watch(SqliteConnection connection) =>
        raw.sqlite3_update_hook(connection.Handle, (strdelegate_update)((_, type, _, table, _) =>
        {
            if (Watched.Contains(table) || (type == raw.SQLITE_DELETE && table == "contacts"))
            {
                Interlocked.Increment(ref version);
            }
            else if (table == "dialog_states")
            {
                Interlocked.Increment(ref dialogStatesVersion);
            }
        }), null);

    public async Task<T> GetAsync<T>(string kind, object key, Func<Task<T>> load)
    {
        if (!Enabled)
        {
            return await load();
        }

        var current = VersionOf(kind);
        if (newer.TryGetValue((kind, key), out var entry) && entry.Version == current)
        {
            return (T)entry.Value!;
        }

        if (older.TryGetValue((kind, key), out entry) && entry.Version == current)
        {
            Keep((kind, key), entry);
            return (T)entry.Value!;
        }

        var value = await load();
        if (!Enabled)
        {
            return value;
        }

        Keep((kind, key), new Entry(current, value));
        return value;
    }

    /// <summary>How many entries are kept now (both generations; an entry moving between them may count twice).</summary>
    public int Count => newer.Count + older.Count;

    private void Keep((string Kind, object Key) key, Entry entry)
    {
        var into = newer;
        if (into.Count >= Capacity / 2)
        {
            lock (turnover)
            {
                if (newer.Count >= Capacity / 2)
                {
                    older = newer;
                    newer = new ConcurrentDictionary<(string Kind, object Key), Entry>();
                }

                into = newer;
            }
        }

        into[key] = entry;
    }

    private sealed record Entry(long Version, object? Value);
}
