using Microsoft.Data.Sqlite;

namespace AllianceBot.Bot.Tests.Hosting;

/// <summary>
/// A fresh folder under the system temp directory for one host's SQLite file (<c>Storage:DataFolder</c>), so every
/// host test runs on the real store and no test sees another's rows. Deleted on dispose.
/// </summary>
public sealed class TestDataFolder : IDisposable
{
    public TestDataFolder() => Path = Directory.CreateTempSubdirectory("alliancebot-test-").FullName;

    public string Path { get; }

    /// <summary>The SQLite file the bot creates in this folder (the name is fixed by the storage layer).</summary>
    public string DatabaseFile => System.IO.Path.Combine(Path, "alliancebot.db");

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before removing the folder. Clearing every pool is
        // safe for hosts still running in parallel: their connections simply reopen.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
