using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Pulse;

/// <summary>
/// Answering the pulse: the card's submit (checked, stored, acknowledged with a thank-you only after the write
/// committed), "change my answers", "pulse" (show my open card again) and the manager's "pulse now".
/// Every action's route declares its operation; the router re-resolves the alliance scope from the clicking person's
/// own membership before the handler runs.
/// </summary>
internal sealed class PulseDialog(Database database, IRoundControl rounds, TimeProvider time, AllianceBot.Data.Telemetry.AllianceTelemetry? telemetry = null) : IDialog
{
    private static ItemBank Bank => ItemBank.Default;

    public void Register(DialogRoutes routes) => routes
        .OnIntent(Intent.Pulse, Operation.ShowPulse, ShowAsync)
        .OnIntent(Intent.RoundNow, Operation.RoundNow, RoundNowAsync)
        .OnVerb(PulseCards.SubmitVerb, Audience.Personal, Operation.AnswerPulse, Intent.Pulse, SubmitAsync)
        .OnVerb(PulseCards.ChangeVerb, Audience.Personal, Operation.AnswerPulse, Intent.Pulse, ChangeAsync);

    private async Task<TurnResult> ShowAsync(DialogContext context, AllianceScope scope)
    {
        var round = await database.GetOpenRoundAsync(scope.Alliance.Id, context.CancellationToken);
        if (round is null || !round.AcceptsAnswersAt(time.GetUtcNow()))
        {
            return TurnResult.Reply(PulseCards.NoneOpen(scope.Alliance.Name, context.Texts));
        }

        var view = View(scope, round, context);
        var mine = await database.GetMyAnswersAsync(round.Id, scope.Member.Id, context.CancellationToken);
        return TurnResult.Reply(mine.Answers.Count > 0
            ? PulseCards.ThankYou(view, context.Texts, Bank, mine.Answers, mine.Comment, scope.Alliance.AnonymityK)
            : PulseCards.Pulse(view, context.Texts, Bank));
    }

    private async Task<TurnResult> ChangeAsync(DialogContext context, AllianceScope scope)
    {
        var round = await RoundOfAsync(context, scope);
        if (round is null)
        {
            return await WrongRoundAsync(context, scope);
        }

        if (!round.AcceptsAnswersAt(time.GetUtcNow()))
        {
            return Replace(Closed(context, scope, round));
        }

        var mine = await database.GetMyAnswersAsync(round.Id, scope.Member.Id, context.CancellationToken);
        return Replace(PulseCards.Pulse(View(scope, round, context), context.Texts, Bank, new PulseCardState(mine.Answers, mine.Comment)));
    }

    private async Task<TurnResult> SubmitAsync(DialogContext context, AllianceScope scope)
    {
        var round = await RoundOfAsync(context, scope);
        if (round is null)
        {
            return await WrongRoundAsync(context, scope);
        }

        var now = time.GetUtcNow();
        if (!round.AcceptsAnswersAt(now))
        {
            return Replace(Closed(context, scope, round));
        }

        var view = View(scope, round, context);
        var submission = PulseSubmission.Check(context.Action?.Values ?? new Dictionary<string, string>(), view.Items);
        if (submission.Problems.Any)
        {
            // Nothing is stored while anything is wrong; the card comes back with the valid choices kept.
            return Replace(PulseCards.Pulse(view, context.Texts, Bank,
                new PulseCardState(submission.Answers, Clip(submission.Comment), Errors: Errors(submission.Problems, context.Texts))));
        }

        // One transaction: answers and comment together, acknowledged after the commit; the thank-you shows what is
        // stored now (the answers just committed, and the comment the member has on this round).
        var submitted = await database.SubmitPulseAsync(round.Id, scope.Member.Id, submission.Answers, submission.Comment, now, context.CancellationToken);
        if (submitted.Outcome == RecordOutcome.RoundClosed)
        {
            return Replace(Closed(context, scope, round));
        }

        telemetry?.AnswersRecorded();
        return Replace(PulseCards.ThankYou(view, context.Texts, Bank, submitted.Stored.Answers, submitted.Stored.Comment, scope.Alliance.AnonymityK));
    }

