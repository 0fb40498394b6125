using System.Text.Json.Serialization;

namespace AllianceBot.Dialogs.Views;

public enum ActionStyle
{
    Default,
    Positive,
    Destructive,
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "action")]
[JsonDerivedType(typeof(SubmitAction), "submit")]
[JsonDerivedType(typeof(OpenUrlAction), "openUrl")]
public abstract record ViewAction(string Title);

/// <summary>
/// A button that comes back as a turn with <see cref="AllianceBot.Dialogs.Turns.TurnAction"/>(Verb, Data + inputs).
/// Teams: Action.Execute with an Action.Submit fallback. Slack: a button whose value carries verb and data.
/// Data must carry the ids it acts on (alliance, round) so the action can be re-authorized.
/// </summary>
public sealed record SubmitAction(
    string Title,
    string Verb,
    IReadOnlyDictionary<string, string> Data,
    ActionStyle Style = ActionStyle.Default,
    bool SubmitsInputs = false) : ViewAction(Title);

public sealed record OpenUrlAction(string Title, string Url) : ViewAction(Title);
