using System.Text.Json;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Routing.Guided;

/// <summary>What the router needs from a guided dialog, whatever its state type.</summary>
public interface IGuidedDialog
{
    /// <summary>Unique, stable name: the key of the stored state.</summary>
    string Name { get; }

    /// <summary>Whether a typed intent interrupts this dialog instead of being its input.</summary>
    bool YieldsTo(IntentMatch match);

    Task<TurnResult> ContinueAsync(DialogContext context, DialogStateRecord record, DialogInput input);
}

/// <summary>
/// A multi-step conversation as a small state machine: the decision is the pure <see cref="Next"/>; this base class
/// loads and saves the typed state per person through <see cref="IDialogStateStore"/> (JSON, expiring after
/// <see cref="Lifetime"/>). While it is active, what the person types goes to <see cref="Next"/> — except "cancel"
/// (the router ends it) and commands it <see cref="YieldsTo"/> (answered, then the dialog resumes).
/// Start it from a route with <see cref="BeginAsync"/>; route its card buttons with <see cref="ContinueFromCardAsync"/>.
/// </summary>
public abstract class GuidedDialog<TState>(IDialogStateStore store, TimeProvider time) : IDialog, IGuidedDialog
    where TState : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract string Name { get; }

    /// <summary>How long an idle dialog can be resumed.</summary>
    public virtual TimeSpan Lifetime => TimeSpan.FromDays(3);

    public abstract void Register(DialogRoutes routes);

    /// <summary>The decision: given the state and what happened, the next state and what to show. Pure.</summary>
    public abstract DialogStep<TState> Next(TState state, DialogInput input);

    /// <summary>
    /// Typed commands interrupt by default (so "help" works mid-dialog); free text is the dialog's input. Override to
    /// accept a command word as an answer (e.g. a name that happens to be "demo").
    /// </summary>
    public virtual bool YieldsTo(IntentMatch match) => match.Kind == MatchKind.Command;

    /// <summary>Where effects belong (saving the finished alliance, …): override, call <see cref="Next"/>, act on the result.</summary>
    protected virtual Task<DialogStep<TState>> NextAsync(DialogContext context, TState state, DialogInput input) =>
        Task.FromResult(Next(state, input));

    /// <summary>Starts (or restarts) the dialog for the person in this conversation.</summary>
    protected Task<TurnResult> BeginAsync(DialogContext context, TState initial) =>
        StepAsync(context, initial, new DialogInput(DialogInputKind.Begin, context.Texts, Intent: context.Intent));

    /// <summary>A route for this dialog's own card buttons: feeds the action to <see cref="Next"/>, or says it expired.</summary>
    protected async Task<TurnResult> ContinueFromCardAsync(DialogContext context)
    {
        var records = await store.ListAsync(context.Identity, time.GetUtcNow(), context.CancellationToken);
        var record = records.FirstOrDefault(r => string.Equals(r.DialogName, Name, StringComparison.Ordinal));
        if (record is null)
        {
            return TurnResult.Reply(new MessageView(context.Texts["dialog.expired"]));
        }

        return await ((IGuidedDialog)this).ContinueAsync(
            context, record, new DialogInput(DialogInputKind.Action, context.Texts, Action: context.Action));
    }

    async Task<TurnResult> IGuidedDialog.ContinueAsync(DialogContext context, DialogStateRecord record, DialogInput input)
    {
        var state = JsonSerializer.Deserialize<TState>(record.StateJson, Json);
        if (state is null)
        {
            await store.DeleteAsync(context.Identity, Name, context.CancellationToken);
            return TurnResult.Reply(new MessageView(context.Texts["dialog.expired"]));
        }

        return await StepAsync(context, state, input);
    }

    private async Task<TurnResult> StepAsync(DialogContext context, TState state, DialogInput input)
    {
        var step = await NextAsync(context, state, input);
        if (step.State is null)
        {
            await store.DeleteAsync(context.Identity, Name, context.CancellationToken);
        }
        else
        {
            var now = time.GetUtcNow();
            var record = new DialogStateRecord(
                Name, JsonSerializer.Serialize(step.State, Json), context.StateConversationId, now, now + Lifetime);
            await store.SaveAsync(context.Identity, record, context.CancellationToken);
        }

        return new TurnResult(step.Views, step.ReplaceCard);
    }
}
