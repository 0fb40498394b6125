using System.Diagnostics;

namespace AllianceBot.Crash.Tests;

/// <summary>
/// Finds the Release build of the bot, building it when it is missing or older than any source it is built from
/// (scripts/test.sh builds the solution in Release first, so in CI this is only a check).
/// </summary>
internal static class BotBuild
{
    private static readonly string[] SourceFolders = ["Bot", "Data", "Dialogs", "Scheduling", "Trust"];
    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".json", ".sql", ".props"];
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<string> ReleaseDllAsync()
    {
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "Bot", "bin", "Release", "net10.0", "AllianceBot.Bot.dll");
        await Gate.WaitAsync();
        try
        {
            if (!File.Exists(dll) || NewestSource(root) > File.GetLastWriteTimeUtc(dll))
            {
                await BuildAsync(root);
            }
        }
        finally
        {
            Gate.Release();
        }

        Assert.True(File.Exists(dll), $"the bot was not built at {dll}");
        return dll;
    }

    private static async Task BuildAsync(string root)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", Path.Combine(root, "Bot", "AllianceBot.Bot.csproj"), "-c", "Release", "-nologo", "-clp:ErrorsOnly" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var build = Process.Start(start)!;
        var stdout = build.StandardOutput.ReadToEndAsync();
        var stderr = build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync();
        Assert.True(build.ExitCode == 0, $"dotnet build Bot -c Release failed:\n{await stdout}\n{await stderr}");
    }

    private static DateTime NewestSource(string root) =>
        SourceFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            .Where(f => SourceExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AllianceBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("AllianceBot.sln not found above " + AppContext.BaseDirectory);
    }
}
