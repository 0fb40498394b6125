using System.Text.Json;

namespace AllianceBot.Trust;

public enum AdviceKind
{
    Do = 1,
    Dont = 2,
}

/// <summary>
/// One do or don't, with the model's reasoning. <see cref="Finding"/> is null for the phase's general advice and for
/// advice on sliding back (topic "slidingBack", <see cref="SlidingBack"/>), shown when the readiness says so.
/// <see cref="Target"/> is the trust dimension the item is meant to strengthen or protect (a commitment made from it is
/// shown beside that dimension's movement, docs/commitments.md).
/// </summary>
public sealed record AdviceItem(string Id, AdviceKind Kind, IReadOnlyList<Phase> Phases, FindingKind? Finding, LocalizedText Text, LocalizedText Why, bool SlidingBack = false,
    Dimension Target = Dimension.Relational)
{
    internal bool IsGeneral => Finding is null && !SlidingBack;
}

/// <summary>An advice item in one language, ready to display.</summary>
public sealed record AdviceLine(string Id, AdviceKind Kind, FindingKind? Finding, string Text, string Why);

public sealed class AdviceCatalogException(IReadOnlyList<string> problems)
    : Exception("The advice catalogue is invalid: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>The do's and don'ts keyed by phase and finding, kept as data (embedded advice.json) and validated on load.</summary>
public sealed class AdviceCatalog
{
    /// <summary>The phases in which each finding can occur; every pair needs advice.</summary>
    public static readonly IReadOnlyDictionary<FindingKind, Phase[]> FindingPhases = new Dictionary<FindingKind, Phase[]>
    {
        [FindingKind.TooCalculativeTooEarly] = [Phase.GettingAcquainted],
        [FindingKind.CalculativeNeglected] = [Phase.Confirmation],
        [FindingKind.CalculativeDisappearing] = [Phase.Execution],
        [FindingKind.RelationalEroding] = [Phase.GettingAcquainted, Phase.Confirmation, Phase.Execution],
        [FindingKind.PartnerAsymmetry] = [Phase.GettingAcquainted, Phase.Confirmation, Phase.Execution],
        [FindingKind.ParticipationFalling] = [Phase.GettingAcquainted, Phase.Confirmation, Phase.Execution],
    };

    private static readonly Lazy<AdviceCatalog> DefaultCatalog = new(LoadEmbedded);

    private AdviceCatalog(IReadOnlyList<AdviceItem> items) => Items = items;

    public static AdviceCatalog Default => DefaultCatalog.Value;

    public IReadOnlyList<AdviceItem> Items { get; }

    /// <summary>The item with this id, or null (an id stored with a commitment from an older catalogue).</summary>
    public AdviceItem? Find(string? id) => Items.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal));

    /// <summary>The JSON topic for a finding ("calculativeNeglected"); "phase" is the general advice of a phase.</summary>
    public static string Topic(FindingKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>"Which actions move us further right?": the phase's general do's.</summary>
    public IReadOnlyList<AdviceItem> MoveRight(Phase phase) =>
        [.. Items.Where(i => i.IsGeneral && i.Kind == AdviceKind.Do && i.Phases.Contains(phase))];

    /// <summary>Advice for an alliance sliding back from this phase (readiness <see cref="ReadinessKind.SlidingBack"/>).</summary>
    public IReadOnlyList<AdviceItem> SlidingBack(Phase phase) => [.. Items.Where(i => i.SlidingBack && i.Phases.Contains(phase))];

    /// <summary>Advice for the findings first (in their order), then the phase's general do's and don'ts.</summary>
    public IReadOnlyList<AdviceItem> For(Phase phase, IEnumerable<FindingKind> findings)
    {
        var specific = findings.Distinct()
            .SelectMany(f => Items.Where(i => i.Finding == f && i.Phases.Contains(phase)));
        var general = Items.Where(i => i.IsGeneral && i.Phases.Contains(phase));
        return [.. specific.Concat(general).DistinctBy(i => i.Id)];
    }

    public static IReadOnlyList<AdviceLine> In(IEnumerable<AdviceItem> items, Language language) =>
        [.. items.Select(i => new AdviceLine(i.Id, i.Kind, i.Finding, i.Text.In(language), i.Why.In(language)))];

    public static AdviceCatalog FromJson(string json)
    {
        var problems = new List<string>();
        var items = new List<AdviceItem>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
                throw new AdviceCatalogException(["The catalogue needs an 'entries' array."]);
            var position = 0;
            foreach (var entry in entries.EnumerateArray())
                if (Read(entry, ++position, problems) is { } item) items.Add(item);
        }
        catch (JsonException e)
        {
            throw new AdviceCatalogException([$"The advice catalogue is not valid JSON: {e.Message}"]);
        }

        foreach (var duplicate in items.GroupBy(i => i.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"Advice id '{duplicate.Key}' is used {duplicate.Count()} times; ids must be unique.");
        foreach (var phase in Enum.GetValues<Phase>())
            if (!items.Any(i => i.IsGeneral && i.Kind == AdviceKind.Do && i.Phases.Contains(phase)))
                problems.Add($"Phase {(int)phase} has no general 'do' advice (topic 'phase').");
        foreach (var (finding, phases) in FindingPhases)
        foreach (var phase in phases)
            if (!items.Any(i => i.Finding == finding && i.Phases.Contains(phase)))
                problems.Add($"Finding '{Topic(finding)}' has no advice for phase {(int)phase}.");
        if (problems.Count > 0) throw new AdviceCatalogException(problems);
        return new AdviceCatalog(items);
    }

    private static AdviceCatalog LoadEmbedded()
    {
        using var stream = typeof(AdviceCatalog).Assembly.GetManifestResourceStream("AllianceBot.Trust.advice.json")
                           ?? throw new AdviceCatalogException(["The embedded resource AllianceBot.Trust.advice.json is missing."]);
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }

    private static AdviceItem? Read(JsonElement entry, int position, List<string> problems)
    {
        var id = Str(entry, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"Advice #{position} has no id.");
            return null;
        }

        var label = $"Advice '{id}'";
        var before = problems.Count;
        AdviceKind? kind = Str(entry, "kind") switch { "do" => AdviceKind.Do, "dont" => AdviceKind.Dont, _ => null };
        if (kind is null) problems.Add($"{label}: kind must be 'do' or 'dont'.");
        var topic = Str(entry, "topic");
        FindingKind? finding = null;
        if (topic is not "phase" and not "slidingBack")
        {
            finding = Enum.GetValues<FindingKind>().Cast<FindingKind?>().FirstOrDefault(f => string.Equals(Topic(f!.Value), topic, StringComparison.Ordinal));
            if (finding is null)
                problems.Add($"{label}: topic '{topic}' must be 'phase', 'slidingBack' or one of {string.Join(", ", Enum.GetValues<FindingKind>().Select(Topic))}.");
        }

        var phases = new List<Phase>();
        if (entry.TryGetProperty("phases", out var array) && array.ValueKind == JsonValueKind.Array)
            foreach (var p in array.EnumerateArray())
                if (p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) && n is >= 1 and <= 3) phases.Add((Phase)n);
                else problems.Add($"{label}: phase {p} must be 1, 2 or 3.");
        if (phases.Count == 0) problems.Add($"{label}: it needs at least one phase (1, 2 or 3).");

        Dimension? target = Str(entry, "dimension") switch { "calculative" => Dimension.Calculative, "relational" => Dimension.Relational, _ => null };
        if (target is null) problems.Add($"{label}: dimension must be 'calculative' or 'relational' (the trust dimension the advice targets).");
        var text = LocalizedText.Read(entry, $"advice.{id}", label, problems);
        var why = LocalizedText.Read(entry, $"advice.{id}.why", label, problems, prefix: "why");

        return problems.Count > before
            ? null
            : new AdviceItem(id, kind!.Value, phases, finding, text!, why!, topic == "slidingBack", target!.Value);
    }

    private static string? Str(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
