using System.Diagnostics;

namespace AllianceBot.Deploy.Tests;

/// <summary>Runs a program to its end and keeps what it printed; the repository root is found from the test's folder.</summary>
internal static class Tool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    public static string RepoRoot { get; } = FindRoot();

    public static string Repo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AllianceBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"AllianceBot.sln not found above {AppContext.BaseDirectory}");
    }
}
