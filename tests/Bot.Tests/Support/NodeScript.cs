using System.Diagnostics;
using AllianceBot.Tests.Shared;

namespace AllianceBot.Bot.Tests.Support;

/// <summary>Runs one of the repository's node scripts (tests/cards/*.js) and returns what it printed.</summary>
public static class NodeScript
{
    public static Task<ProcessResult> RunAsync(string script, IEnumerable<string> args, TimeSpan timeout)
    {
        var tools = RepoPaths.Combine("tests", "tools", "node_modules");
        if (!Directory.Exists(tools))
        {
            throw new InvalidOperationException($"{tools} is missing: run scripts/setup.sh once (it runs npm ci in tests/tools).");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add(RepoPaths.Combine(script.Split('/')));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.RunAsync(start, timeout);
    }
}
