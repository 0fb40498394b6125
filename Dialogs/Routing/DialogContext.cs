using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Access;
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

    /// <summary>Who will read the answer, and the alliance the room is linked to; set by the router before the handler.</summary>
    public AudienceDecision Audience { get; internal set; } = AudienceDecision.Asker;

    /// <summary>The alliance the answer turned out to be about (set by <see cref="AllianceScopes"/>).</summary>
    public Guid? AnsweredAlliance { get; internal set; }

    /// <summary>Whether manager-only parts may be in the answer: only the asker, or only managers, will read it.</summary>
    public bool ReadersMaySeeManagerViews => Audience.Readers is Readers.Asker or Readers.AllianceManagers;

    /// <summary>
    /// The conversation a guided dialog's state belongs to: where it is answered, or null (any conversation of the
    /// person) when its answers go to the personal chat.
    /// </summary>
    public string? StateConversationId => Turn.IsShared && Audience.Readers == Readers.Asker ? null : Turn.Conversation.ConversationId;

    /// <summary>A value the clicked card carried (its data or an input), or null.</summary>
    public string? Value(string key) => Action?.Values.TryGetValue(key, out var value) == true ? value : null;
}
