using AllianceBot.Data.Telemetry;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Help;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing.Guided;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Dialogs.Routing;

/// <summary>
/// The channel-neutral entry point: recognizes typed text with the intent table, routes card actions by verb, and
/// dispatches to whichever <see cref="IDialog"/> declared the key. Runs the active guided dialog, lets "cancel" end
/// it and other commands interrupt it (then resumes it). Unknown text gets a did-you-mean card; a failing handler an
/// error card — the channel never sees an exception. Every answer goes to its audience (<see cref="AudiencePolicy"/>):
/// in a group chat or channel, what the room may not read goes to the asker's personal chat, with a short note here.
/// </summary>
public sealed partial class DialogRouter : ITurnHandler
{
    private readonly DialogRoutes routes = new();
    private readonly Dictionary<string, IGuidedDialog> guided = new(StringComparer.Ordinal);
    private readonly IntentRecognizer recognizer;
    private readonly TextCatalog catalog;
    private readonly ILanguagePreference languages;
    private readonly IDialogStateStore? states;
    private readonly IRoomAudience rooms;
    private readonly TimeProvider time;
    private readonly ILogger<DialogRouter> logger;
    private readonly AllianceTelemetry? telemetry;
    private readonly AllianceScopes? scopes;

    public DialogRouter(
        IEnumerable<IDialog> dialogs,
        IntentRecognizer recognizer,
        TextCatalog catalog,
        ILanguagePreference languages,
        IDialogStateStore? states,
        IRoomAudience rooms,
        TimeProvider time,
        ILogger<DialogRouter> logger,
        AllianceTelemetry? telemetry = null,
        AllianceScopes? scopes = null)
    {
        this.telemetry = telemetry;
        this.scopes = scopes;
        this.rooms = rooms;
        this.recognizer = recognizer;
        this.catalog = catalog;
        this.languages = languages;
        this.states = states;
        this.time = time;
        this.logger = logger;
        foreach (var dialog in dialogs)
        {
            routes.RegisterFrom(dialog);
            if (dialog is IGuidedDialog g && !guided.TryAdd(g.Name, g))
            {
                throw new InvalidOperationException($"Two guided dialogs are named '{g.Name}'; the name keys their stored state.");
            }
        }

        var scoped = routes.All.Where(r => !r.Route.Requirement.IsOpen).Select(r => r.Key).ToList();
        if (scoped.Count > 0 && scopes is null)
        {
            throw new InvalidOperationException(
                $"Routes that act on an alliance ({string.Join(", ", scoped)}) need {nameof(AllianceScopes)}; storage must register it (AddDialogStorage).");
        }

        if (guided.Count > 0 && states is null)
        {
            throw new InvalidOperationException(
                $"Guided dialogs ({string.Join(", ", guided.Keys)}) need an {nameof(IDialogStateStore)}; storage must register one.");
        }
    }

    /// <summary>The intents some dialog handles (the rest get "not available yet").</summary>
    public IReadOnlyCollection<Intent> HandledIntents => [.. routes.Intents.Keys];

    /// <summary>Every declared route (intents as their key, verbs as themselves, "installed") with what it requires.</summary>
    internal IReadOnlyDictionary<string, Requirement> Requirements => routes.All.ToDictionary(r => r.Key, r => r.Route.Requirement, StringComparer.Ordinal);

