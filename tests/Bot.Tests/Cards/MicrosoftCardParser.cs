using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Support;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>Microsoft's Adaptive Cards parser (tests/cards/validate.js) over a folder of rendered cards.</summary>
internal static class MicrosoftCardParser
{
    /// <summary>
    /// Runs the parser over every card file in <paramref name="folder"/> and asserts that it saw
    /// <paramref name="expectedCount"/> cards and found no error in any; returns its report (file, bytes, errors per card).
    /// </summary>
    public static async Task<JsonArray> ValidateFolderAsync(DirectoryInfo folder, int expectedCount)
    {
        var run = await NodeScript.RunAsync("tests/cards/validate.js", [folder.FullName], TimeSpan.FromMinutes(2));
        Assert.True(run.Stdout.Length > 0, $"validate.js printed nothing; stderr: {run.Stderr}");
        var report = JsonNode.Parse(run.Stdout)!["cards"]!.AsArray();
        Assert.Equal(expectedCount, report.Count);
        var failures = report.Where(r => r!["errors"]!.AsArray().Count > 0)
            .Select(r => $"{r!["file"]}: {string.Join("; ", r["errors"]!.AsArray().Select(e => e!.GetValue<string>()))}").ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(0, run.ExitCode);
        return report;
    }
}
