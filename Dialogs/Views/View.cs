using System.Text.Json.Serialization;

namespace AllianceBot.Dialogs.Views;

/// <summary>
/// What dialogs return. Channel-neutral and already localized: renderers (Adaptive Cards for Teams, Block Kit for
/// Slack) only translate layout. Serializable (polymorphic JSON) so the outbox can store a view and render it at
/// send time for whichever channel the recipient is on.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "view")]
[JsonDerivedType(typeof(MessageView), "message")]
[JsonDerivedType(typeof(CardView), "card")]
public abstract record View;

/// <summary>A plain text message (markdown-light: *bold* is not guaranteed, keep it plain).</summary>
public sealed record MessageView(string Text) : View;

/// <summary>What a card is about; renderers may tweak layout per kind and tests assert on it.</summary>
public enum CardKind
{
    Help,
    Welcome,
    Pulse,
    ThankYou,
    HealthCheck,
    Drift,
    Alert,
    RoundClosed,
    Error,
    Choice,
    Info,
    Confirm,
}

/// <summary>
/// A card: title, body blocks, actions, and a one-line plain-text summary (Slack's fallback `text`, Teams'
/// notification summary). The <see cref="Kind"/> says which product card it is.
/// </summary>
public sealed record CardView(
    CardKind Kind,
    string Title,
    IReadOnlyList<Block> Body,
    IReadOnlyList<ViewAction> Actions,
    string Summary) : View
{
    public string? Subtitle { get; init; }
}