    /// <summary>Every card verb a dialog registered, with the audience it declared.</summary>
    internal IReadOnlyDictionary<string, Audience> VerbAudiences => routes.Verbs.ToDictionary(v => v.Key, v => v.Value.Audience, StringComparer.Ordinal);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var texts = catalog.For(LanguageResolver.FromSupportedLocale(turn.Locale) ?? Language.Fallback);
        var label = new TurnLabel();
        using var span = AllianceTelemetry.Source.StartActivity("alliancebot.turn");
        span?.SetTag("alliancebot.channel", turn.From.Channel);
        span?.SetTag("alliancebot.turn.kind", turn.Kind.ToString());
        span?.SetTag("alliancebot.user.pseudonym", AllianceTelemetry.Pseudonym(turn.From.Channel, turn.From.TenantId, turn.From.UserId));
        try
        {
            return turn.Kind switch
            {
                TurnKind.Message => await OnMessageAsync(turn, label, cancellationToken),
                TurnKind.CardAction when turn.Action is not null => await OnActionAsync(turn, turn.Action, label, cancellationToken),
                TurnKind.Installed => await OnInstalledAsync(turn, label, cancellationToken),
                _ => TurnResult.None,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The channel gave up on this request; there is nobody left to answer.
            label.Intent = "cancelled";
            return TurnResult.None;
        }
        catch (Exception exception)
        {
            var reference = Guid.NewGuid().ToString("N")[..8];
            LogHandlerFailed(exception, reference, turn.Kind, turn.Action?.Verb, turn.From);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
            return TurnResult.Reply(RouterCards.Error(texts, reference));
        }
        finally
        {
            span?.SetTag("alliancebot.intent", label.Intent);
            telemetry?.TurnHandled(turn.From.Channel, turn.Kind.ToString(), label.Intent);
        }
    }

    /// <summary>What a turn turned out to be, for telemetry: an intent, a known card verb, or a fixed word — never the text.</summary>
    private sealed class TurnLabel
    {
        public string Intent { get; set; } = "none";
    }

    private async Task<TurnResult> OnMessageAsync(Turn turn, TurnLabel label, CancellationToken cancellationToken)
    {
        var recognition = recognizer.Recognize(turn.Text);
        label.Intent = recognition.Match?.Intent.ToString() ?? "unrecognized";
        var context = await ContextAsync(turn, recognition.Language, recognition.Match, cancellationToken);
        var active = await ActiveDialogAsync(turn, cancellationToken);

        if (recognition.Match?.Intent == Intent.Cancel)
        {
            return await AnswerAsync(context, Audience.Anyone, () => CancelAsync(context, active));
        }

        if (active is not null && (recognition.Match is null || !active.Value.Dialog.YieldsTo(recognition.Match)))
        {
            label.Intent = "guided:" + active.Value.Dialog.Name;
            var input = new DialogInput(DialogInputKind.Text, context.Texts, turn.Text, Intent: recognition.Match);
            return await AnswerAsync(context, GuidedAudience, () => active.Value.Dialog.ContinueAsync(context, active.Value.Record, input));
        }

        var result = recognition.Match is { } match
            ? await RunIntentAsync(context, match.Intent)
            : await AnswerAsync(context, Audience.Anyone, () => Task.FromResult(TurnResult.Reply(HelpCards.DidYouMean(context.Texts, turn.Text, recognition.Suggestions))));
        return await ResumeAsync(context, active, result);
    }

    private async Task<TurnResult> OnActionAsync(Turn turn, TurnAction action, TurnLabel label, CancellationToken cancellationToken)
    {
        var cardLanguage = LanguageResolver.FromSupportedLocale(action.Values.GetValueOrDefault(DialogVerbs.LanguageKey));
        var active = await ActiveDialogAsync(turn, cancellationToken);

        if (string.Equals(action.Verb, DialogVerbs.RunIntent, StringComparison.Ordinal))
        {
            if (!IntentTable.TryGetByKey(action.Values.GetValueOrDefault(DialogVerbs.IntentKey), out var definition))
            {
                label.Intent = "unrecognized";
                var unknown = await ContextAsync(turn, cardLanguage, null, cancellationToken);
                return TurnResult.Reply(HelpCards.DidYouMean(unknown.Texts, null, recognizer.Recognize(null).Suggestions));
            }

            label.Intent = definition.Id.ToString();
            var match = new IntentMatch(definition.Id, MatchKind.Command, 1.0, cardLanguage, ArgumentsFrom(definition, action));
            var context = await ContextAsync(turn, cardLanguage, match, cancellationToken);
            if (definition.Id == Intent.Cancel)
            {
                return await AnswerAsync(context, Audience.Anyone, () => CancelAsync(context, active));
            }

            return await ResumeAsync(context, active, await RunIntentAsync(context, definition.Id));
        }

        var verbContext = await ContextAsync(turn, cardLanguage, null, cancellationToken);
        if (!routes.Verbs.TryGetValue(action.Verb, out var route))
        {
            label.Intent = "unknown_verb";
            LogUnknownVerb(action.Verb);
            return TurnResult.Reply(HelpCards.DidYouMean(verbContext.Texts, null, recognizer.Recognize(null).Suggestions));
        }

        label.Intent = "verb:" + action.Verb; // a verb some dialog registered, so a word from the code
        return await ResumeAsync(verbContext, active, await AnswerAsync(verbContext, route.Audience, () => RunRouteAsync(verbContext, route)));
    }

