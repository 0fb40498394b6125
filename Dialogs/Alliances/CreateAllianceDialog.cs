using AllianceBot.Data.Alliances;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Routing.Guided;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Dialogs.Alliances;

public enum CreateStep
{
    Name,
    Organisation,
    Partners,
    TimeZone,
    Language,
    Confirm,

    /// <summary>Confirmed: <see cref="CreateAllianceDialog.NextAsync"/> saves it.</summary>
    Create,
}

/// <summary>The answers so far of "create alliance"; serialized between turns.</summary>
public sealed record CreateAllianceState(
    CreateStep Step,
    string? Name = null,
    string? Organisation = null,
    IReadOnlyList<string>? Partners = null,
    string? TimeZone = null,
    string? Language = null);

/// <summary>
/// "create alliance" / "nieuwe alliantie": any person can create an alliance and becomes its first manager. Asked step
/// by step (name, own organisation, the other partners, time zone, language, confirm), or in one line (see
/// <see cref="OneLineAlliance"/>). The creation arms the round schedule through <see cref="IRoundControl"/>.
/// </summary>
public sealed partial class CreateAllianceDialog(
    IDialogStateStore store,
    TimeProvider time,
    Database database,
    AllianceDirectory directory,
    ILogger<CreateAllianceDialog> logger,
    IRoundControl? rounds = null) : GuidedDialog<CreateAllianceState>(store, time)
{
    private readonly TimeProvider clock = time;

    public const string AnswerVerb = "alliance.create.answer";
    public const string AnswerKey = "answer";

    public override string Name => "create-alliance";

    public override void Register(DialogRoutes routes) => routes
        .OnOpenIntent(Intent.CreateAlliance, StartAsync)
        .OnOpenVerb(AnswerVerb, Audience.Personal, ContinueFromCardAsync);

    public override DialogStep<CreateAllianceState> Next(CreateAllianceState state, DialogInput input)
    {
        var texts = input.Texts;
        if (input.Kind is DialogInputKind.Begin or DialogInputKind.Resume)
        {
            return DialogStep.Continue(state, Ask(state, texts));
        }

        var answer = input.Kind == DialogInputKind.Action ? input.Action?.Values.GetValueOrDefault(AnswerKey) : input.Text;
        var (next, problem) = Apply(state, answer ?? "");
        return problem is null
            ? next.Step == CreateStep.Create ? DialogStep.Continue(next) : DialogStep.Continue(next, Ask(next, texts))
            : DialogStep.Continue(state, new MessageView(problem(texts)), Ask(state, texts));
    }

    protected override async Task<DialogStep<CreateAllianceState>> NextAsync(DialogContext context, CreateAllianceState state, DialogInput input)
    {
        var step = Next(state, input);
        if (step.State is not { Step: CreateStep.Create } confirmed)
        {
            return step;
        }

        var form = new OneLineAlliance(confirmed.Name!, confirmed.Organisation!, confirmed.Partners ?? [],
            confirmed.TimeZone ?? AllianceInputs.DefaultTimeZone, AllianceInputs.LanguageOf(confirmed.Language));
        return DialogStep.Finish<CreateAllianceState>(await CreateAsync(context, form));
    }

    /// <summary>The pure transition for one answer: the next state, or a problem to explain (the state stays).</summary>
    public static (CreateAllianceState Next, Func<Texts, string>? Problem) Apply(CreateAllianceState state, string answer)
    {
        switch (state.Step)
        {
            case CreateStep.Name:
                return AllianceInputs.Name(answer) is { } name
                    ? (state with { Step = CreateStep.Organisation, Name = name }, null)
                    : (state, t => t.Format("alliance.create.badname", AllianceInputs.MaxNameLength));
            case CreateStep.Organisation:
                return AllianceInputs.Name(answer) is { } organisation
                    ? (state with { Step = CreateStep.Partners, Organisation = organisation }, null)
                    : (state, t => t.Format("alliance.create.badname", AllianceInputs.MaxNameLength));
            case CreateStep.Partners:
                return AllianceInputs.PartnerList(answer, state.Organisation) switch
                {
                    null => (state, t => t.Format("alliance.create.badname", AllianceInputs.MaxNameLength)),
                    var partners when AllianceInputs.TooManyPartners(partners) => (state, t => t.Format("alliance.partners.toomany", AllianceInputs.MaxPartners)),
                    var partners => (state with { Step = CreateStep.TimeZone, Partners = partners }, null),
                };
            case CreateStep.TimeZone:
                return AllianceInputs.TimeZone(answer) is { } zone
                    ? (state with { Step = CreateStep.Language, TimeZone = zone }, null)
                    : (state, t => t.Format("alliance.create.badtimezone", Shorten(answer)));
            case CreateStep.Language:
                return AllianceInputs.LanguageOf(answer) is { } language
                    ? (state with { Step = CreateStep.Confirm, Language = language.Code() }, null)
                    : (state, t => t.Format("alliance.create.badlanguage", Shorten(answer)));
            case CreateStep.Confirm:
                return IsYes(answer)
                    ? (state with { Step = CreateStep.Create }, null)
                    : (state, t => t["alliance.create.confirmhint"]);
            default:
                return (state, null);
        }
    }

    private async Task<TurnResult> StartAsync(DialogContext context)
    {
        var typed = RawArgument(context.Turn.Text, context.Arguments.Text(Arg.Name));
        if (string.IsNullOrWhiteSpace(typed))
        {
            return await BeginAsync(context, new CreateAllianceState(CreateStep.Name));
        }

        var parsed = OneLineAlliance.Parse(typed);
        if (parsed.Form is null)
        {
            return TurnResult.Reply(OneLineProblem(context.Texts, parsed));
        }

        if (!parsed.Form.IsComplete)
        {
            return await BeginAsync(context, new CreateAllianceState(CreateStep.Organisation, Name: parsed.Form.Name));
        }

        return TurnResult.Reply(await CreateAsync(context, parsed.Form));
    }

    private async Task<View[]> CreateAsync(DialogContext context, OneLineAlliance form)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var contact = await directory.RecordAsync(context.Turn, ct);
        var language = form.Language ?? context.Language;
        var created = await database.CreateAllianceAsync(
            new NewAlliance(form.Name, contact.Id, form.Organisation!, form.Partners, form.TimeZone, language.Code()), now, ct);
        await database.RecordAuditAsync(new AuditEntry(created.Alliance.Id, contact.Id, "alliance.created", null, now), ct);
        var firstRound = await ScheduleAsync(created.Alliance.Id, ct);
        return [AllianceCards.Created(context.Texts, created, firstRound, rounds is not null)];
    }

    private async Task<DateTimeOffset?> ScheduleAsync(Guid allianceId, CancellationToken ct)
    {
        if (rounds is null)
        {
            return null;
        }

        try
        {
            return await rounds.ScheduleAsync(allianceId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The alliance exists either way; the manager can re-arm it with "schedule ...".
            LogScheduleFailed(e, allianceId);
            return null;
        }
    }

    private static CardView Ask(CreateAllianceState state, Texts texts)
    {
        var number = (int)state.Step + 1;
        var title = texts.Format("alliance.create.title", Math.Min(number, 6), 6);
        var blocks = new List<Block>();
        var actions = new List<ViewAction>();
        switch (state.Step)
        {
            case CreateStep.Name or CreateStep.Organisation or CreateStep.Partners:
                var key = state.Step.ToString().ToLowerInvariant();
                blocks.Add(new Paragraph(texts.Format($"alliance.create.ask.{key}", state.Name ?? "", state.Organisation ?? "")));
                blocks.Add(new TextInput(AnswerKey, texts[$"alliance.create.label.{key}"], texts[$"alliance.create.placeholder.{key}"], MaxLength: 300));
                actions.Add(Answer(texts["alliance.create.next"], null, ActionStyle.Positive, submitsInputs: true));
                if (state.Step == CreateStep.Partners)
                {
                    actions.Add(Answer(texts["alliance.create.nopartners"], "-"));
                }

                break;
            case CreateStep.TimeZone:
                blocks.Add(new Paragraph(texts["alliance.create.ask.timezone"]));
                blocks.Add(new TextInput(AnswerKey, texts["alliance.create.label.timezone"], AllianceInputs.DefaultTimeZone, MaxLength: 64));
                actions.Add(Answer(AllianceInputs.DefaultTimeZone, AllianceInputs.DefaultTimeZone, ActionStyle.Positive));
                actions.Add(Answer(texts["alliance.create.next"], null, submitsInputs: true));
                break;
            case CreateStep.Language:
                blocks.Add(new Paragraph(texts["alliance.create.ask.language"]));
                foreach (var language in Languages.Supported)
                {
                    actions.Add(Answer(texts.In(language)["language.self"], language.Code));
                }

                break;
            default:
                blocks.Add(new Paragraph(texts["alliance.create.ask.confirm"]));
                blocks.Add(new FactList(
                [
                    new Fact(texts["alliance.fact.name"], state.Name ?? ""),
                    new Fact(texts["alliance.fact.organisation"], state.Organisation ?? ""),
                    new Fact(texts["alliance.fact.partners"], Partners(texts, state.Partners)),
                    new Fact(texts["alliance.fact.timezone"], state.TimeZone ?? AllianceInputs.DefaultTimeZone),
                    new Fact(texts["alliance.fact.language"], texts[$"alliance.language.{state.Language ?? Language.FallbackCode}"]),
                ]));
                actions.Add(Answer(texts["alliance.create.confirm"], "yes", ActionStyle.Positive));
                break;
        }

        blocks.Add(new Paragraph(texts["alliance.create.cancelhint"], Tone.Subtle));
        actions.Add(IntentButtons.For(Intent.Cancel, texts));
        return new CardView(CardKind.Choice, title, blocks, actions, title);

        SubmitAction Answer(string label, string? value, ActionStyle style = ActionStyle.Default, bool submitsInputs = false)
        {
            var data = new Dictionary<string, string>(StringComparer.Ordinal) { [DialogVerbs.LanguageKey] = texts.Language.Code() };
            if (value is not null)
            {
                data[AnswerKey] = value;
            }

            return new SubmitAction(label, AnswerVerb, data, style, submitsInputs);
        }
    }

    internal static string Partners(Texts texts, IReadOnlyList<string>? partners) =>
        partners is { Count: > 0 } ? string.Join(", ", partners) : texts["alliance.create.nopartners.short"];

    private static CardView OneLineProblem(Texts texts, OneLineAlliance.Result parsed) => new(
        CardKind.Error,
        texts["alliance.oneline.title"],
        [
            new Paragraph(texts.Format(parsed.ProblemKey!, parsed.Detail ?? "")),
            new Paragraph(texts["alliance.oneline.grammar"], Tone.Subtle),
        ],
        [IntentButtons.For(Intent.CreateAlliance, texts)],
        texts["alliance.oneline.title"]);

    /// <summary>
    /// The one-line form needs what was typed exactly (quotes, commas); recognition keeps words but drops punctuation,
    /// so the text after the command words is taken from the message itself.
    /// </summary>
    internal static string? RawArgument(string? raw, string? recognized)
    {
        if (recognized is null || raw is null)
        {
            return recognized;
        }

        var definition = IntentTable.Get(Intent.CreateAlliance);
        var words = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        foreach (var form in definition.AllCommands.Select(c => c.Split(' ')).OrderByDescending(f => f.Length))
        {
            if (words.Length > form.Length && form.Select((w, i) => string.Equals(words[i].Trim(',', '.', ':'), w, StringComparison.OrdinalIgnoreCase)).All(x => x))
            {
                var start = 0;
                for (var i = 0; i < form.Length; i++)
                {
                    start = raw.IndexOf(words[i], start, StringComparison.Ordinal) + words[i].Length;
                }

                return raw[start..].Trim();
            }
        }

        return recognized;
    }

    private static bool IsYes(string answer) =>
        AllianceInputs.Unquote(answer).ToLowerInvariant() is "yes" or "y" or "ja" or "j" or "ok" or "create" or "aanmaken" or "anlegen" or "go";

    private static string Shorten(string text) => text.Length <= 40 ? text.Trim() : text[..39].Trim() + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alliance {AllianceId} was created but its rounds could not be scheduled")]
    private partial void LogScheduleFailed(Exception exception, Guid allianceId);
}
