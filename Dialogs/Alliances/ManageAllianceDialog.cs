using System.Text.Json.Nodes;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>
/// The managers' alliance-wide commands: phase, schedule, anonymity, members (counts only), export (a signed link)
/// and delete alliance (after a confirmation card). Each route declares its operation, which the router authorizes
/// before the handler runs; every change is written to the audit trail.
/// </summary>
public sealed class ManageAllianceDialog(
    Database database,
    AllianceDirectory directory,
    IExportLinks exports,
    TimeProvider time,
    IRoundControl? rounds = null,
    TextCatalog? catalog = null,
    IOutboxStore? outbox = null) : IDialog
{
    public const string DeleteVerb = "alliance.delete.confirm";

    public void Register(DialogRoutes routes) => routes
        .OnIntent(Intent.Phase, Operation.SetPhase, PhaseAsync)
        .OnIntent(Intent.Schedule, Operation.SetSchedule, ScheduleAsync)
        .OnIntent(Intent.Anonymity, Operation.SetAnonymity, AnonymityAsync)
        .OnIntent(Intent.Members, Operation.ViewMembers, MembersAsync)
        .OnIntent(Intent.Export, Operation.Export, ExportAsync)
        .OnIntent(Intent.DeleteAlliance, Operation.DeleteAlliance, DeleteAsync)
        .OnVerb(DeleteVerb, Audience.Manager, Operation.DeleteAlliance, Intent.DeleteAlliance, DeleteConfirmedAsync, CardGuard.MeantForClicker)
        .OnVerb(LowerAnonymityCards.AgreeVerb, Audience.Manager, Operation.SetAnonymity, Intent.Anonymity, AgreeLowerAsync, CardGuard.MeantForClicker)
        .OnVerb(LowerAnonymityCards.DeclineVerb, Audience.Manager, Operation.SetAnonymity, Intent.Anonymity, DeclineLowerAsync, CardGuard.MeantForClicker)
        .OnOpenVerb(ConfirmVerbs.Dismiss, Audience.Anyone, DismissAsync);

    private async Task<TurnResult> PhaseAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        if (context.Arguments.Integer(Arg.Phase) is not { } number)
        {
            var phases = Phases.All.Select(p => AllianceCards.PhaseName(texts, p.Phase)).ToList();
            return TurnResult.Reply(new CardView(CardKind.Info, texts["alliance.phase.ask.title"],
                [new Paragraph(texts.Format("alliance.phase.ask.body", AllianceCards.PhaseName(texts, scope.Alliance.Phase))), new BulletList(null, phases)],
                [], texts["alliance.phase.ask.title"]));
        }

        var phase = (Phase)number;
        var reason = context.Arguments.Text(Arg.Reason);
        var now = time.GetUtcNow();
        var before = scope.Alliance.Phase;
        await database.SetPhaseAsync(scope.Alliance.Id, phase, scope.Member.ContactId, reason, now, context.CancellationToken);
        await AuditAsync(scope, "phase.set", new JsonObject { ["from"] = (int)before, ["to"] = number }, context.CancellationToken);
        var history = await database.GetPhaseHistoryAsync(scope.Alliance.Id, context.CancellationToken);
        var profile = phase.Profile();
        var title = texts.Format("alliance.phase.set.title", AllianceCards.PhaseName(texts, phase));
        var facts = new List<Fact>
        {
            new(texts["alliance.phase.set.from"], AllianceCards.PhaseName(texts, before)),
            new(texts["alliance.phase.set.to"], AllianceCards.PhaseName(texts, phase)),
            new(texts["alliance.phase.set.emphasis"], profile.EmphasisText.In(texts.Language)),
        };
        if (!string.IsNullOrWhiteSpace(reason))
        {
            facts.Add(new Fact(texts["alliance.phase.set.reason"], reason));
        }

        facts.Add(new Fact(texts["alliance.phase.set.changes"], texts.Integer(history.Count - 1)));
        return TurnResult.Reply(new CardView(CardKind.Info, title,
            [new Paragraph(profile.Meaning.In(texts.Language)), new FactList(facts), new Paragraph(texts["alliance.phase.set.baseline"], Tone.Subtle)],
            [IntentButtons.For(Intent.WhereAreWe, texts)], title));
    }

    private async Task<TurnResult> ScheduleAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        var typed = context.Arguments.Text(Arg.Schedule);
        if (string.IsNullOrWhiteSpace(typed))
        {
            // The schedule that runs (the stored one, or the default it falls back to), in the reader's words.
            var running = ScheduleParser.ReadStored(scope.Alliance.Schedule, scope.Alliance.TimeZone).Schedule;
            return TurnResult.Reply(new MessageView(texts.Format("alliance.schedule.current", ScheduleWording.Describe(running, texts), running.TimeZoneId)));
        }

        if (rounds is null)
        {
            return TurnResult.Reply(new MessageView(texts["alliance.schedule.noscheduler"]));
        }

        var change = await rounds.ChangeScheduleAsync(scope.Alliance.Id, typed, context.CancellationToken);
        if (!change.Changed)
        {
            return TurnResult.Reply(new MessageView(texts.Format("alliance.schedule.problem", typed, ScheduleProblem(texts, change))));
        }

        await AuditAsync(scope, "schedule.changed", null, context.CancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scope.Alliance.TimeZone);
        var next = change.NextOpening is { } at ? texts.DateTime(at, zone) : texts["alliance.created.noround"];
        return TurnResult.Reply(AllianceCards.Done(texts, texts["alliance.schedule.done.title"], texts.Format("alliance.schedule.done.body", typed, next)));
    }

    private async Task<TurnResult> AnonymityAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        var range = (AllianceDefaults.MinAnonymityK, AllianceDefaults.MaxAnonymityK);
        var now = time.GetUtcNow();
        var state = await database.GetAnonymityStateAsync(scope.Alliance.Id, now, context.CancellationToken);
        if (context.Arguments.Integer(Arg.Threshold) is not { } k)
        {
            var raw = context.Arguments.Problems.FirstOrDefault(p => p.Name == Arg.Threshold)?.Raw;
            var current = raw is null
                ? texts.Format("alliance.anonymity.current", state.K, range.MinAnonymityK, range.MaxAnonymityK)
                : texts.Format("alliance.anonymity.range", raw, range.MinAnonymityK, range.MaxAnonymityK);
            return TurnResult.Reply(new MessageView(state.PendingK is { } pending ? current + " " + Pending(texts, state, pending) : current));
        }

        if (k < state.K)
        {
            return await LowerAnonymityAsync(context, scope, state.K, k, now);
        }

        // Raising (or keeping) k is immediate and ends any pending lowering.
        var commentK = Math.Max(scope.Alliance.CommentK, k);
        await database.SetAnonymityAsync(scope.Alliance.Id, k, commentK, context.CancellationToken);
        await AuditAsync(scope, "anonymity.set", new JsonObject { ["from"] = state.K, ["to"] = k }, context.CancellationToken);
        return TurnResult.Reply(AllianceCards.Done(texts, texts["alliance.anonymity.done.title"],
            texts.Format("alliance.anonymity.done.body", k, commentK)));
    }

    // Lowering k: a manager of every partner confirms by asking for the same k; it then applies only to rounds that
    // close a week later or more. Rounds already closed keep the k they closed under.
    private async Task<TurnResult> LowerAnonymityAsync(DialogContext context, AllianceScope scope, int from, int k, DateTimeOffset now)
    {
        var texts = context.Texts;
        var result = await database.RequestLowerAnonymityAsync(scope.Alliance.Id, k, scope.Member.ContactId, scope.Member.PartnerId, now, context.CancellationToken);
        var action = result.Outcome switch
        {
            LowerOutcome.Proposed => "anonymity.lower.proposed",
            LowerOutcome.Scheduled => "anonymity.lower.scheduled",
            _ => "anonymity.lower.confirmed",
        };
        if (result.Outcome != LowerOutcome.AlreadyConfirmed)
        {
            await AuditAsync(scope, action, new JsonObject { ["from"] = from, ["to"] = k, ["partner"] = scope.PartnerName }, context.CancellationToken);
        }

        if (result.Outcome == LowerOutcome.Proposed)
        {
            await SendConfirmationCardsAsync(scope, from, context.CancellationToken);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(scope.Alliance.TimeZone);
        var body = result.Outcome == LowerOutcome.Scheduled && result.State.EffectiveFrom is { } from2
            ? texts.Format("alliance.anonymity.lower.scheduled", k, texts.DateTime(from2, zone), from)
            : texts.Format(result.Outcome == LowerOutcome.Proposed ? "alliance.anonymity.lower.proposed" : "alliance.anonymity.lower.confirmed",
                k, Waiting(texts, result.State), AllianceDefaults.LowerAnonymityProposalDays);
        return TurnResult.Reply(AllianceCards.Done(texts, texts["alliance.anonymity.lower.title"], body));
    }

    // The second step: a card to every reachable manager of each partner that has not agreed yet (once per proposal and
    // manager; the outbox skips a repeated deduplication key).
    private async Task SendConfirmationCardsAsync(AllianceScope scope, int from, CancellationToken ct)
    {
        if (outbox is null || catalog is null || await database.GetOpenLoweringAsync(scope.Alliance.Id, ct) is not { } proposal)
        {
            return;
        }

        var state = await database.GetAnonymityStateAsync(scope.Alliance.Id, time.GetUtcNow(), ct);
        var partners = await database.ListPartnersAsync(scope.Alliance.Id, ct);
        var waiting = partners.Where(p => state.WaitingPartners.Contains(p.Name, StringComparer.Ordinal)).ToDictionary(p => p.Id, p => p.Name);
        var proposing = partners.FirstOrDefault(p => p.Id == proposal.PartnerId)?.Name ?? scope.PartnerName;
        var now = time.GetUtcNow();
        var messages = (await database.ListRoundMembersAsync(scope.Alliance.Id, ct))
            .Where(m => m.Role == MemberRole.Manager && m.Reachable && waiting.ContainsKey(m.PartnerId))
            .Select(m => LowerAnonymityCards.Compose(
                LowerAnonymityCards.Card(catalog.For(LowerAnonymityCards.LanguageOf(m, scope.Alliance)), scope.Alliance, proposal, proposing, waiting[m.PartnerId], from, m.Reference.Identity),
                m.Reference, scope.Alliance.Id, m.MemberId, now, $"k-lower:{proposal.Id:N}:{m.MemberId:N}"))
            .ToList();
        if (messages.Count > 0)
        {
            await outbox.EnqueueAsync(messages, ct);
        }
    }

    // "Agree" on the card: the same as typing "anonymity k" for the clicker's own partner, if the proposal is still open.
    private async Task<TurnResult> AgreeLowerAsync(DialogContext context, AllianceScope scope)
    {
        if (await OpenProposalAsync(context, scope) is not { } proposal)
        {
            return Stale(context.Texts);
        }

        var state = await database.GetAnonymityStateAsync(scope.Alliance.Id, time.GetUtcNow(), context.CancellationToken);
        var reply = await LowerAnonymityAsync(context, scope, state.K, proposal.K, time.GetUtcNow());
        return new TurnResult([], reply.Replies.Count > 0 ? reply.Replies[0] : null);
    }

    // "Decline": withdraws the proposal (k stays), audits it and tells the proposer.
    private async Task<TurnResult> DeclineLowerAsync(DialogContext context, AllianceScope scope)
    {
        if (await OpenProposalAsync(context, scope) is not { } proposal)
        {
            return Stale(context.Texts);
        }

        var texts = context.Texts;
        var now = time.GetUtcNow();
        var state = await database.GetAnonymityStateAsync(scope.Alliance.Id, now, context.CancellationToken);
        if (!await database.DeclineLowerAnonymityAsync(scope.Alliance.Id, proposal.Id, now, context.CancellationToken))
        {
            return Stale(texts);
        }

        await AuditAsync(scope, "anonymity.lower.declined", new JsonObject { ["from"] = state.K, ["to"] = proposal.K, ["partner"] = scope.PartnerName }, context.CancellationToken);
        if (outbox is not null && catalog is not null && proposal.ProposedBy is { } proposer)
        {
            var to = (await database.ListRoundMembersAsync(scope.Alliance.Id, context.CancellationToken))
                .Where(m => m.ContactId == proposer && m.Reachable).ToList();
            var notes = to.Select(m =>
            {
                var their = catalog.For(LowerAnonymityCards.LanguageOf(m, scope.Alliance));
                var note = AllianceCards.Done(their, their["alliance.anonymity.lower.declined.title"],
                    their.Format("alliance.anonymity.lower.declined.notice", scope.PartnerName, scope.Alliance.Name, proposal.K, state.K));
                return LowerAnonymityCards.Compose(note, m.Reference, scope.Alliance.Id, m.MemberId, now, $"k-declined:{proposal.Id:N}:{m.MemberId:N}");
            }).ToList();
            if (notes.Count > 0)
            {
                await outbox.EnqueueAsync(notes, context.CancellationToken);
            }
        }

        return new TurnResult([], AllianceCards.Done(texts, texts["alliance.anonymity.lower.declined.title"],
            texts.Format("alliance.anonymity.lower.declined.body", proposal.K, state.K)));
    }

    // A card click acts only for the person it was sent to and only for a manager in that alliance (both declared on
    // the route), and only while the proposal it names is still open; otherwise it answers and stores nothing.
    private async Task<PendingLowering?> OpenProposalAsync(DialogContext context, AllianceScope scope)
    {
        var open = await database.GetOpenLoweringAsync(scope.Alliance.Id, context.CancellationToken);
        return open is null || !string.Equals(open.Id.ToString(), context.Value(LowerAnonymityCards.ProposalKey), StringComparison.OrdinalIgnoreCase)
            ? null
            : open;
    }

    private static TurnResult Stale(Texts texts) =>
        new([], AllianceCards.Done(texts, texts["alliance.anonymity.lower.title"], texts["alliance.anonymity.lower.stale"]));

    private static string Waiting(Texts texts, AnonymityState state) =>
        state.WaitingPartners.Count == 0 ? texts["alliance.anonymity.lower.another"] : string.Join(", ", state.WaitingPartners);

    private static string Pending(Texts texts, AnonymityState state, int pending) =>
        state.EffectiveFrom is null
            ? texts.Format("alliance.anonymity.lower.pending", pending, Waiting(texts, state))
            : texts.Format("alliance.anonymity.lower.due", pending);

    private async Task<TurnResult> MembersAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        var counts = await database.CountMembersAsync(scope.Alliance.Id, context.CancellationToken);
        var members = await directory.MembersAsync(scope.Alliance.Id, context.CancellationToken);
        var rows = counts.Select(c => (IReadOnlyList<string>)
        [
            c.PartnerName,
            texts.Integer(c.Members),
            texts.Integer(members.Count(m => m.PartnerId == c.PartnerId && m.Role == MemberRole.Manager)),
            texts.Integer(c.Reachable),
        ]).ToList();
        var title = texts.Format("alliance.members.title", scope.Alliance.Name);
        return TurnResult.Reply(new CardView(CardKind.Info, title,
        [
            new TableBlock([texts["alliance.members.partner"], texts["alliance.members.count"], texts["alliance.members.managers"], texts["alliance.members.reachable"]], rows),
            new Paragraph(texts["alliance.members.privacy"], Tone.Subtle),
        ],
        [AllianceCards.InviteButton(texts, scope.PartnerName)], title));
    }

    private async Task<TurnResult> ExportAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        var link = exports.For(scope.Alliance.Id);
        await AuditAsync(scope, "export.link", null, context.CancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scope.Alliance.TimeZone);
        var title = texts.Format("alliance.export.title", scope.Alliance.Name);
        return TurnResult.Reply(new CardView(CardKind.Info, title,
        [
            new Paragraph(texts.Format("alliance.export.body", scope.Alliance.AnonymityK)),
            new FactList([new Fact(texts["alliance.export.valid"], texts.DateTime(link.ExpiresAt, zone))]),
            new Paragraph(texts["alliance.export.private"], Tone.Subtle),
        ],
        [new OpenUrlAction(texts["alliance.export.download"], link.Url)], title));
    }

    private async Task<TurnResult> DeleteAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        var counts = await database.CountMembersAsync(scope.Alliance.Id, context.CancellationToken);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AllianceScopes.AllianceKey] = scope.Alliance.Id.ToString(),
            [CardGuard.ForKey] = CardGuard.Fingerprint(context.Identity),
            [DialogVerbs.LanguageKey] = texts.Language.Code(),
        };
        return TurnResult.Reply(AllianceCards.Confirm(texts, texts.Format("alliance.delete.title", scope.Alliance.Name),
            [
                new Paragraph(texts.Format("alliance.delete.body", scope.Alliance.Name, counts.Count, counts.Sum(c => c.Members)), Tone.Attention),
                new Paragraph(texts["alliance.delete.undo"], Tone.Subtle),
            ],
            texts.Format("alliance.delete.button", scope.Alliance.Name), DeleteVerb, data));
    }

    private async Task<TurnResult> DeleteConfirmedAsync(DialogContext context, AllianceScope scope)
    {
        if (rounds is not null)
        {
            await rounds.UnscheduleAsync(scope.Alliance.Id, context.CancellationToken);
        }

        await database.DeleteAllianceAsync(scope.Alliance.Id, context.CancellationToken);
        var texts = context.Texts;
        return new TurnResult([], AllianceCards.Done(texts, texts["alliance.deleted.title"], texts.Format("alliance.deleted.body", scope.Alliance.Name)));
    }

    private static Task<TurnResult> DismissAsync(DialogContext context) =>
        Task.FromResult(new TurnResult([], AllianceCards.Done(context.Texts, context.Texts["alliance.confirm.kept.title"], context.Texts["alliance.confirm.kept.body"])));

    /// <summary>Why a typed schedule was refused, in the manager's language, with the words the parser stopped at.</summary>
    private static string ScheduleProblem(Texts texts, ScheduleChange change) =>
        Enum.TryParse<ScheduleParseError>(change.Problem, out var error) && error != ScheduleParseError.None
            ? texts.Format("alliance.schedule.error." + error.ToString().ToLowerInvariant(), change.Detail ?? string.Empty)
            : change.Problem ?? string.Empty;

    private Task AuditAsync(AllianceScope scope, string action, JsonObject? detail, CancellationToken ct) =>
        database.RecordAuditAsync(new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, action, detail?.ToJsonString(), time.GetUtcNow()), ct);
}
