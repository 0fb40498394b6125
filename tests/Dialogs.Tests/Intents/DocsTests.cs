using AllianceBot.Trust;
using AllianceBot.Dialogs.Intents;

namespace AllianceBot.Dialogs.Tests.Intents;

public sealed class DocsTests
{
    [Fact]
    public void ConversationDocListsEveryIntentWithItsUsageInBothLanguages()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "conversation.md"));

        foreach (var definition in IntentTable.All)
        {
            var row = doc.Split('\n').SingleOrDefault(l => l.StartsWith($"| `{definition.Key}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/conversation.md has no row for {definition.Key}");
            Assert.Contains($"`{definition.Phrasing(Language.En).Usage.Replace("|", "\\|", StringComparison.Ordinal)}`", row, StringComparison.Ordinal);
            Assert.Contains($"`{definition.Phrasing(Language.Nl).Usage.Replace("|", "\\|", StringComparison.Ordinal)}`", row, StringComparison.Ordinal);
            Assert.Contains($"| {definition.Policy} |", row, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AllianceBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("AllianceBot.sln not found above the test output.");
    }
}
