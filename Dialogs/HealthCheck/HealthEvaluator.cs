using AllianceBot.Data.Alliances;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;
using DataPhaseChange = AllianceBot.Data.Alliances.PhaseChange;
using TrustPhaseChange = AllianceBot.Trust.PhaseChange;

namespace AllianceBot.Dialogs.HealthCheck;

/// <summary>A closed round with its anonymous answers and comment count, as loaded from storage.</summary>
public sealed record ClosedRound(Round Round, IReadOnlyList<AnonymousAnswer> Answers, int Comments);

/// <summary>
/// Loads an alliance's phase history and its last closed rounds (anonymous answers, invited and comment counts) and
/// runs the trust model on them with the alliance's own anonymity thresholds. One place for the health-check card,
/// the drift card, the chart images and the round-closing job, so they can never disagree.
/// </summary>
public sealed class HealthEvaluator(Database database, IOptions<TrustOptions> options)
{
    /// <summary>How many closed rounds feed one evaluation: 18 monthly rounds cover a year and a half of course.</summary>
    public const int RoundWindow = 18;

    /// <summary>
    /// The health check as of the newest closed round, or as of <paramref name="throughRound"/> (a closed round of this
    /// alliance: later rounds are left out, so a chart for an older round always shows what was true then).
    /// Null when the alliance does not exist, or the round is not a closed round of it.
    /// </summary>
    public async Task<AllianceHealth?> EvaluateAsync(Guid allianceId, Language language, Guid? throughRound, CancellationToken cancellationToken)
    {
        var alliance = await database.GetAllianceAsync(allianceId, cancellationToken);
        if (alliance is null)
        {
            return null;
        }

        // Closed rounds are read from their frozen snapshots (never from live answers): "forget me", a partner move
        // or a later lower k change nothing a view of a closed round shows.
        var closed = await database.ListFrozenRoundsAsync(allianceId, throughRound is null ? RoundWindow : 1000, cancellationToken);
        DateTimeOffset? asOf = null;
        if (throughRound is { } roundId)
        {
            var target = closed.FirstOrDefault(r => r.Round.Id == roundId);
            if (target is null)
            {
                return null;
            }

            closed = [.. closed.Where(r => r.Round.Number <= target.Round.Number).TakeLast(RoundWindow)];
            asOf = target.Round.ClosedAt;
        }

        var partners = await database.ListPartnersAsync(allianceId, cancellationToken);
        var changes = await database.GetPhaseHistoryAsync(allianceId, cancellationToken);

        // As of an older round, later phase declarations had not happened yet.
        var history = ToHistory(asOf is { } until && changes.Any(c => c.ChangedAt <= until) ? [.. changes.Where(c => c.ChangedAt <= until)] : changes, alliance);
        return Assemble(alliance, history, partners, closed, OptionsFor(alliance, options.Value), language);
    }

    /// <summary>
    /// Rounds given as answers (tests, the demo): each is frozen under <paramref name="options"/>' k exactly as the
    /// closing job freezes it, then evaluated like stored snapshots.
    /// </summary>
    public static AllianceHealth Assemble(Alliance alliance, PhaseHistory history, IReadOnlyList<Partner> partners, IReadOnlyList<ClosedRound> closed, TrustOptions options, Language language)
    {
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(options);
        return Assemble(alliance, history, partners,
            [.. closed.Select(c => new ClosedRoundSnapshot(c.Round, RoundSnapshot.Freeze(ToRoundData(c.Round, c.Answers, c.Comments), options.Anonymity, ItemBank.Default)))],
            options, language);
    }

