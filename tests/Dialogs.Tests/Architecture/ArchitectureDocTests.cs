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

    /// <summary>
    /// The how-tos name files too, and the short names in walks and how-tos (`CardBody.cs`, `IntentTable.cs`) must be
    /// files of the projects; only the example channel of "How to add a channel" (Bot/WebChat/) is yet to be made.
    /// </summary>
    [Fact]
    public void EveryFileTheHowTosAndShortNamesMeanExists()
    {
        var root = RepositoryRoot();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        var fromWalks = doc[doc.IndexOf("## Walk 1", StringComparison.Ordinal)..];
        var howTos = doc[doc.IndexOf("## How to", StringComparison.Ordinal)..];

        var paths = FilePath().Matches(howTos).Select(m => m.Groups[1].Value)
            .Where(p => !p.StartsWith("Bot/WebChat/", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains("Dialogs/Channels/TurnPipeline.cs", paths);
        var missing = paths.Where(p => !File.Exists(Path.Combine(root, p))).ToList();

        var known = new[] { "Bot", "Dialogs", "Scheduling", "Trust", "Data", "tests" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.*",
                new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })) // not the linked node_modules
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var shortNames = ShortName().Matches(fromWalks).Select(m => m.Groups[1].Value)
            .Where(n => n != "WebChatSetup.cs").Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains("CardBody.cs", shortNames);
        missing.AddRange(shortNames.Where(n => !known.Contains(n)));

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

    // A file named without its folder: `CardBody.cs`, `IntentTable.cs`.
    [GeneratedRegex(@"`([A-Za-z0-9_.\-]+\.(?:cs|json))`")]
    private static partial Regex ShortName();
}
