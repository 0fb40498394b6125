using System.Text.RegularExpressions;

namespace AllianceBot.Dialogs.Tests.Architecture;

/// <summary>docs/architecture.md names files in its walks; each named file must exist, so the walks stay true.</summary>
public sealed partial class ArchitectureDocTests
{
    [Fact]
    public void EveryFileTheWalksNameExists()
    {
        var root = RepositoryRoot();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        doc = doc[doc.IndexOf("## Walk 1", StringComparison.Ordinal)..doc.IndexOf("## How to", StringComparison.Ordinal)]; // the how-tos name files yet to be made
        var named = FilePath().Matches(doc).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

        Assert.Contains("Dialogs/Rounds/RoundLifecycle.cs", named);
        var missing = named.Where(p => !File.Exists(Path.Combine(root, p))).ToList();
        Assert.True(missing.Count == 0, "docs/architecture.md names files that do not exist: " + string.Join(", ", missing));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AllianceBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("AllianceBot.sln not found above the test directory.");
    }

    // A path from a project folder in backticks: `Dialogs/Rounds/RoundLifecycle.cs`.
    [GeneratedRegex(@"`((?:Bot|Dialogs|Scheduling|Trust|Data|tests)/[A-Za-z0-9_/.\-]+\.(?:cs|json))`")]
    private static partial Regex FilePath();
}
