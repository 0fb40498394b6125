using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AllianceBot.Bot.Tests.Support;

/// <summary>
/// The sample cards under docs/cards (json, json-pulse, json-health) must be the cards the code renders today: a test
/// that renders them compares every file with the committed one and fails when a sample is stale, missing or left over.
/// With ALLIANCEBOT_DOCS=1 it writes them instead (then the comparison holds by construction).
/// Compared as JSON with the ids that differ per run (GUIDs, in order of appearance) and URL signatures masked, so a
/// sample is stale only when what the card says or how it is built changed.
/// </summary>
public static partial class DocSamples
{
    public static bool Regenerate => Environment.GetEnvironmentVariable("ALLIANCEBOT_DOCS") == "1";

    /// <summary>Writes (ALLIANCEBOT_DOCS=1) or checks the folder's samples against <paramref name="rendered"/> (file name → JSON).</summary>
    public static async Task WriteOrCheckAsync(string folder, IReadOnlyDictionary<string, string> rendered, string command)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var target = new DirectoryInfo(RepoPaths.Combine("docs", "cards", folder));
        if (Regenerate)
        {
            target.Create();
            foreach (var stale in target.GetFiles("*.json").Where(f => !rendered.ContainsKey(f.Name)))
            {
                stale.Delete();
            }

            foreach (var (name, json) in rendered)
            {
                await File.WriteAllTextAsync(Path.Combine(target.FullName, name), json);
            }
        }

        var problems = new List<string>();
        var committed = target.Exists ? target.GetFiles("*.json").ToDictionary(f => f.Name, f => f.FullName, StringComparer.Ordinal) : [];
        foreach (var (name, json) in rendered.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!committed.TryGetValue(name, out var path))
            {
                problems.Add($"docs/cards/{folder}/{name} is missing");
            }
            else if (!string.Equals(Normalize(await File.ReadAllTextAsync(path)), Normalize(json), StringComparison.Ordinal))
            {
                problems.Add($"docs/cards/{folder}/{name} is stale");
            }
        }

        problems.AddRange(committed.Keys.Where(name => !rendered.ContainsKey(name)).Order(StringComparer.Ordinal)
            .Select(name => $"docs/cards/{folder}/{name} is no longer rendered"));
        Assert.True(problems.Count == 0,
            $"{string.Join(Environment.NewLine, problems)}{Environment.NewLine}Regenerate with: {command} (then redraw the PNGs, docs/cards.md).");
    }

    /// <summary>The card as compact JSON with per-run ids and signatures masked.</summary>
    public static string Normalize(string json)
    {
        var compact = JsonNode.Parse(json)!.ToJsonString();
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        compact = Guid().Replace(compact, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                id = $"<id{ids.Count + 1}>";
                ids[m.Value] = id;
            }

            return id;
        });
        return Signature().Replace(compact, "sig=<sig>");
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex("sig=[A-Za-z0-9_\\-]+")]
    private static partial Regex Signature();
}
