using System.Text.Json;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Pulse;

/// <summary>
/// How a round stores its items (rounds.items_json): a JSON array of item-bank ids in the order they are asked,
/// anchors first. The scheduler writes it when the round opens; the pulse card and the answer check read it.
/// </summary>
public static class RoundItems
{
    public static string Json(IEnumerable<string> itemIds) => JsonSerializer.Serialize(itemIds.ToArray());

    /// <summary>The round's item ids that the bank knows (an unknown id would not render and cannot be scored).</summary>
    public static IReadOnlyList<string> Parse(string itemsJson, ItemBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        string[]? ids;
        try
        {
            ids = JsonSerializer.Deserialize<string[]>(itemsJson);
        }
        catch (JsonException)
        {
            ids = null;
        }

        return (ids ?? []).Where(id => bank.Find(id) is not null).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The rotating (non-anchor) items of a round: the next round must not repeat them.</summary>
    public static IReadOnlyList<string> Rotating(string itemsJson, ItemBank bank) =>
        Parse(itemsJson, bank).Where(id => !bank[id].IsAnchor).ToList();
}
