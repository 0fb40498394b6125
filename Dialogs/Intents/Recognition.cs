using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Intents;

public enum MatchKind
{
    /// <summary>The command words were typed (with their arguments): "phase 2 contract signed".</summary>
    Command,

    /// <summary>A natural phrasing close enough to an example: "how healthy is our aliance".</summary>
    Fuzzy,
}

/// <summary>
/// A recognized intent. <see cref="Language"/> is the language of the phrasing when it tells (null for words that
/// are the same in English and Dutch, like "help" or "demo"); the router then falls back to the user's locale.
/// </summary>
public sealed record IntentMatch(Intent Intent, MatchKind Kind, double Confidence, Language? Language, IntentArguments Arguments)
{
    public IntentDefinition Definition => IntentTable.Get(Intent);
}

public sealed record IntentSuggestion(Intent Intent, double Score);

/// <summary>What the matcher made of a message: a match, or nothing plus the closest commands to suggest.</summary>
public sealed record Recognition(IntentMatch? Match, IReadOnlyList<IntentSuggestion> Suggestions, Language? Language)
{
    public bool IsRecognized => Match is not null;
}
