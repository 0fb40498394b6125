using System.Diagnostics;

namespace AllianceBot.Deploy.Tests;

/// <summary>
/// The bot as the Dockerfile ships it: <c>dotnet publish Bot -c Release</c> copied into a folder owned by root that
/// nobody may write to (the image's /app), and a data folder per run owned by the container user (the image's /data).
/// Published once per test run from the Release build (scripts/test.sh builds it first; built here when missing or
/// older than the sources).
/// </summary>
internal static class PublishedBot
{
    /// <summary>The non-root user of the .NET runtime images (APP_UID), which the Dockerfile runs as.</summary>
    public const int ContainerUser = 1654;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? appFolder;

    public static bool RunsAsRoot => Environment.UserName == "root";

    /// <summary>The numeric user the processes run as: the image's user when the tests run as root, else the caller.</summary>
    public static int User => RunsAsRoot ? ContainerUser : int.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<string> AppFolderAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return appFolder ??= await PublishAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh data folder only the container user can write (mode 0700), like the image's /data volume.</summary>
    public static string NewDataFolder()
    {
        var parent = Directory.CreateTempSubdirectory("alliancebot-container-");
        parent.UnixFileMode = (UnixFileMode)0b111_101_101;
        var data = Directory.CreateDirectory(Path.Combine(parent.FullName, "data"));
        data.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (RunsAsRoot)
        {
            Chown(data.FullName, ContainerUser);
        }

        return data.FullName;
    }

    /// <summary>Every file of the app folder with its size and time, to show that a run changed nothing there.</summary>
    public static string[] Listing(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{f} {(File.Exists(f) ? new FileInfo(f).Length : -1)} {File.GetLastWriteTimeUtc(f):O}")];

    private static async Task<string> PublishAsync()
    {
        // Built only when missing or stale, so runs in parallel with other suites using the same build never race a build.
        var dll = Tool.Repo("Bot", "bin", "Release", "net10.0", "AllianceBot.Bot.dll");
        if (!File.Exists(dll) || NewestSource() > File.GetLastWriteTimeUtc(dll))
        {
            var build = await Tool.RunAsync("dotnet", ["build", Tool.Repo("Bot", "AllianceBot.Bot.csproj"), "-c", "Release", "-nologo", "-clp:ErrorsOnly"], timeout: TimeSpan.FromMinutes(10));
            Assert.True(build.ExitCode == 0, $"dotnet build Bot -c Release failed:\n{build.Output}");
        }

        var folder = Directory.CreateTempSubdirectory("alliancebot-publish-");
        folder.UnixFileMode = (UnixFileMode)0b111_101_101;
        var app = Path.Combine(folder.FullName, "app");
        var publish = await Tool.RunAsync("dotnet", ["publish", Tool.Repo("Bot", "AllianceBot.Bot.csproj"), "-c", "Release", "--no-build", "-o", app, "-nologo"], timeout: TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, $"dotnet publish Bot failed:\n{publish.Output}");

        // Read-only for everyone, as the image's /app (owned by root, the app runs as another user).
        foreach (var entry in Directory.EnumerateFileSystemEntries(app, "*", SearchOption.AllDirectories).Append(app))
        {
            File.SetUnixFileMode(entry, Directory.Exists(entry) ? (UnixFileMode)0b101_101_101 : (UnixFileMode)0b100_100_100);
        }

        return app;
    }

    private static DateTime NewestSource() =>
        new[] { "Bot", "Data", "Dialogs", "Scheduling", "Trust", Path.Combine("manifest", "teams"), Path.Combine("docs", "legal") }
            .SelectMany(folder => Directory.EnumerateFiles(Tool.Repo(folder), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.GetLastWriteTimeUtc)
            .Max();

    private static void Chown(string path, int user)
    {
        using var chown = Process.Start("chown", [$"{user}:{user}", path]);
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }
}
