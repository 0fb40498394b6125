using System.Globalization;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Intents;

public enum ArgumentProblemKind
{
    Missing,
    Invalid,
}

/// <summary>A required argument that was not given, or a value that did not fit its pattern (kept raw for the reply).</summary>
public sealed record ArgumentProblem(string Name, ArgumentProblemKind Kind, string? Raw);

/// <summary>
/// The parsed arguments of a recognized command. Values are stored as canonical strings (integers invariant,
/// languages as their code, codes upper-cased, text as typed). Dialogs decide what to do with <see cref="Problems"/>:
/// typically ask for the missing value or explain the valid range.
/// </summary>
public sealed record IntentArguments(IReadOnlyDictionary<string, string> Values, IReadOnlyList<ArgumentProblem> Problems)
{
    public static IntentArguments Empty { get; } = new(new Dictionary<string, string>(), []);

    public bool IsComplete => Problems.Count == 0;

    public string? Text(string name) => Values.TryGetValue(name, out var value) ? value : null;

    public int? Integer(string name) =>
        Values.TryGetValue(name, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public Language? Language(string name) => Values.TryGetValue(name, out var value) ? Trust.Language.Of(value) : null;
}
