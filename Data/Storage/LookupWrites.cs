using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace AllianceBot.Data.Storage;

/// <summary>
/// This process's own writes to the tables behind the <see cref="LookupCache"/> on PostgreSQL, found by their SQL
/// text (every use case runs its SQL through <see cref="Sql"/>). The notification of another instance's change arrives
/// after its commit; for our own writes that would leave a moment in which a lookup just after the commit could still
/// see the old entry, so the cache is made stale as the statement runs and again when its transaction ends (a read in
/// between may have cached the not-yet-committed or the rolled-back state).
/// </summary>
internal static partial class LookupWrites
{
    private static readonly AsyncLocal<Marker?> Current = new();
    private static readonly ConcurrentDictionary<string, bool> Touching = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> TouchingDialogStates = new(StringComparer.Ordinal);

    /// <summary>Watches the statements run inside <paramref name="work"/>; when one touched a watched table, the cache is stale after it ends.</summary>
    public static async Task<T> WatchAsync<T>(LookupCache lookups, Func<Task<T>> work, Action? touched = null)
    {
        var marker = new Marker(lookups);
        Current.Value = marker;
        try
        {
            return await work();
        }
        finally
        {
            Current.Value = null;
            if (marker.Touched)
            {
                lookups.Invalidate();
                touched?.Invoke();
            }
        }
    }

    /// <summary>Called by <see cref="Sql"/> before each statement.</summary>
    public static void Saw(string sql)
    {
        if (Current.Value is not { } marker)
        {
            return;
        }

        if (Touching.GetOrAdd(sql, Touches))
        {
            marker.Touched = true;
            marker.Lookups.Invalidate();
        }

        // Nothing caches dialog states on PostgreSQL across turns; a turn's read of its sender's (TurnPerson) follows this.
        if (TouchingDialogStates.GetOrAdd(sql, TouchesDialogStates))
        {
            marker.Lookups.InvalidateDialogStates();
        }
    }

    internal static bool TouchesDialogStates(string sql)
    {
        foreach (Match match in WriteTarget().Matches(sql))
        {
            if (string.Equals(match.Groups["table"].Value, "dialog_states", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool Touches(string sql)
    {
        foreach (Match match in WriteTarget().Matches(sql))
        {
            var table = match.Groups["table"].Value.ToLowerInvariant();
            if (LookupCache.Watched.Contains(table) || (table == "contacts" && match.Value.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE(?:\s+INTO)?|TRUNCATE(?:\s+TABLE)?)\s+(?<table>\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WriteTarget();

    private sealed class Marker(LookupCache lookups)
    {
        public LookupCache Lookups => lookups;

        public volatile bool Touched;
    }
}
