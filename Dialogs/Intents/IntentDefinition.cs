using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Intents;

/// <summary>Who the command is for; help lists member and manager commands separately.</summary>
public enum IntentAudience
{
    Member,
    Manager,
}

/// <summary>How tolerant recognition may be for an intent.</summary>
public enum MatchPolicy
{
    /// <summary>Exact command forms and fuzzy natural phrasings (questions, typos).</summary>
    Fuzzy,

    /// <summary>Only the command words followed by their arguments; may still be suggested.</summary>
    CommandOnly,

    /// <summary>
    /// Destructive: only the exact command form with nothing unexpected after it, never fuzzy and never suggested.
    /// The dialog asks for confirmation on top of this.
    /// </summary>
    Destructive,
}

public enum ArgumentType
{
    /// <summary>An integer in [Min, Max]; digits or a number word ("two", "twee").</summary>
    Integer,

    /// <summary>A language code or a language name in any catalog language ("de", "deutsch", "duits", "german").</summary>
    Language,

    /// <summary>A join code: letters, digits and dashes, upper-cased.</summary>
    Code,

    /// <summary>The rest of the message as typed (original casing), e.g. a reason, a name or a schedule.</summary>
    Text,
}

/// <summary>One argument after the command words. Arguments are parsed left to right; Text takes the rest.</summary>
public sealed record ArgumentSpec(string Name, ArgumentType Type, bool Required, int Min = 0, int Max = int.MaxValue);

/// <summary>The command words, usage line and examples of an intent in one language.</summary>
public sealed record IntentPhrasing(
    IReadOnlyList<string> Commands,
    string Usage,
    IReadOnlyList<string> Examples);

/// <summary>
/// A row of the intent table. <see cref="Key"/> is the stable id (card data, logs, text keys
/// "intent.{key}.help"); commands are matched as whole words after normalization.
/// </summary>
public sealed record IntentDefinition(
    Intent Id,
    string Key,
    IntentAudience Audience,
    MatchPolicy Policy,
    IReadOnlyList<ArgumentSpec> Arguments,
    bool ShowInHelp = true)
{
    /// <summary>The command words, usage and examples in <paramref name="language"/> (Intents/intents.{code}.json).</summary>
    public IntentPhrasing Phrasing(Language language) =>
        IntentCatalog.Phrasings(language).TryGetValue(Key, out var phrasing) ? phrasing
        : IntentCatalog.Phrasings(Language.Fallback).TryGetValue(Key, out var fallback) ? fallback
        : throw new InvalidOperationException($"The intent '{Key}' has no phrasing in the intent catalogs.");

    /// <summary>The command words of every language.</summary>
    public IEnumerable<string> AllCommands => IntentCatalog.Languages.SelectMany(l => Phrasing(l).Commands);

    public string HelpTextKey => $"intent.{Key}.help";

    public string ButtonTextKey => $"intent.{Key}.button";
}
