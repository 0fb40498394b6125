using System.Globalization;
using System.Text.Json.Nodes;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Commitments;
using AllianceBot.Data.Members;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Commitments;

/// <summary>
/// Commitments (issue 17, docs/commitments.md): "commit N [for NAME] [by ROUND]" or the "Commit" button on an advice
/// item turns it into a promise with an owner and a due round; "done N" or the "Done" button marks it kept;
/// "commitments" lists them for both partners; "commitments members on|off" (managers) lets members commit too.
/// Every refusal stores nothing; every change is audited.
/// </summary>
public sealed class CommitmentsDialog(
    Database database,
    HealthEvaluator evaluator,
    CommitmentBoard board,
    AllianceDirectory directory,
    TimeProvider time) : IDialog
{
    /// <summary>How far ahead "by ROUND" may put the due round, counted from the next round.</summary>
    public const int MaxRoundsAhead = 12;

    public void Register(DialogRoutes routes) => routes
        .OnIntent(Intent.Commit, Operation.Commit, TypedCommitAsync, ItemNumberAsync)
        .OnIntent(Intent.CommitDone, Operation.ViewHealth, TypedDoneAsync, DoneNumberAsync)
        .OnIntent(Intent.Commitments, Operation.ViewHealth, ListAsync)
        .OnIntent(Intent.CommitmentSettings, Operation.SetCommitments, SettingsAsync)
        .OnVerb(CommitmentCards.CommitVerb, Audience.Member, Operation.Commit, Intent.Commit, ClickedCommitAsync)
        .OnVerb(CommitmentCards.DoneVerb, Audience.Member, Operation.ViewHealth, Intent.CommitDone, ClickedDoneAsync, CardNumberAsync);

    // Prechecks (before authorization): the number a command or button must carry.
    private static Task<TurnResult?> ItemNumberAsync(DialogContext context)
    {
        var texts = context.Texts;
        var raw = context.Arguments.Problems.FirstOrDefault(p => p.Name == Arg.Item)?.Raw;
        return Task.FromResult(context.Arguments.Integer(Arg.Item) is not null ? null
            : Say(raw is null ? texts["commitments.refuse.missingitem"] : texts.Format("commitments.refuse.notanumber", raw)));
    }

    private static Task<TurnResult?> DoneNumberAsync(DialogContext context)
    {
        var texts = context.Texts;
        var raw = context.Arguments.Problems.FirstOrDefault(p => p.Name == Arg.Number)?.Raw;
        return Task.FromResult(context.Arguments.Integer(Arg.Number) is not null ? null
            : Say(raw is null ? texts["commitments.refuse.donenumber"] : texts.Format("commitments.refuse.donebad", raw)));
    }

    private static Task<TurnResult?> CardNumberAsync(DialogContext context) =>
        Task.FromResult(CardNumber(context) is not null ? null : Say(context.Texts["commitments.refuse.donenumber"]));

    private static int? CardNumber(DialogContext context) =>
        int.TryParse(context.Value(CommitmentCards.NumberKey), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    // Who may commit (managers; members when the alliance lets them) is the route's Operation.Commit.
    private async Task<TurnResult> TypedCommitAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        var item = context.Arguments.Integer(Arg.Item)!.Value;
        var health = await evaluator.EvaluateAsync(scope.Alliance.Id, context.Language, null, context.CancellationToken);
        var advice = health is null ? [] : NumberedAdvice.Of(health.Report);
        if (advice.Count == 0)
        {
            return Say(texts["commitments.refuse.noadvice"]);
        }

        if (advice.FirstOrDefault(a => a.Number == item) is not { } chosen)
        {
            return Say(texts.Format("commitments.refuse.noitem", item, advice.Count));
        }

        return await MakeAsync(context, scope, chosen.Line.Id, item, context.Arguments.Text(Arg.Details));
    }

    private async Task<TurnResult> ClickedCommitAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;

        // The button names the advice item; it must still be advice of this alliance's current health check.
        var health = await evaluator.EvaluateAsync(scope.Alliance.Id, context.Language, null, context.CancellationToken);
        var advice = health is null ? [] : NumberedAdvice.Of(health.Report);
        var adviceId = context.Value(CommitmentCards.AdviceKey);
        if (advice.FirstOrDefault(a => string.Equals(a.Line.Id, adviceId, StringComparison.Ordinal)) is not { } chosen)
        {
            return Say(texts["commitments.refuse.stale"]);
        }

        return await MakeAsync(context, scope, chosen.Line.Id, chosen.Number, details: null);
    }

    private async Task<TurnResult> MakeAsync(DialogContext context, AllianceScope scope, string adviceId, int item, string? details)
    {
        var texts = context.Texts;
        var ct = context.CancellationToken;
        var request = CommitDetails.Parse(details);
        if (request.Unclear is { } unclear)
        {
            return Say(texts.Format("commitments.refuse.details", unclear));
        }

        var existing = (await database.ListCommitmentsAsync(scope.Alliance.Id, ct))
            .FirstOrDefault(c => c.Status == CommitmentStatus.Open && string.Equals(c.AdviceId, adviceId, StringComparison.Ordinal));
        if (existing is not null)
        {
            return Say(texts.Format("commitments.refuse.duplicate", item, existing.Number, existing.DueRound));
        }

        // The owner: the committing person, or the one active member of the alliance (either partner) the name fits.
        var owner = scope.Member.Id;
        if (request.Owner is { } name)
        {
            var matches = NameMatch.Find(await directory.MembersAsync(scope.Alliance.Id, ct), name);
            switch (matches.Count)
            {
                case 0:
                    return Say(texts.Format("commitments.refuse.noowner", name));
                case > 1:
                    return Say(texts.Format("commitments.refuse.manyowners", name, string.Join(", ", matches.Take(5).Select(m => m.Name))));
            }

            owner = matches[0].MemberId;
        }

        // Measured from the last closed round; due by default at the close of the next round that has not opened yet,
        // so its owner always gets the reminder that comes when the due round opens (a round already open has sent it).
        var closed = await database.ListClosedRoundsAsync(scope.Alliance.Id, 1, ct);
        int? baseRound = closed.Count > 0 ? closed[^1].Number : null;
        var open = await database.GetOpenRoundAsync(scope.Alliance.Id, ct);
        var earliest = Math.Max((baseRound ?? 0) + 1, open is null ? 0 : open.Number + 1);
        var due = request.DueRound ?? earliest;
        if (due < earliest || due > earliest + MaxRoundsAhead)
        {
            return Say(texts.Format("commitments.refuse.badround", due, earliest, earliest + MaxRoundsAhead));
        }

        var target = AdviceCatalog.Default.Find(adviceId)?.Target ?? Dimension.Relational;
        var now = time.GetUtcNow();
        var commitment = await database.MakeCommitmentAsync(new NewCommitment(scope.Alliance.Id, adviceId, target, owner, scope.Member.Id, baseRound, due), now, ct);
        await database.RecordAuditAsync(new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, "commitment.made",
            new JsonObject { ["number"] = commitment.Number, ["advice"] = adviceId, ["dueRound"] = due }.ToJsonString(), now, owner), ct);
        return TurnResult.Reply(CommitmentCards.Made(commitment, scope.Alliance.Name, texts));
    }

    private Task<TurnResult> TypedDoneAsync(DialogContext context, AllianceScope scope) =>
        DoneAsync(context, scope, context.Arguments.Integer(Arg.Number)!.Value);

    private Task<TurnResult> ClickedDoneAsync(DialogContext context, AllianceScope scope) => DoneAsync(context, scope, CardNumber(context)!.Value);

    private async Task<TurnResult> DoneAsync(DialogContext context, AllianceScope scope, int number)
    {
        var texts = context.Texts;
        var ct = context.CancellationToken;
        var commitment = (await database.ListCommitmentsAsync(scope.Alliance.Id, ct)).FirstOrDefault(c => c.Number == number);
        if (commitment is null)
        {
            return Say(texts.Format("commitments.refuse.nocommitment", number));
        }

        if (!scope.IsManager && commitment.OwnerMemberId != scope.Member.Id)
        {
            return Say(texts.Format("commitments.refuse.notowner", number, CommitmentCards.Owner(commitment, texts)));
        }

        if (commitment.Status != CommitmentStatus.Open)
        {
            return Say(texts.Format("commitments.done.already", number, texts[$"commitments.state.{commitment.Status.ToString().ToLowerInvariant()}.word"]));
        }

        var now = time.GetUtcNow();
        var done = await database.MarkCommitmentDoneAsync(scope.Alliance.Id, number, scope.Member.Id, now, ct);
        if (done is not { Status: CommitmentStatus.Kept })
        {
            // The due round closed between reading and writing: it was missed.
            return Say(texts.Format("commitments.done.already", number, texts["commitments.state.missed.word"]));
        }

        await database.RecordAuditAsync(new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, "commitment.kept",
            new JsonObject { ["number"] = number, ["advice"] = done.AdviceId }.ToJsonString(), now, done.OwnerMemberId), ct);
        var text = AdviceCatalog.Default.Find(done.AdviceId)?.Text.In(texts.Language) ?? done.AdviceId;
        return TurnResult.Reply(new CardView(CardKind.Info, texts.Format("commitments.done.title", number),
            [new Paragraph(text), new Paragraph(texts.Format("commitments.done.body", CommitmentCards.Owner(done, texts)), Tone.Good)],
            [IntentButtons.For(Intent.Commitments, texts), IntentButtons.For(Intent.WhereAreWe, texts)],
            texts.Format("commitments.done.title", number)) { Subtitle = scope.Alliance.Name });
    }

    private async Task<TurnResult> ListAsync(DialogContext context, AllianceScope scope)
    {
        var ct = context.CancellationToken;
        var health = await evaluator.EvaluateAsync(scope.Alliance.Id, context.Language, null, ct);
        var commitments = await database.ListCommitmentsAsync(scope.Alliance.Id, ct);
        var progress = CommitmentCards.Progress(commitments, health, context.Language);
        return TurnResult.Reply(CommitmentCards.List(scope.Alliance.Name, scope.Alliance.Id, progress, context.Texts, await board.MayCommitAsync(scope, ct)));
    }

    private async Task<TurnResult> SettingsAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        var ct = context.CancellationToken;
        var typed = context.Arguments.Text(Arg.Setting)?.Trim();
        var normal = TextNormalizer.Normalize(typed);
        var words = IntentCatalog.AllCommitWords;
        bool? wanted = words.On.Contains(normal) ? true : words.Off.Contains(normal) ? false : null;
        if (wanted is not { } allowed)
        {
            var now = await database.MembersMayCommitAsync(scope.Alliance.Id, ct);
            var state = texts.Format(now ? "commitments.settings.on" : "commitments.settings.off", scope.Alliance.Name);
            return Say(typed is null ? state + " " + texts["commitments.settings.usage"] : texts.Format("commitments.settings.bad", typed) + " " + texts["commitments.settings.usage"]);
        }

        await database.SetMembersMayCommitAsync(scope.Alliance.Id, allowed, ct);
        await database.RecordAuditAsync(new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, "commitments.members",
            new JsonObject { ["allowed"] = allowed }.ToJsonString(), time.GetUtcNow()), ct);
        return Say(texts.Format(allowed ? "commitments.settings.on" : "commitments.settings.off", scope.Alliance.Name));
    }

    private static TurnResult Say(string text) => TurnResult.Reply(new MessageView(text));
}

