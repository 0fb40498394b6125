using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Routing;

/// <summary>
/// Everything a handler needs for one turn: the turn, the language to answer in with its texts, the recognized
/// intent and its arguments (for typed commands and intent buttons), the card action's values, and cancellation.
/// </summary>
public sealed class DialogContext(
    Turn turn,
    Language language,
    Texts texts,
    IntentMatch? intent,
    CancellationToken cancellationToken)
{
    public Turn Turn { get; } = turn;

    public MemberIdentity Identity => Turn.From;

    public Language Language { get; } = language;

    public Texts Texts { get; } = texts;

    /// <summary>The intent that routed here; null for card verbs and the install event.</summary>
    public IntentMatch? Intent { get; } = intent;

    public IntentArguments Arguments => Intent?.Arguments ?? IntentArguments.Empty;

    public TurnAction? Action => Turn.Action;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>A value the clicked card carried (its data or an input), or null.</summary>
    public string? Value(string key) => Action?.Values.TryGetValue(key, out var value) == true ? value : null;
}
