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
/// </summary>
internal sealed class LookupCache
{
    private const int MaxEntries = 200_000;

    private static readonly HashSet<string> Watched = new(StringComparer.Ordinal) { "alliances", "partners", "rounds", "members" };

    private readonly ConcurrentDictionary<(string Kind, object Key), Entry> entries = new();
    private long version;

    public long Version => Interlocked.Read(ref version);

    public void Watch(SqliteConnection connection) =>
        raw.sqlite3_update_hook(connection.Handle, (strdelegate_update)((_, type, _, table, _) =>
        {
            if (Watched.Contains(table) || (type == raw.SQLITE_DELETE && table == "contacts"))
            {
                Interlocked.Increment(ref version);
            }
        }), null);

    public async Task<T> GetAsync<T>(string kind, object key, Func<Task<T>> load)
    {
        var current = Version;
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
