using AllianceBot.Data.Alliances;
using AllianceBot.Data.Rounds;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.HealthCheck;

/// <summary>Why a partner's column is missing from the latest round (what a card may say instead of numbers).</summary>
public enum PartnerNoticeKind
{
    /// <summary>Fewer than k people of this partner answered (none included: "none" and "a few" are not told apart).</summary>
    TooFewAnswers,

    /// <summary>Enough answered, but showing it would let a smaller hidden group be worked out from the total.</summary>
    HiddenWithSmallerGroup,
}

public sealed record PartnerNotice(string PartnerName, PartnerNoticeKind Kind);

/// <summary>One evaluated round as a view may show it: its number and month next to the disclosed (anonymity-safe) data.</summary>
public sealed record EvaluatedRound(Round Round, Phase Phase, DisclosedRound Disclosed)
{
    /// <summary>The round asked an anchor that has since been replaced (issue 13): its calculative point is not joined to later ones.</summary>
    public bool BeforeRestart { get; init; }

    /// <summary>
    /// The calculative point of the anchor trend (card and PNG chart alike): none for a round that asked the replaced
    /// anchor, so the line starts again at the change instead of joining two different questions; none when suppressed.
    /// </summary>
    public double? TrendCalculative => BeforeRestart ? null : Disclosed.Calculative?.Mean;

    /// <summary>The relational point of the anchor trend (that anchor did not change); none when suppressed.</summary>
    public double? TrendRelational => Disclosed.Relational?.Mean;
}

/// <summary>
/// The health check of one alliance as of one closed round: the alliance, its partners, the Trust report (already
/// anonymity-filtered) and, for the latest round, why partners are hidden. Nothing here holds an individual answer.
/// </summary>
public sealed record AllianceHealth(
    Alliance Alliance,
    PhaseHistory History,
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<EvaluatedRound> Rounds,
    HealthReport Report,
    IReadOnlyList<PartnerNotice> PartnerNotices)
{
    /// <summary>The round the evaluation stands on (the newest closed round), or null before the first round closed.</summary>
    public EvaluatedRound? LatestRound => Rounds.Count == 0 ? null : Rounds[^1];

    public int K => Report.Latest?.MinRespondents ?? Alliance.AnonymityK;

    /// <summary>
    /// "Don't know / not applicable" counts per statement in the latest round, from its frozen snapshot: only when that
    /// round had at least k respondents, for the whole alliance (never per partner), largest first. Not scores: they
    /// say where it is too early or not people's area (docs/pulse.md).
    /// </summary>
    public IReadOnlyList<DontKnowCount> DontKnows { get; init; } = [];

    public string PartnerName(string partnerId) =>
        Partners.FirstOrDefault(p => string.Equals(p.Id.ToString(), partnerId, StringComparison.Ordinal))?.Name ?? partnerId;
}
