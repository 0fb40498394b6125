using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Dialogs.Routing;

/// <summary>What a route runs: gets the turn's context, returns replies (and optionally a card replacement).</summary>
public delegate Task<TurnResult> DialogHandler(DialogContext context);

/// <summary>
/// A feature's conversation logic. Each dialog declares the intents and card verbs it answers in
/// <see cref="Register"/>, each with what it requires (an <see cref="Access.Operation"/> the router authorizes, handing
/// the handler its <see cref="Access.AllianceScope"/>, or explicitly nothing); the router never needs editing to add one:
/// <code>
/// internal sealed class PulseDialog(Database database, IRoundControl rounds, TimeProvider time) : IDialog
/// {
///     public void Register(DialogRoutes routes) => routes
///         .OnIntent(Intent.Pulse, Operation.ShowPulse, ShowAsync)
///         .OnVerb(PulseCards.SubmitVerb, Audience.Personal, Operation.AnswerPulse, Intent.Pulse, SubmitAsync);
/// }
/// // in setup: services.AddDialog&lt;PulseDialog&gt;();
/// </code>
/// Dialogs are singletons: keep state in stores (or in a <see cref="Guided.GuidedDialog{TState}"/>), not in fields.
/// </summary>
public interface IDialog
{
    void Register(DialogRoutes routes);
}