    private async Task<TurnResult> RoundNowAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        var start = await rounds.OpenNowAsync(scope.Alliance.Id, context.CancellationToken);
        var round = start.RoundId is { } id ? await database.GetRoundAsync(id, context.CancellationToken) : null;
        string message;
        Tone tone;
        if (round is not null && start.AlreadyOpen)
        {
            (message, tone) = (texts.Format("round.now.already", round.Number, texts.DateTime(round.ClosesAt, Zone(context, scope))), Tone.Warning);
        }
        else if (round is not null && start.Opened)
        {
            (message, tone) = (texts.Format("round.now.opened", round.Number, round.InvitedCount), Tone.Good);
        }
        else
        {
            (message, tone) = (texts.Format(start.Problem == RoundStartProblems.NoAlliance ? "round.now.no-alliance" : "round.now.no-members", scope.Alliance.Name), Tone.Attention);
        }

        return TurnResult.Reply(new CardView(CardKind.Info, texts["round.now.title"], [new Paragraph(message, tone)],
            [IntentButtons.For(Intent.Pulse, texts)], message));
    }

    /// <summary>The round the card names, when it is a round of the scope's alliance; null for anything else.</summary>
    private async Task<Round?> RoundOfAsync(DialogContext context, AllianceScope scope)
    {
        if (!Guid.TryParse(context.Value(PulseSubmission.RoundKey), out var roundId))
        {
            return null;
        }

        var round = await database.GetRoundAsync(roundId, context.CancellationToken);
        return round is not null && round.AllianceId == scope.Alliance.Id ? round : null;
    }

    /// <summary>A card naming another alliance's round (or none): refused, and the person's own open pulse comes back.</summary>
    private async Task<TurnResult> WrongRoundAsync(DialogContext context, AllianceScope scope)
    {
        var open = await database.GetOpenRoundAsync(scope.Alliance.Id, context.CancellationToken);
        if (open is null || !open.AcceptsAnswersAt(time.GetUtcNow()))
        {
            return Replace(PulseCards.Refused(context.Texts["pulse.error.round.none"], context.Texts));
        }

        var mine = await database.GetMyAnswersAsync(open.Id, scope.Member.Id, context.CancellationToken);
        return Replace(PulseCards.Pulse(View(scope, open, context), context.Texts, Bank,
            new PulseCardState(mine.Answers, mine.Comment, Errors: [context.Texts["pulse.error.round"]])));
    }

    private CardView Closed(DialogContext context, AllianceScope scope, Round round) =>
        PulseCards.Closed(scope.Alliance.Name, round.ClosedAt ?? round.ClosesAt, Zone(context, scope), context.Texts);

    private static PulseRound View(AllianceScope scope, Round round, DialogContext context) =>
        new(scope.Alliance.Id, scope.Alliance.Name, round.Id, round.Number, RoundItems.Parse(round.ItemsJson, Bank), round.ClosesAt, Zone(context, scope));

    /// <summary>Dates in the reader's own zone when the channel told us, else the alliance's.</summary>
    private static TimeZoneInfo Zone(DialogContext context, AllianceScope scope) =>
        TryZone(context.Turn.TimeZone) ?? TryZone(scope.Alliance.TimeZone) ?? TimeZoneInfo.Utc;

    private static TimeZoneInfo? TryZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static List<string> Errors(SubmissionProblems problems, Texts texts)
    {
        var errors = new List<string>();
        if (problems.NotInRound.Count > 0)
        {
            errors.Add(texts.Format("pulse.error.unknown", Names(problems.NotInRound)));
        }

        if (problems.BadValues.Count > 0)
        {
            errors.Add(texts.Format("pulse.error.values", Statements(problems.BadValues, texts)));
        }

        if (problems.Missing.Count > 0)
        {
            errors.Add(texts.Format("pulse.error.missing", Statements(problems.Missing, texts)));
        }

        if (problems.CommentTooLong)
        {
            errors.Add(texts.Format("pulse.error.comment", PulseSubmission.MaxCommentLength));
        }

        errors.Add(texts["pulse.error.nothing-stored"]);
        return errors;
    }

    private static string Statements(IEnumerable<string> ids, Texts texts) =>
        string.Join("; ", ids.Select(id => $"\"{Bank[id].Text.In(texts.Language)}\""));

    // Keys a tampered card sent are shown clipped and capped, never in full.
    private static string Names(IReadOnlyList<string> keys) =>
        string.Join(", ", keys.Take(5).Select(k => k.Length > 40 ? k[..40] + "…" : k)) + (keys.Count > 5 ? ", …" : "");

    private static string? Clip(string? comment) =>
        comment is { Length: > PulseSubmission.MaxCommentLength } ? comment[..PulseSubmission.MaxCommentLength] : comment;

    private static TurnResult Replace(View view) => new([], view);
}
