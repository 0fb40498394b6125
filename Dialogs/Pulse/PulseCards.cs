using System.Globalization;
using AllianceBot.Data.Responses;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Pulse;

/// <summary>The round a pulse card is about, as the member sees it (dates in their own time zone).</summary>
public sealed record PulseRound(Guid AllianceId, string AllianceName, Guid RoundId, int Number, IReadOnlyList<string> Items, DateTimeOffset ClosesAt, TimeZoneInfo Zone);

/// <summary>What goes on a pulse card besides the round: earlier choices to keep, a reminder line, problems to show.</summary>
public sealed record PulseCardState(IReadOnlyDictionary<string, int>? Answers = null, string? Comment = null, bool Reminder = false, IReadOnlyList<string>? Errors = null);

/// <summary>
/// The member's own cards: the pulse (one 1–5 choice per item, or "don't know / not applicable", labels from the item bank in their language, an
/// optional comment, one submit), the thank-you that shows only them what they answered, and "this round has closed".
/// </summary>
public static class PulseCards
{
    public const string SubmitVerb = "pulse.submit";
    public const string ChangeVerb = "pulse.change";

    public static CardView Pulse(PulseRound round, Texts texts, ItemBank bank, PulseCardState? state = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        state ??= new PulseCardState();
        var language = texts.Language;
        // Five scored choices and a sixth without a score, so "Neutral" need not stand for "not yet" or "not my area".
        var scale = Enumerable.Range(1, 5)
            .Select(v => new Choice($"{v.ToString(CultureInfo.InvariantCulture)} · {bank.ScaleLabel(v, language)}", v.ToString(CultureInfo.InvariantCulture)))
            .Append(new Choice(bank.DontKnow.In(language), PulseSubmission.DontKnowValue))
            .ToList();
        var body = new List<Block>();
        if (state.Errors is { Count: > 0 } errors)
        {
            body.AddRange(errors.Select(e => new Paragraph(e, Tone.Attention)));
        }

        if (state.Reminder)
        {
            body.Add(new Paragraph(texts["pulse.card.reminder"], Tone.Accent));
        }

        body.Add(new Paragraph(texts.Format("pulse.card.intro", round.Items.Count, Duration(round.Items.Count, texts))));
        foreach (var id in round.Items)
        {
            var item = bank[id];
            var chosen = state.Answers is not null && state.Answers.TryGetValue(id, out var value) ? PulseSubmission.CardValue(value) : null;
            body.Add(new ChoiceInput(id, item.Text.In(language), scale, chosen, Required: true, ErrorMessage: texts["pulse.card.required"]));
        }

        body.Add(new TextInput(PulseSubmission.CommentKey, texts["pulse.card.comment"], texts["pulse.card.comment.placeholder"], state.Comment,
            Multiline: true, MaxLength: PulseSubmission.MaxCommentLength));
        var submit = new SubmitAction(texts["pulse.card.submit"], SubmitVerb, Data(round, texts), ActionStyle.Positive, SubmitsInputs: true);
        return new CardView(CardKind.Pulse, texts.Format("pulse.card.title", round.AllianceName), body, [submit],
            texts.Format("pulse.card.summary", round.AllianceName, round.Items.Count, Duration(round.Items.Count, texts)))
        {
            Subtitle = texts.Format("pulse.card.subtitle", round.Number, texts.DateTime(round.ClosesAt, round.Zone)),
        };
    }

    /// <summary>The thank-you: the member's own answers (shown to them only), and a way back to the card while the round is open.</summary>
    /// <summary>Seconds a statement takes to read and tap (issue 17: the intro states the real size and time of the round).</summary>
    public const int SecondsPerStatement = 10;

    /// <summary>An honest time for <paramref name="statements"/> taps: "under a minute", or "about N minutes" rounded up.</summary>
    public static string Duration(int statements, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var seconds = statements * SecondsPerStatement;
        return seconds < 60 ? texts["pulse.card.time.underminute"] : texts.Format("pulse.card.time.minutes", (seconds + 59) / 60);
    }

    public static CardView ThankYou(PulseRound round, Texts texts, ItemBank bank, IReadOnlyDictionary<string, int> answers, string? comment, int anonymityK)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(answers);
        var language = texts.Language;
        var facts = round.Items
            .Where(answers.ContainsKey)
            .Select(id => new Fact(bank[id].Text.In(language), AnswerText(answers[id], bank, language)))
            .ToList();
        var body = new List<Block>
        {
            new Paragraph(texts.Format("pulse.thanks.body", round.AllianceName, anonymityK)),
            new Heading(texts["pulse.thanks.answers"]),
            new FactList(facts),
        };
        if (!string.IsNullOrWhiteSpace(comment))
        {
            body.Add(new FactList([new Fact(texts["pulse.thanks.comment"], comment)]));
        }

        body.Add(new Paragraph(texts.Format("pulse.thanks.change.hint", texts.DateTime(round.ClosesAt, round.Zone)), Tone.Subtle));
        var change = new SubmitAction(texts["pulse.thanks.change"], ChangeVerb, Data(round, texts));
        return new CardView(CardKind.ThankYou, texts["pulse.thanks.title"], body, [change], texts["pulse.thanks.summary"])
        {
            Subtitle = texts.Format("pulse.card.subtitle", round.Number, texts.DateTime(round.ClosesAt, round.Zone)),
        };
    }

    /// <summary>How a stored answer reads back to its author: "4 · Agree", or "Don't know / not applicable".</summary>
    public static string AnswerText(int answer, ItemBank bank, Language language)
    {
        ArgumentNullException.ThrowIfNull(bank);
        return answer == AnswerValue.DontKnow
            ? bank.DontKnow.In(language)
            : $"{answer.ToString(CultureInfo.InvariantCulture)} · {bank.ScaleLabel(answer, language)}";
    }

    public static CardView Closed(string allianceName, DateTimeOffset closedAt, TimeZoneInfo zone, Texts texts) => new(
        CardKind.Info,
        texts["pulse.closed.title"],
        [new Paragraph(texts.Format("pulse.closed.body", allianceName, texts.DateTime(closedAt, zone)))],
        [IntentButtons.For(Intent.WhereAreWe, texts)],
        texts["pulse.closed.title"]);

    public static CardView NoneOpen(string allianceName, Texts texts) => new(
        CardKind.Info,
        texts["pulse.none.title"],
        [new Paragraph(texts.Format("pulse.none.body", allianceName))],
        [IntentButtons.For(Intent.WhereAreWe, texts)],
        texts["pulse.none.title"]);

    public static CardView Refused(string message, Texts texts) => new(
        CardKind.Error,
        texts["pulse.error.title"],
        [new Paragraph(message, Tone.Attention)],
        [IntentButtons.For(Intent.Pulse, texts)],
        message);

    private static Dictionary<string, string> Data(PulseRound round, Texts texts) => new(StringComparer.Ordinal)
    {
        [AllianceScopes.AllianceKey] = round.AllianceId.ToString(),
        [PulseSubmission.RoundKey] = round.RoundId.ToString(),
        [DialogVerbs.LanguageKey] = texts.Language.Code(),
    };
}