/// <summary>
/// The optional part after "commit N": an owner ("for NAME", "voor NAAM", "für NAME") and a due round ("by [round] N",
/// "uiterlijk/tegen [ronde] N", "bis [zur] [Runde] N", "for round N"). The small words come from the words catalogs of
/// every language (words.{code}.json, "commit"), so people may mix languages; the number may be a digit or a number word.
/// </summary>
public sealed record CommitDetails(string? Owner, int? DueRound, string? Unclear)
{
    public static CommitDetails Parse(string? text) => Parse(text, IntentCatalog.AllCommitWords);

    public static CommitDetails Parse(string? text, CommitWords words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var typed = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim(',', ';')).Where(w => w.Length > 0).ToArray();
        var normal = typed.Select(TextNormalizer.Normalize).ToArray();
        string? owner = null;
        int? due = null;
        var i = 0;
        while (i < typed.Length)
        {
            if (StartsDue(normal, i, words))
            {
                // "by 5", "by round 5", "voor ronde 5", "bis zur Runde fünf"
                var at = SkipFillers(normal, i + 1, words);
                at = at < normal.Length && words.Round.Contains(normal[at]) ? SkipFillers(normal, at + 1, words) : at;
                if (due is not null || at >= normal.Length || Number(normal[at]) is not { } round)
                {
                    return new CommitDetails(null, null, string.Join(' ', typed[i..]));
                }

                due = round;
                i = at + 1;
            }
            else if (words.Owner.Contains(normal[i]) && owner is null)
            {
                var end = i + 1;
                while (end < normal.Length && !StartsDue(normal, end, words))
                {
                    end++;
                }

                if (end == i + 1)
                {
                    return new CommitDetails(null, null, typed[i]);
                }

                owner = string.Join(' ', typed[(i + 1)..end]);
                i = end;
            }
            else
            {
                return new CommitDetails(null, null, string.Join(' ', typed[i..]));
            }
        }

        return new CommitDetails(owner, due, null);
    }

    /// <summary>A due word, or an owner word whose next words name a round ("voor ronde 5", "für Runde 5").</summary>
    private static bool StartsDue(string[] normal, int i, CommitWords words)
    {
        if (words.Due.Contains(normal[i]))
        {
            return true;
        }

        var next = SkipFillers(normal, i + 1, words);
        return words.Owner.Contains(normal[i]) && next < normal.Length && words.Round.Contains(normal[next]);
    }

    private static int SkipFillers(string[] normal, int i, CommitWords words)
    {
        while (i < normal.Length && words.Filler.Contains(normal[i]))
        {
            i++;
        }

        return i;
    }

    private static int? Number(string normal) =>
        int.TryParse(normal, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) ? digits
        : IntentCatalog.TryNumber(normal, out var word) ? word
        : null;
}