    /// <summary>
    /// The pure part: the trust model over frozen rounds (oldest first), matched back to their numbers and dates, plus
    /// why partners are hidden in the latest round. <paramref name="options"/> should already hold the alliance's k
    /// (<see cref="OptionsFor"/>); each round is shown under the k it closed under.
    /// </summary>
    public static AllianceHealth Assemble(Alliance alliance, PhaseHistory history, IReadOnlyList<Partner> partners, IReadOnlyList<ClosedRoundSnapshot> closed, TrustOptions options, Language language)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(options);
        var report = Trust.HealthCheck.EvaluateFrozen(history, [.. closed.Select(c => c.Frozen)], options, language);
        var disclosed = report.Trend.ToDictionary(t => t.Round.RoundId, StringComparer.Ordinal);
        var evaluated = closed
            .Where(c => disclosed.ContainsKey(c.Round.Id.ToString()))
            .Select(c => new EvaluatedRound(c.Round, disclosed[c.Round.Id.ToString()].Phase, disclosed[c.Round.Id.ToString()].Round) { BeforeRestart = disclosed[c.Round.Id.ToString()].BeforeRestart })
            .ToList();
        var notices = report.Latest is null || closed.Count == 0 ? [] : Notices(report.Latest, partners, closed[^1].Frozen);
        var dontKnows = evaluated.Count == 0 ? [] : RoundSnapshot.DontKnows(closed.First(c => c.Round.Id == evaluated[^1].Round.Id).Frozen);
        return new AllianceHealth(alliance, history, partners, evaluated, report, notices) { DontKnows = dontKnows };
    }

    /// <summary>The trust model's input for one closed round; answers carry no member id (see ListRoundAnswersAsync).</summary>
    public static RoundData ToRoundData(Round round, IReadOnlyList<AnonymousAnswer> answers, int comments)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(answers);
        var respondents = answers.Select(a => a.RespondentKey).Distinct(StringComparer.Ordinal).Count();
        var scored = answers.Where(a => a.Value != AnswerValue.DontKnow);
        var unscored = answers.Where(a => a.Value == AnswerValue.DontKnow);

        // A round opened before the scheduler recorded its fan-out has invited_count 0; the people who answered were
        // certainly invited, so participation is never above 100 %.
        var invited = Math.Max(round.InvitedCount, respondents);
        return new RoundData(
            round.Id.ToString(),
            round.ClosedAt ?? round.ClosesAt,
            invited,
            [.. scored.Select(a => new Answer(a.RespondentKey, a.PartnerId.ToString(), a.ItemId, a.Value))],
            comments)
        {
            // "Don't know" is participation and a per-item count, never a score.
            DontKnows = [.. unscored.Select(a => new DontKnow(a.RespondentKey, a.PartnerId.ToString(), a.ItemId))],
        };
    }

    /// <summary>The declared phases as the trust model reads them; an alliance without history starts in its current phase.</summary>
    public static PhaseHistory ToHistory(IReadOnlyList<DataPhaseChange> changes, Alliance alliance)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(alliance);
        return changes.Count == 0
            ? PhaseHistory.Starting(alliance.Phase, alliance.CreatedAt)
            : new PhaseHistory(changes.Select(c => new TrustPhaseChange(c.Phase, c.ChangedAt)));
    }

    /// <summary>The configured model options with the alliance's own anonymity thresholds (k for scores, k for comments).</summary>
    public static TrustOptions OptionsFor(Alliance alliance, TrustOptions baseline)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        ArgumentNullException.ThrowIfNull(baseline);
        return baseline with
        {
            Anonymity = baseline.Anonymity with { MinRespondents = alliance.AnonymityK, MinComments = alliance.CommentK },
        };
    }

    // Why each partner without visible numbers is hidden, from the snapshot's counts and the k the round closed
    // under; saying "fewer than k" reveals no more than the hiding itself does.
    private static List<PartnerNotice> Notices(DisclosedRound latest, IReadOnlyList<Partner> partners, FrozenRound frozen)
    {
        var notices = new List<PartnerNotice>();
        foreach (var partner in partners)
        {
            var id = partner.Id.ToString();
            var slice = latest.Partners.FirstOrDefault(p => string.Equals(p.PartnerId, id, StringComparison.Ordinal));
            if (slice is { Hidden: false })
            {
                continue;
            }

            var respondents = frozen.Cell(id, RoundSnapshot.Respondents)?.N ?? 0;
            var kind = respondents < frozen.K ? PartnerNoticeKind.TooFewAnswers : PartnerNoticeKind.HiddenWithSmallerGroup;
            notices.Add(new PartnerNotice(partner.Name, kind));
        }

        return notices;
    }
}
