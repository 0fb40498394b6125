using System.Diagnostics;
using AllianceBot.Tests.Shared;

namespace AllianceBot.Deploy.Tests;

/// <summary>Runs a program to its end and keeps what it printed; the repository root is found from the test's folder.</summary>
internal static class Tool
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Repo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    public static Task<ProcessResult> RunAsync(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return ChildProcess.RunAsync(start, timeout ?? TimeSpan.FromMinutes(5));
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
