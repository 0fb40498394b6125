using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Routing.Guided;

public enum DialogInputKind
{
    /// <summary>The dialog starts with its initial state: ask the first question.</summary>
    Begin,

    /// <summary>The person typed something while the dialog was active.</summary>
    Text,

    /// <summary>The person clicked a button or submitted a form of this dialog.</summary>
    Action,

    /// <summary>Another command interrupted the dialog and is done: remind the person where we were.</summary>
    Resume,
}

/// <summary>
/// What a guided dialog's <c>Next</c> gets besides its state: what happened, what was typed or clicked, the intent the
/// text also matched (if any), and the texts of the language to answer in — everything needed to stay a pure function.
/// </summary>
public sealed record DialogInput(
    DialogInputKind Kind,
    Texts Texts,
    string? Text = null,
    TurnAction? Action = null,
    IntentMatch? Intent = null);

/// <summary>
/// The outcome of one step: the next state (null = the dialog is finished and its state is deleted) and the views to
/// show. <see cref="ReplaceCard"/> replaces the card a button was clicked on (e.g. a form turned into a summary).
/// </summary>
public sealed record DialogStep<TState>(TState? State, IReadOnlyList<View> Views, View? ReplaceCard = null)
    where TState : class
{
    public bool IsFinished => State is null;
}

/// <summary>Shorthands for building steps.</summary>
public static class DialogStep
{
    public static DialogStep<TState> Continue<TState>(TState state, params View[] views)
        where TState : class => new(state, views);

    public static DialogStep<TState> Finish<TState>(params View[] views)
        where TState : class => new(null, views);
}
