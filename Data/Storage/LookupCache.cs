using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AllianceBot.Data.Storage;

/// <summary>
/// Lookups that do not change while a round runs — an alliance, its partners, a round, a person's membership — kept in
/// memory, for SQLite, where this process is the only writer. SQLite tells every connection the process opens about each
/// row it changes (the update hook); a change to any of these tables (or a contact deleted) makes every entry stale,
/// so the next lookup reads again. The version is taken before the read, so a change during the read is never lost.
/// PostgreSQL and SQL Server may have other writers (more instances): there nothing is cached.
/// <para>
/// A second, separate version follows <c>dialog_states</c> alone, for <see cref="DialogStatesKind"/>: who has a guided
/// dialog state at all (a handful of people at any time), so a turn of anyone else needs no query for it; a dialog
/// state saved or deleted makes only that entry stale, not the lookups above.
/// </para>
/// </summary>
internal sealed class LookupCache
{
    private const int MaxEntries = 200_000;

    private static readonly HashSet<string> Watched = new(StringComparer.Ordinal) { "alliances", "partners", "rounds", "members" };

    /// <summary>The kind of entry that follows the <c>dialog_states</c> table instead of the lookup tables.</summary>
    public const string DialogStatesKind = "dialog-state-holders";

    private readonly ConcurrentDictionary<(string Kind, object Key), Entry> entries = new();
    private long version;
    private long dialogStatesVersion;

    public long Version => Interlocked.Read(ref version);

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
        var current = VersionOf(kind);
        if (entries.TryGetValue((kind, key), out var entry) && entry.Version == current)
        {
            return (T)entry.Value!;
        }

        var value = await load();
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[(kind, key)] = new Entry(current, value);
        return value;
    }

    private sealed record Entry(long Version, object? Value);
}
