using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Routing.Guided;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Routing;

/// <summary>A tiny guided dialog for router tests: asks a name, then a partner, then confirms. Texts are test-only.</summary>
internal sealed class TinyCreateDialog(IDialogStateStore store, TimeProvider time) : GuidedDialog<TinyCreateDialog.State>(store, time)
{
    public const string SkipVerb = "test.create.skip";

    public sealed record State(string? Name, string? Partner);

    public override string Name => "test-create";

    public override void Register(DialogRoutes routes) => routes
        .OnOpenIntent(Intent.CreateAlliance, context => BeginAsync(context, new State(context.Arguments.Text(Arg.Name), null)))
        .OnOpenVerb(SkipVerb, Audience.Personal, ContinueFromCardAsync);

    public override DialogStep<State> Next(State state, DialogInput input) => (state, input.Kind) switch
    {
        (_, DialogInputKind.Action) when input.Action?.Verb == SkipVerb => Done(state with { Partner = "(none)" }),
        ({ Name: null }, DialogInputKind.Text) when !string.IsNullOrWhiteSpace(input.Text) => Ask(state with { Name = input.Text.Trim() }),
        ({ Name: not null }, DialogInputKind.Text) when !string.IsNullOrWhiteSpace(input.Text) => Done(state with { Partner = input.Text.Trim() }),
        _ => Ask(state),
    };

    private static DialogStep<State> Ask(State state) => state.Name is null
        ? DialogStep.Continue(state, new MessageView("What is the alliance called?"))
        : DialogStep.Continue(state, new CardView(CardKind.Info, "Partner?", [new Paragraph($"Who is the partner of {state.Name}?")],
            [new SubmitAction("Skip", SkipVerb, new Dictionary<string, string>())], "Partner?"));

    private static DialogStep<State> Done(State state) =>
        DialogStep.Finish<State>(new CardView(CardKind.Info, "Created", [new Paragraph($"{state.Name} with {state.Partner}")], [], "Created"));
}

/// <summary>Handles "demo" by failing, to prove a handler's exception becomes an error card.</summary>
internal sealed class FailingDialog : IDialog
{
    public void Register(DialogRoutes routes) =>
        routes.OnOpenIntent(Intent.Demo, _ => throw new InvalidOperationException("database on fire"));
}

/// <summary>Echoes the context it was given, to check what handlers receive.</summary>
internal sealed class EchoDialog : IDialog
{
    public const string Verb = "test.echo";

    public void Register(DialogRoutes routes) => routes
        .OnOpenIntent(Intent.Phase, Echo)
        .OnOpenVerb(Verb, Audience.Anyone, Echo);

    private static Task<TurnResult> Echo(DialogContext context) => Task.FromResult(TurnResult.Reply(new MessageView(
        $"{context.Language.Code()}|{context.Intent?.Intent.Key()}|{ArgumentsOf(context)}|{context.Value("x")}")));

    private static string ArgumentsOf(DialogContext context) =>
        string.Join(';', context.Arguments.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
}

/// <summary>A second claim on "help", which the router must refuse at start-up.</summary>
internal sealed class SecondHelpDialog : IDialog
{
    public void Register(DialogRoutes routes) => routes.OnOpenIntent(Intent.Help, _ => Task.FromResult(TurnResult.None));
}

internal sealed class FixedLanguagePreference(Language? user, Language? alliance) : ILanguagePreference
{
    public ValueTask<Language?> UserLanguageAsync(MemberIdentity identity, CancellationToken cancellationToken) => ValueTask.FromResult(user);

    public ValueTask<Language?> AllianceDefaultAsync(MemberIdentity identity, CancellationToken cancellationToken) => ValueTask.FromResult(alliance);
}