    private async Task<TurnResult> OnInstalledAsync(Turn turn, TurnLabel label, CancellationToken cancellationToken)
    {
        label.Intent = "installed";
        if (routes.Installed is null)
        {
            return TurnResult.None;
        }

        var context = await ContextAsync(turn, null, null, cancellationToken);
        return await AnswerAsync(context, routes.Installed.Audience, () => RunRouteAsync(context, routes.Installed));
    }

    private Task<TurnResult> RunIntentAsync(DialogContext context, Intent intent) =>
        routes.Intents.TryGetValue(intent, out var route)
            ? AnswerAsync(context, route.Audience, () => RunRouteAsync(context, route))
            : AnswerAsync(context, Audience.Anyone, () => Task.FromResult(TurnResult.Reply(RouterCards.Unavailable(context.Texts, intent))));

    /// <summary>
    /// Runs one route as it was declared: an open route's handler as is; otherwise the route's own precheck, then
    /// authorization — the alliance the turn is about, the caller's membership there and the operation — once, here,
    /// and only an authorized turn reaches the handler (with its scope). A refusal is answered and stores nothing.
    /// </summary>
    private async Task<TurnResult> RunRouteAsync(DialogContext context, DialogRoutes.Route route)
    {
        if (route.Open is { } open)
        {
            return await open(context);
        }

        if (route.First is { } first && await first(context) is { } stopped)
        {
            return stopped;
        }

        var (operation, rerun) = route.Requirement.For(context);
        var resolution = await scopes!.ResolveAsync(context, operation, rerun);
        return resolution.Scope is { } scope ? await route.Scoped!(context, scope) : resolution.Refusal!;
    }

    /// <summary>Guided dialogs ask about the person's own input (an alliance being created): their questions are personal.</summary>
    private const Audience GuidedAudience = Audience.Personal;

    /// <summary>
    /// Runs a handler for its audience: decides who reads the answer where it was asked (the handler may look, e.g. to
    /// leave manager-only parts out), then sends privately what that room may not read — also an answer about another
    /// alliance than the one the room is linked to.
    /// </summary>
    private async Task<TurnResult> AnswerAsync(DialogContext context, Audience audience, Func<Task<TurnResult>> handler)
    {
        context.Audience = await rooms.DecideAsync(context.Turn, audience, context.CancellationToken);
        var result = await handler();
        if (!context.Turn.IsShared)
        {
            return result;
        }

        var decision = context.Audience;
        var staysInRoom = decision.Readers != Readers.Asker
            && (decision.RoomAlliance is null || context.AnsweredAlliance is null || context.AnsweredAlliance == decision.RoomAlliance);
        return staysInRoom ? result : Privately(context.Texts, result);
    }

    /// <summary>Moves every view of the answer (a card replacement too: the card in the room stays as it was) to the asker.</summary>
    private static TurnResult Privately(Texts texts, TurnResult result, IReadOnlyList<View>? more = null)
    {
        var views = result.Replies
            .Concat(result.ReplaceCard is { } replaced ? [replaced] : [])
            .Concat(result.Private?.Views ?? [])
            .Concat(more ?? [])
            .ToList();
        return views.Count == 0
            ? TurnResult.None
            : new TurnResult([]) { Private = new PrivateAnswer(views, new MessageView(texts["audience.private.sent"]), new MessageView(texts["audience.private.failed"])) };
    }

