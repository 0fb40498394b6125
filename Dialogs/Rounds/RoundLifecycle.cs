using System.Globalization;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Commitments;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Dialogs.Rounds.Schedules;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AllianceBot.Dialogs.Rounds;

/// <summary>
/// The pulse round slice: the use cases Scheduling's Quartz jobs (and "pulse now") call. Open (compose the items,
/// store the round, one pulse card per reachable member at their local time), remind (non-respondents who did not opt
/// out), close (evaluate once through <see cref="IRoundEvaluator"/>, store the result, the managers' alert and summary
/// cards worded in each manager's language). Cards go to the outbox; Scheduling's dispatcher sends them. Every step is
/// idempotent: the round's slot key makes a second opening find the first, and every outbox message carries a
/// deduplication key, so a re-run after a crash only adds what is missing.
/// </summary>
public sealed class RoundLifecycle(
    Database database,
    IOutboxStore outbox,
    TextCatalog catalog,
    IRoundEvaluator evaluator,
    IOptions<TrustOptions> trust,
    IOptions<RoundTimingOptions> timing,
    IOptions<PulseOptions> pulse,
    TimeProvider time,
    ILogger<RoundLifecycle> logger,
    AllianceBot.Data.Telemetry.AllianceTelemetry? telemetry = null) : IRoundLifecycle
{
    public const string PulseKind = "pulse";
    public const string ReminderKind = "reminder";
    public const string AlertKind = "alert";
    public const string SummaryKind = "round-closed";
    public const string CommitmentReminderKind = "commitment-reminder";

    private const string ScheduledSlot = "at:";
    private const string ManualSlot = "now:";

    private static ItemBank Bank => ItemBank.Default;

    public async Task<OpenedRound?> OpenRoundAsync(RoundOpening opening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opening);
        var alliance = await database.GetAllianceAsync(opening.AllianceId, cancellationToken);
        if (alliance is null)
        {
            logger.LogWarning("Alliance {AllianceId} no longer exists; no round opened", opening.AllianceId);
            return null;
        }

        var recipients = (await database.ListRoundMembersAsync(alliance.Id, cancellationToken)).Where(r => r.Reachable).ToList();
        if (recipients.Count == 0)
        {
            logger.LogInformation("Alliance {AllianceId} has no reachable members; no round opened", alliance.Id);
            return null;
        }

        var open = await database.GetOpenRoundAsync(alliance.Id, cancellationToken);
        if (opening.Manual && open is not null)
        {
            // "Pulse now" while a round is open answers with that round; it never starts a second one.
            return new OpenedRound(open.Id);
        }

        using var span = AllianceBot.Data.Telemetry.AllianceTelemetry.Source.StartActivity("alliancebot.round.open");
        var opened = await database.OpenRoundAsync(await ComposeAsync(alliance, opening, open, cancellationToken), cancellationToken);
        var round = opened.Round;
        if (opened.Created)
        {
            telemetry?.RoundOpened();
        }

        await database.SetInvitedCountAsync(round.Id, recipients.Count, cancellationToken);

        // Enqueued on every run, not only when the round was created: a run that died after opening the round
        // finishes the fan-out, and the deduplication keys keep anyone from getting it twice.
        var items = RoundItems.Parse(round.ItemsJson, Bank);
        var messages = recipients.Select(r =>
        {
            var texts = catalog.For(LanguageOf(r, alliance));
            var card = PulseCards.Pulse(PulseRoundFor(alliance, round, items, r.TimeZone), texts, Bank);
            return OutboxJson.Compose(PulseKind, r.Reference, card, opening.DeliveryFor(r.TimeZone).At, alliance.Id, round.Id, r.MemberId,
                $"pulse:{round.Id:N}:{r.MemberId:N}");
        }).ToList();
        var added = await outbox.EnqueueAsync(messages, cancellationToken);
        logger.LogInformation("Round {Number} of alliance {AllianceId} open: {Added} of {Members} pulse messages enqueued", round.Number, alliance.Id, added, recipients.Count);
        await RemindCommitmentOwnersAsync(alliance, round, opening, recipients, cancellationToken);
        return new OpenedRound(round.Id);
    }

    /// <summary>
    /// The owners of open commitments due in this round get a reminder with (or a set time after) their pulse, always
    /// before the round closes. Deduplicated per commitment and round, so a re-run of the opening sends nothing twice.
    /// </summary>
    private async Task RemindCommitmentOwnersAsync(Alliance alliance, Round round, RoundOpening opening, IReadOnlyList<RoundRecipient> recipients, CancellationToken cancellationToken)
    {
        var due = (await database.ListCommitmentsAsync(alliance.Id, cancellationToken))
            .Where(c => c.Status == CommitmentStatus.Open && c.DueRound == round.Number && c.OwnerMemberId is not null).ToList();
        var messages = new List<NewOutboxMessage>();
        foreach (var commitment in due)
        {
            if (recipients.FirstOrDefault(r => r.MemberId == commitment.OwnerMemberId) is not { } owner)
            {
                continue;
            }

            var at = opening.DeliveryFor(owner.TimeZone).At.AddHours(pulse.Value.CommitmentReminderDelayHours);
            if (at >= round.ClosesAt)
            {
                at = round.ClosesAt.AddHours(-1);
            }

            var texts = catalog.For(LanguageOf(owner, alliance));
            var card = Dialogs.Commitments.CommitmentCards.Reminder(commitment, alliance.Name, round.ClosesAt,
                ZoneOr(owner.TimeZone, ZoneOr(alliance.TimeZone, TimeZoneInfo.Utc)), texts);
            messages.Add(OutboxJson.Compose(CommitmentReminderKind, owner.Reference, card, at, alliance.Id, round.Id, owner.MemberId,
                $"commitment:{commitment.Id:N}:{round.Id:N}"));
        }

        var added = messages.Count == 0 ? 0 : await outbox.EnqueueAsync(messages, cancellationToken);
        logger.LogInformation("Round {Number} of alliance {AllianceId}: {Added} commitment reminder(s) enqueued", round.Number, alliance.Id, added);
    }

    public async Task SendRemindersAsync(Guid roundId, int reminderNumber, CancellationToken cancellationToken)
    {
        var round = await database.GetRoundAsync(roundId, cancellationToken);
        var options = timing.Value;
        if (round is null || round.IsClosed || reminderNumber < 1 || reminderNumber > options.ReminderOffsets.Count)
        {
            return;
        }

        var alliance = await database.GetAllianceAsync(round.AllianceId, cancellationToken);
        if (alliance is null)
        {
            return;
        }

        var allianceZone = ZoneOr(alliance.TimeZone, TimeZoneInfo.Utc);
        var schedule = ScheduleOf(alliance);
        var timeline = new RoundTimeline(round.OpenedAt, [], round.ClosesAt);
        var occurrence = OccurrenceOf(round);
        var items = RoundItems.Parse(round.ItemsJson, Bank);

        // Who has not answered is known to the system only: the list feeds these messages and nothing else.
        var pending = (await database.ListNonRespondentsAsync(roundId, cancellationToken)).Where(r => r.Reachable && r.RemindersEnabled);
        var messages = new List<NewOutboxMessage>();
        foreach (var r in pending)
        {
            var delivered = occurrence is { } at ? MemberDelivery.For(schedule, at, r.TimeZone, round.OpenedAt).At : round.OpenedAt;
            if (timeline.ReminderAfterDelivery(delivered, reminderNumber, r.TimeZone, allianceZone, options) is not { } remindAt)
            {
                continue;
            }

            var texts = catalog.For(LanguageOf(r, alliance));
            var card = PulseCards.Pulse(PulseRoundFor(alliance, round, items, r.TimeZone), texts, Bank, new PulseCardState(Reminder: true));
            messages.Add(OutboxJson.Compose(ReminderKind, r.Reference, card, remindAt, alliance.Id, round.Id, r.MemberId,
                $"remind:{round.Id:N}:{reminderNumber.ToString(CultureInfo.InvariantCulture)}:{r.MemberId:N}"));
        }

        var added = messages.Count == 0 ? 0 : await outbox.EnqueueAsync(messages, cancellationToken);
        logger.LogInformation("Reminder {Number} of round {RoundId}: {Added} enqueued", reminderNumber, roundId, added);
    }

    public async Task CloseRoundAsync(Guid roundId, CancellationToken cancellationToken)
    {
        var round = await database.GetRoundAsync(roundId, cancellationToken);
        if (round is null)
        {
            return;
        }

        var alliance = await database.GetAllianceAsync(round.AllianceId, cancellationToken);
        if (alliance is null)
        {
            return;
        }

        HealthAssessment assessment;
        if (round.IsClosed)
        {
            // A re-run after a crash (or a second instance): the stored snapshot is what the round closed with.
            assessment = await evaluator.AssessClosingAsync(alliance, round, round.ClosedAt ?? round.ClosesAt, cancellationToken);
        }
        else
        {
            // Answers stop at ClosesAt (Round.AcceptsAnswersAt), so what is read here at or after it is final.
            var now = time.GetUtcNow();
            assessment = await evaluator.AssessClosingAsync(alliance, round, now, cancellationToken);
            using var span = AllianceBot.Data.Telemetry.AllianceTelemetry.Source.StartActivity("alliancebot.round.close");
            var outcome = await database.CloseRoundAsync(round.Id, RoundResults.Json(assessment.In(Languages.FromLocale(alliance.Locale))), now, cancellationToken);
            if (outcome == CloseRoundOutcome.Closed && telemetry is not null)
            {
                var nonRespondents = (await database.ListNonRespondentsAsync(round.Id, cancellationToken)).Count();
                telemetry.RoundClosed(round.InvitedCount, Math.Max(0, round.InvitedCount - nonRespondents));
            }

            round = await database.GetRoundAsync(roundId, cancellationToken) ?? round;
            if (outcome == CloseRoundOutcome.AlreadyClosed)
            {
                // Another instance closed it first: its snapshot stands, so the cards are made from that.
                assessment = await evaluator.AssessClosingAsync(alliance, round, round.ClosedAt ?? round.ClosesAt, cancellationToken);
            }
        }

        // Commitments due by this round that were not marked done are missed now (idempotent: none is open twice).
        var missed = await database.MarkCommitmentsMissedAsync(alliance.Id, round.Number, round.ClosedAt ?? time.GetUtcNow(), cancellationToken);
        if (missed > 0)
        {
            await database.RecordAuditAsync(new AuditEntry(alliance.Id, null, "commitment.missed",
                $$"""{"round":{{round.Number.ToString(CultureInfo.InvariantCulture)}},"count":{{missed.ToString(CultureInfo.InvariantCulture)}}}""", time.GetUtcNow()), cancellationToken);
        }

        await NotifyManagersAsync(alliance, round, assessment, cancellationToken);
    }

    /// <summary>
    /// Alert cards (relational drops first) and the summary card to every reachable manager. The verdict is the one
    /// evaluation of the close; only its wording differs per manager's language. Runs again after a crash or on a
    /// second instance: the deduplication keys let each card through once.
    /// </summary>
    private async Task NotifyManagersAsync(Alliance alliance, Round round, HealthAssessment assessment, CancellationToken cancellationToken)
    {
        var managers = (await database.ListRoundMembersAsync(alliance.Id, cancellationToken))
            .Where(m => m.Role == MemberRole.Manager && m.Reachable).ToList();
        var partners = (await database.ListPartnersAsync(alliance.Id, cancellationToken)).ToDictionary(p => p.Id.ToString(), p => p.Name, StringComparer.Ordinal);
        var info = new ClosedRoundInfo(alliance.Id, alliance.Name, round.Number);
        var reports = new Dictionary<Language, HealthReport>();
        var messages = new List<NewOutboxMessage>();
        var alertKinds = new HashSet<Trust.AlertKind>();
        foreach (var manager in managers)
        {
            var language = LanguageOf(manager, alliance);
            if (!reports.TryGetValue(language, out var report))
            {
                reports[language] = report = assessment.In(language);
            }

            var texts = catalog.For(language);
            var alerts = report.Notifications
                .Where(a => string.Equals(a.RoundId, round.Id.ToString(), StringComparison.Ordinal))
                .OrderBy(a => RoundCards.Priority(a.Kind))
                .ToList();
            foreach (var alert in alerts)
            {
                alertKinds.Add(alert.Kind);
                var named = alert.Evidence with
                {
                    HigherPartner = NameOf(alert.Evidence.HigherPartner, partners),
                    LowerPartner = NameOf(alert.Evidence.LowerPartner, partners),
                };
                var card = RoundCards.Alert(info, alert, Wording.Alert(alert.Kind, named, alert.MinimalDetectableDrop, language), report, texts);
                messages.Add(Compose(AlertKind, manager, card, alliance, round, $"alert:{round.Id:N}:{alert.Kind}:{manager.MemberId:N}"));
            }

            var summary = RoundCards.Closed(info, report.Latest, report, alerts.Count, round.InvitedCount, texts);
            messages.Add(Compose(SummaryKind, manager, summary, alliance, round, $"closed:{round.Id:N}:{manager.MemberId:N}"));
        }

        var added = messages.Count == 0 ? 0 : await outbox.EnqueueAsync(messages, cancellationToken);
        foreach (var kind in alertKinds)
        {
            // The record of what was alerted (one row per round and kind); a repeated close finds it already there.
            if (!await database.TryRecordAlertAsync(alliance.Id, round.Id, kind.ToString(), time.GetUtcNow(), cancellationToken))
            {
                logger.LogInformation("Alert {Kind} for round {RoundId} was already recorded", kind, round.Id);
            }
        }

        logger.LogInformation("Round {Number} of alliance {AllianceId} closed: {Alerts} alert kind(s), {Added} manager card(s) enqueued",
            round.Number, alliance.Id, alertKinds.Count, added);
    }

    private NewOutboxMessage Compose(string kind, RoundRecipient to, CardView card, Alliance alliance, Round round, string key) =>
        OutboxJson.Compose(kind, to.Reference, card, time.GetUtcNow(), alliance.Id, round.Id, to.MemberId, key);

    /// <summary>
    /// The round's items: anchors plus the rotating items for this round's place in the alliance's cycle (seeded by
    /// the alliance id), never repeating the previous round's rotating items; every n-th round the full bank.
    /// </summary>
    private async Task<NewRound> ComposeAsync(Alliance alliance, RoundOpening opening, Round? open, CancellationToken cancellationToken)
    {
        var closed = await database.ListClosedRoundsAsync(alliance.Id, 1, cancellationToken);
        var last = new[] { open, closed.Count > 0 ? closed[^1] : null }.OfType<Round>().MaxBy(r => r.Number);
        var index = last?.Number ?? 0;
        var every = pulse.Value.FullRoundEvery;
        var full = every > 0 && (index + 1) % every == 0;
        var previous = last is null ? [] : RoundItems.Rotating(last.ItemsJson, Bank);
        var plan = RoundComposer.Compose(Bank, new RoundRequest(SeedOf(alliance.Id), index, previous, full), HealthEvaluator.OptionsFor(alliance, trust.Value).Rounds);
        var slot = opening.Manual
            ? ManualSlot + opening.OpenedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
            : ScheduledSlot + opening.ScheduledFor.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var closesAt = opening.Timeline.ClosesAt > opening.OpenedAt ? opening.Timeline.ClosesAt : opening.OpenedAt.AddDays(alliance.CloseAfterDays);
        return new NewRound(alliance.Id, slot, full ? RoundKind.Full : RoundKind.Regular, RoundItems.Json(plan.Items.Select(i => i.Id)), opening.OpenedAt, closesAt);
    }

    /// <summary>The alliance's fixed seed for its item cycle (the same bytes the demo uses).</summary>
    public static int SeedOf(Guid allianceId) => BitConverter.ToInt32(allianceId.ToByteArray());

    private static DateTimeOffset? OccurrenceOf(Round round) =>
        round.SlotKey.StartsWith(ScheduledSlot, StringComparison.Ordinal)
        && DateTimeOffset.TryParse(round.SlotKey[ScheduledSlot.Length..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    /// <summary>The alliance's stored schedule, under the one fallback rule of <see cref="ScheduleParser.ReadStored"/>.</summary>
    private PulseSchedule ScheduleOf(Alliance alliance)
    {
        var stored = ScheduleParser.ReadStored(alliance.Schedule, alliance.TimeZone);
        if (stored.Problem is { } problem)
        {
            logger.LogWarning("Alliance {AllianceId} has an unreadable schedule '{Schedule}' ({Problem}); using the default", alliance.Id, alliance.Schedule, problem);
        }

        return stored.Schedule;
    }

    private static PulseRound PulseRoundFor(Alliance alliance, Round round, IReadOnlyList<string> items, string? memberZone) =>
        new(alliance.Id, alliance.Name, round.Id, round.Number, items, round.ClosesAt, ZoneOr(memberZone, ZoneOr(alliance.TimeZone, TimeZoneInfo.Utc)));

    private static TimeZoneInfo ZoneOr(string? id, TimeZoneInfo fallback) => TimeZones.TryFind(id, out var zone) ? zone : fallback;

    /// <summary>The member's language override or client locale (ListRoundMembers gives the override first), else the alliance's.</summary>
    private static Language LanguageOf(RoundRecipient recipient, Alliance alliance) =>
        Languages.FromLocale(string.IsNullOrWhiteSpace(recipient.Locale) ? alliance.Locale : recipient.Locale);

    private static string? NameOf(string? partnerId, IReadOnlyDictionary<string, string> partners) =>
        partnerId is not null && partners.TryGetValue(partnerId, out var name) ? name : partnerId;
}
