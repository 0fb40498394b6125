using System.Globalization;
using Npgsql;

namespace AllianceBot.Inbound;

/// <summary>
/// CPU time of a PostgreSQL server on this machine (all its processes: the postmaster, its live children, and through
/// the postmaster's cutime/cstime the children that have exited), so a benchmark can say how much server CPU an answer
/// costs beside the bot's own. Found through the server's data directory (postmaster.pid); null when that cannot be
/// read (a server on another machine, or no permission).
/// </summary>
internal sealed class ServerCpu
{
    private readonly int postmaster;
    private readonly double ticksPerSecond = 100; // USER_HZ on Linux

    private ServerCpu(int postmaster) => this.postmaster = postmaster;

    public static async Task<ServerCpu?> FindAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_setting('data_directory')", connection);
            var folder = (string)(await command.ExecuteScalarAsync())!;
            var pid = int.Parse(File.ReadLines(Path.Combine(folder, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            var found = new ServerCpu(pid);
            return found.Now() is null ? null : found;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NpgsqlException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The server's total CPU time so far.</summary>
    public TimeSpan? Now()
    {
        var own = Fields(postmaster);
        if (own is null)
        {
            return null;
        }

        // utime stime cutime cstime are fields 14-17 (1-based); after the ") " they start at index 11.
        double ticks = long.Parse(own[11], CultureInfo.InvariantCulture) + long.Parse(own[12], CultureInfo.InvariantCulture)
            + long.Parse(own[13], CultureInfo.InvariantCulture) + long.Parse(own[14], CultureInfo.InvariantCulture);
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && pid != postmaster && Fields(pid) is { } child
                && child[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                ticks += long.Parse(child[11], CultureInfo.InvariantCulture) + long.Parse(child[12], CultureInfo.InvariantCulture);
            }
        }

        return TimeSpan.FromSeconds(ticks / ticksPerSecond);
    }

    // The fields after the command name: state, ppid, ...
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
