using System.Text.RegularExpressions;

namespace AllianceBot.Trust.Tests;

/// <summary>
/// docs/trust-model.md links to items.json for the items instead of copying them; the one table it keeps, the retired
/// items with the wording they were asked in, is checked against the bank here so it cannot drift.
/// </summary>
public sealed partial class TrustModelDocTests
{
    [Fact]
    public void TheRetiredItemsTableIsTheBanksRetiredItems()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "trust-model.md"));
        var rows = RetiredRow().Matches(doc).Select(m => (
            Id: m.Groups["id"].Value,
            ReplacedBy: Ids().Matches(m.Groups["by"].Value).Select(i => i.Groups[1].Value).ToList(),
            English: m.Groups["en"].Value.Trim())).ToList();

        var bank = ItemBank.Default;
        Assert.NotEmpty(bank.Retired);
        Assert.Equal(bank.Retired.Select(i => i.Id).Order(StringComparer.Ordinal), rows.Select(r => r.Id).Order(StringComparer.Ordinal));
        foreach (var (id, replacedBy, english) in rows)
        {
            var item = bank[id];
            Assert.True(item.IsRetired, $"{id} is in the doc's retired table but not retired in items.json");
            Assert.Equal(item.ReplacedBy, replacedBy);
            Assert.Equal(item.Text.In(Language.Fallback), english);
        }
    }

    [Fact]
    public void TheDocLinksToTheItemBankInsteadOfCopyingIt()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "trust-model.md"));

        Assert.Contains("(../Trust/Items/items.json)", doc, StringComparison.Ordinal);
        var copied = ItemBank.Default.Items.Where(i => doc.Contains(i.Text.In(Language.Fallback), StringComparison.Ordinal)).Select(i => i.Id).ToList();
        Assert.True(copied.Count == 0, "docs/trust-model.md copies the wording of asked items: " + string.Join(", ", copied));
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

    // | `calc.economics.split` | `calc.economics.costs`, `calc.economics.revenue` | why | English wording |
    [GeneratedRegex(@"^\| `(?<id>(?:calc|rel)\.[a-z]+\.[a-z]+)` \| (?<by>(?:`[a-z.]+`(?:, )?)+) \| [^|\n]+ \| (?<en>[^|\n]+) \|$", RegexOptions.Multiline)]
    private static partial Regex RetiredRow();

    [GeneratedRegex("`([a-z.]+)`")]
    private static partial Regex Ids();
}