    private async Task<TurnResult> CancelAsync(DialogContext context, ActiveDialog? active)
    {
        if (active is null || states is null)
        {
            return TurnResult.Reply(new MessageView(context.Texts["cancel.nothing"]));
        }

        await states.DeleteAsync(context.Identity, active.Value.Record.DialogName, context.CancellationToken);
        return TurnResult.Reply(new MessageView(context.Texts["cancel.done"]));
    }

    /// <summary>
    /// After another command interrupted a guided dialog, remind the person where they were — unless that command
    /// moved, ended or replaced the dialog itself.
    /// </summary>
    private async Task<TurnResult> ResumeAsync(DialogContext context, ActiveDialog? before, TurnResult result)
    {
        if (before is null)
        {
            return result;
        }

        var after = await ActiveDialogAsync(context.Turn, context.CancellationToken);
        if (after is null || after.Value.Record != before.Value.Record)
        {
            return result;
        }

        // The reminder is the guided dialog's own answer: its audience decides where it goes and where its state lives.
        context.Audience = await rooms.DecideAsync(context.Turn, GuidedAudience, context.CancellationToken);
        var resumed = await after.Value.Dialog.ContinueAsync(
            context, after.Value.Record, new DialogInput(DialogInputKind.Resume, context.Texts));
        if (resumed.Replies.Count == 0)
        {
            return result;
        }

        View[] reminder = [new MessageView(context.Texts["dialog.resume"]), .. resumed.Replies];
        if (context.Turn.IsShared)
        {
            // Where the person was in a guided dialog is theirs: in a room the reminder goes with the private answer.
            return result with { Private = Privately(context.Texts, new TurnResult([]) { Private = result.Private }, reminder).Private };
        }

        return result with { Replies = [.. result.Replies, .. reminder] };
    }

    private async Task<ActiveDialog?> ActiveDialogAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (states is null || guided.Count == 0)
        {
            return null;
        }

        var records = await states.ListAsync(turn.From, time.GetUtcNow(), cancellationToken);
        var record = records
            .Where(r => r.ConversationId is null || string.Equals(r.ConversationId, turn.Conversation.ConversationId, StringComparison.Ordinal))
            .Where(r => guided.ContainsKey(r.DialogName))
            .OrderByDescending(r => r.UpdatedAt)
            .FirstOrDefault();
        return record is null ? null : new ActiveDialog(guided[record.DialogName], record);
    }

    private async Task<DialogContext> ContextAsync(Turn turn, Language? phrase, IntentMatch? match, CancellationToken cancellationToken)
    {
        var user = await languages.UserLanguageAsync(turn.From, cancellationToken);
        var alliance = user is null && phrase is null && LanguageResolver.FromSupportedLocale(turn.Locale) is null
            ? await languages.AllianceDefaultAsync(turn.From, cancellationToken)
            : null;
        var language = LanguageResolver.Resolve(user, phrase, turn.Locale, alliance);
        return new DialogContext(turn, language, catalog.For(language), match, cancellationToken);
    }

    /// <summary>Intent buttons may carry argument values under the argument names (e.g. a phase button).</summary>
    private static IntentArguments ArgumentsFrom(IntentDefinition definition, TurnAction action)
    {
        var values = definition.Arguments
            .Where(a => action.Values.ContainsKey(a.Name))
            .ToDictionary(a => a.Name, a => action.Values[a.Name], StringComparer.Ordinal);
        var missing = definition.Arguments
            .Where(a => a.Required && !values.ContainsKey(a.Name))
            .Select(a => new ArgumentProblem(a.Name, ArgumentProblemKind.Missing, null))
            .ToList();
        return new IntentArguments(values, missing);
    }

    private readonly record struct ActiveDialog(IGuidedDialog Dialog, DialogStateRecord Record);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed (reference {Reference}, kind {Kind}, verb {Verb}, from {From})")]
    private partial void LogHandlerFailed(Exception exception, string reference, TurnKind kind, string? verb, Data.Members.MemberIdentity from);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card action with unknown verb {Verb}")]
    private partial void LogUnknownVerb(string verb);
}
