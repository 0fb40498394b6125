using System.Diagnostics;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// Runs Slack's own JavaScript (from tests/tools/node_modules, installed by scripts/setup.sh) from a test.
/// Missing tools fail the test with the command that installs them; they are never skipped.
/// </summary>
internal static class NodeTools
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ToolsDir => Path.Combine(RepoRoot, "tests", "tools");

    public static string SlackScripts => Path.Combine(RepoRoot, "tests", "slack");

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        Assert.True(
            Directory.Exists(Path.Combine(ToolsDir, "node_modules", "@slack", "bolt")),
            "tests/tools/node_modules is missing: run scripts/setup.sh first.");
        var start = new ProcessStartInfo("node") { WorkingDirectory = ToolsDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AllianceBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AllianceBot.sln not found above " + AppContext.BaseDirectory);
    }
}
