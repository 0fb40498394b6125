using System.Text.Json;

namespace AllianceBot.Trust;

/// <summary>One pulse statement, answered on the 1–5 agreement scale.</summary>
/// <remarks>
/// A retired item is never asked again but stays in the bank so stored answers and rounds still read;
/// <see cref="ReplacedBy"/> names the items that ask what it asked (ids are stored and never renamed).
/// </remarks>
public sealed record TrustItem(string Id, Dimension Dimension, Facet Facet, bool IsAnchor, LocalizedText Text)
{
    public bool IsRetired { get; init; }

    public IReadOnlyList<string> ReplacedBy { get; init; } = [];
}

/// <summary>The item bank could not be loaded; <see cref="Problems"/> lists every problem found.</summary>
public sealed class ItemBankException(IReadOnlyList<string> problems)
    : Exception("The trust item bank is invalid: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>The validated item bank: our own statements, one anchor per dimension, en + nl.</summary>
public sealed class ItemBank
{
    public const int MinItemsPerDimension = 6;
    private static readonly Lazy<ItemBank> DefaultBank = new(LoadEmbedded);
    private readonly Dictionary<string, TrustItem> byId;

    private ItemBank(IReadOnlyList<TrustItem> items, IReadOnlyList<LocalizedText> scale, LocalizedText dontKnow)
    {
        DontKnow = dontKnow;
        All = items;
        Items = [.. items.Where(i => !i.IsRetired)];
        Retired = [.. items.Where(i => i.IsRetired)];
        Scale = scale;
        byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    /// <summary>The bank shipped with the bot (embedded items.json), validated once.</summary>
    public static ItemBank Default => DefaultBank.Value;

    /// <summary>The items that are asked: every item that is not retired.</summary>
    public IReadOnlyList<TrustItem> Items { get; }

    /// <summary>Items no longer asked, kept so stored history still reads.</summary>
    public IReadOnlyList<TrustItem> Retired { get; }

    /// <summary>Asked and retired items together.</summary>
    public IReadOnlyList<TrustItem> All { get; }

    /// <summary>The five scale labels, index 0 = value 1 (strongly disagree) … index 4 = value 5.</summary>
    public IReadOnlyList<LocalizedText> Scale { get; }

    /// <summary>
    /// The sixth choice beside the scale, "Don't know / not applicable": an answer without a score (counted, never
    /// averaged), so "Neutral" no longer has to stand for "not yet" or "not my area".
    /// </summary>
    public LocalizedText DontKnow { get; }

    public TrustItem Anchor(Dimension dimension) => Items.Single(i => i.IsAnchor && i.Dimension == dimension);

    public IEnumerable<TrustItem> Rotating => Items.Where(i => !i.IsAnchor);

    /// <summary>The dimension's retired anchors: rounds that asked one of these lie before the anchor's trend restart.</summary>
    public IEnumerable<TrustItem> RetiredAnchors(Dimension dimension) => Retired.Where(i => i.IsAnchor && i.Dimension == dimension);

    /// <summary>Any item, asked or retired (stored answers may name retired items).</summary>
    public TrustItem? Find(string itemId) => byId.GetValueOrDefault(itemId);

    public TrustItem this[string itemId] =>
        Find(itemId) ?? throw new KeyNotFoundException($"The item bank has no item '{itemId}'.");

    /// <summary>The short label for a value on the scale: 4 → "Agree" / "Eens".</summary>
    public string ScaleLabel(int value, Language language) =>
        value is >= 1 and <= 5
            ? Scale[value - 1].In(language)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Scale values run from 1 to 5.");

    /// <summary>Parses and validates a bank; throws <see cref="ItemBankException"/> listing every problem.</summary>
    public static ItemBank FromJson(string json)
    {
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ItemBankException([$"The item bank is not valid JSON: {e.Message}"]);
        }

        using (document)
        {
            var root = document.RootElement;
            var scale = ReadScale(root, problems);
            LocalizedText? dontKnow = null;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("dontKnow", out var label))
                dontKnow = ReadText(label, "the 'dontKnow' label", problems);
            else
                problems.Add("The bank needs a 'dontKnow' label (the \"don't know / not applicable\" choice).");
            var items = ReadItems(root, problems);
            CheckBank(items, problems);
            if (problems.Count > 0) throw new ItemBankException(problems);
            return new ItemBank(items, scale, dontKnow!);
        }
    }

    private static ItemBank LoadEmbedded()
    {
        using var stream = typeof(ItemBank).Assembly.GetManifestResourceStream("AllianceBot.Trust.items.json")
                           ?? throw new ItemBankException(["The embedded resource AllianceBot.Trust.items.json is missing."]);
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }

    private static List<LocalizedText> ReadScale(JsonElement root, List<string> problems)
    {
        var labels = new List<LocalizedText>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("scale", out var scale) || scale.ValueKind != JsonValueKind.Array)
        {
            problems.Add("The bank needs a 'scale' array with five labels.");
            return labels;
        }

        var index = 1;
        foreach (var label in scale.EnumerateArray())
        {
            var text = ReadText(label, $"scale label {index}", problems);
            if (text is not null) labels.Add(text);
            index++;
        }

        if (scale.GetArrayLength() != 5)
            problems.Add($"The scale needs exactly 5 labels (1–5), found {scale.GetArrayLength()}.");
        return labels;
    }

    private static List<TrustItem> ReadItems(JsonElement root, List<string> problems)
    {
        var items = new List<TrustItem>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            problems.Add("The bank needs an 'items' array.");
            return items;
        }

        var position = 0;
        foreach (var element in array.EnumerateArray())
        {
            position++;
            var item = ReadItem(element, position, problems);
            if (item is not null) items.Add(item);
        }

        return items;
    }

    private static TrustItem? ReadItem(JsonElement element, int position, List<string> problems)
    {
        var id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var idElement)
                 && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"Item #{position} has no id.");
            return null;
        }

        var label = $"Item '{id}'";
        var dimension = String(element, "dimension") switch
        {
            "calculative" => Dimension.Calculative,
            "relational" => Dimension.Relational,
            var other => Fail<Dimension?>(problems, $"{label}: dimension '{other}' must be 'calculative' or 'relational'."),
        };
        var facetKey = String(element, "facet");
        Facet? facet = facetKey is not null && Facets.ByKey.TryGetValue(facetKey, out var f)
            ? f
            : Fail<Facet?>(problems, $"{label}: facet '{facetKey}' is not one of {string.Join(", ", Facets.ByKey.Keys)}.");
        if (facet is { } known && dimension is { } dim && known.DimensionOf() != dim)
            problems.Add($"{label}: facet '{facetKey}' belongs to the {known.DimensionOf().ToString().ToLowerInvariant()} dimension, not {dim.ToString().ToLowerInvariant()}.");
        var anchor = element.TryGetProperty("anchor", out var a) && a.ValueKind == JsonValueKind.True;
        var retired = element.TryGetProperty("retired", out var r) && r.ValueKind == JsonValueKind.True;
        var replacedBy = element.TryGetProperty("replacedBy", out var by) && by.ValueKind == JsonValueKind.Array
            ? by.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : [];
        var text = ReadText(element, label, problems);
        return dimension is { } d && facet is { } fc && text is not null
            ? new TrustItem(id, d, fc, anchor, text) { IsRetired = retired, ReplacedBy = replacedBy }
            : null;
    }

    private static LocalizedText? ReadText(JsonElement element, string label, List<string> problems) =>
        LocalizedText.Read(element, label, label, problems);

    private static void CheckBank(List<TrustItem> items, List<string> problems)
    {
        foreach (var duplicate in items.GroupBy(i => i.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"Item id '{duplicate.Key}' is used {duplicate.Count()} times; ids must be unique.");

        var ids = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var successor in item.ReplacedBy.Where(s => !ids.Contains(s)))
                problems.Add($"Item '{item.Id}' is replaced by '{successor}', which is not in the bank.");
            if (item.ReplacedBy.Count > 0 && !item.IsRetired)
                problems.Add($"Item '{item.Id}' names replacements but is not retired.");
        }

        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var name = dimension.ToString().ToLowerInvariant();
            var ofDimension = items.Where(i => i.Dimension == dimension && !i.IsRetired).ToList();
            var anchors = ofDimension.Where(i => i.IsAnchor).ToList();
            if (anchors.Count == 0) problems.Add($"The {name} dimension has no anchor item; mark exactly one with \"anchor\": true.");
            if (anchors.Count > 1)
                problems.Add($"The {name} dimension has {anchors.Count} anchor items ({string.Join(", ", anchors.Select(i => i.Id))}); exactly one is allowed.");
            if (ofDimension.Count < MinItemsPerDimension)
                problems.Add($"The {name} dimension has {ofDimension.Count} items; at least {MinItemsPerDimension} are needed.");
        }
    }

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static T Fail<T>(List<string> problems, string problem)
    {
        problems.Add(problem);
        return default!;
    }
}
