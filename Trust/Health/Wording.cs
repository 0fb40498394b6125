using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust;

/// <summary>
/// Plain-words text for every position, finding, alert, readiness and gap, in every language of the Trust catalogs
/// (Localization/texts.{code}.json), with numbers formatted for the language. Dialogs display these strings as they are.
/// </summary>
public static class Wording
{
    public static string Position(PhaseProfile phase, MeasuredEmphasis? measured, bool? matches, Evidence e, Language l)
    {
        var n = ("n", phase.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var name = ("name", phase.Name.In(l));
        if (measured is not { } m)
            return TrustTexts.Fill(l, "position.none", n, name);

        var levels = TrustTexts.Fill(l, "position.levels", ("calc", N(l, e.Calculative)), ("rel", N(l, e.Relational)),
            ("balance", Signed(l, e.Balance)), ("ci", Ci(l, e.Interval)), ("rounds", I(e.Rounds)), ("roundsWord", Rounds(l, e.Rounds)));
        var emphasis = ("emphasis", Emphasis(m, l));
        if (m == MeasuredEmphasis.Unclear)
            return TrustTexts.Fill(l, "position.unclear", n, name, emphasis, ("levels", levels), ("settle", Settle(e, l)));
        var verdict = matches == true
            ? TrustTexts.Get(l, "position.fits")
            : TrustTexts.Fill(l, "position.needs", ("emphasis", phase.EmphasisText.In(l)));
        return TrustTexts.Fill(l, "position.verdict", n, name, emphasis, ("levels", levels), ("verdict", verdict));
    }

    public static string Emphasis(MeasuredEmphasis emphasis, Language l) => TrustTexts.Get(l, emphasis switch
    {
        MeasuredEmphasis.Unclear => "emphasis.unclear",
        MeasuredEmphasis.RelationalAhead => "emphasis.relationalAhead",
        MeasuredEmphasis.CalculativeAhead => "emphasis.calculativeAhead",
        _ => "emphasis.level",
    });

    /// <summary>"About N more answers (about R more rounds of this size) would settle it."</summary>
    public static string Settle(Evidence e, Language l) => TrustTexts.Fill(l, "settle",
        ("answers", I(e.AnswersNeeded)), ("rounds", I(e.RoundsNeeded)), ("roundsWord", Rounds(l, e.RoundsNeeded)));

    public static string Finding(FindingKind kind, Evidence e, Language l) => kind switch
    {
        FindingKind.TooCalculativeTooEarly => TrustTexts.Fill(l, "finding.tooCalculativeTooEarly", ("calc", N(l, e.Calculative)), ("rel", N(l, e.Relational))),
        FindingKind.CalculativeNeglected => TrustTexts.Fill(l, "finding.calculativeNeglected", ("calc", N(l, e.Calculative)), ("rel", N(l, e.Relational))),
        FindingKind.CalculativeDisappearing when e.Threshold is null =>
            TrustTexts.Fill(l, "finding.calculativeDisappearing.baseline", ("calc", N(l, e.Calculative)), ("baseline", N(l, e.BaselineMean))),
        FindingKind.CalculativeDisappearing =>
            TrustTexts.Fill(l, "finding.calculativeDisappearing.floor", ("calc", N(l, e.Calculative)), ("threshold", N(l, e.Threshold))),
        FindingKind.RelationalEroding => TrustTexts.Fill(l, "finding.relationalEroding",
            ("baseline", N(l, e.BaselineMean)), ("current", N(l, e.CurrentMean)), ("drop", N(l, e.Drop))),
        FindingKind.PartnerAsymmetry => TrustTexts.Fill(l, "finding.partnerAsymmetry", ("higher", e.HigherPartner ?? ""), ("lower", e.LowerPartner ?? ""),
            ("dimension", Dim(e.Dimension, l)), ("baseline", N(l, e.BaselineMean)), ("current", N(l, e.CurrentMean)), ("drop", N(l, e.Drop))),
        FindingKind.ParticipationFalling => TrustTexts.Fill(l, "finding.participationFalling", ("rate", P(l, e.ParticipationRate)),
            ("before", e.BaselineParticipationRate is { } b ? TrustTexts.Fill(l, "finding.participationFalling.before", ("rate", P(l, b))) : "")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown finding."),
    };

    public static string Alert(AlertKind kind, Evidence e, double detectable, Language l)
    {
        var smallest = TrustTexts.Fill(l, "alert.smallest", ("detectable", N(l, detectable)));
        var p = e.P is null ? "" : l.PValue(e.P.Value);
        var common = new[]
        {
            ("current", N(l, e.CurrentMean)), ("baseline", N(l, e.BaselineMean)), ("drop", N(l, e.Drop)), ("ci", Ci(l, e.Interval)),
            ("rounds", I(e.Rounds)), ("roundsWord", Rounds(l, e.Rounds)), ("threshold", N(l, e.Threshold)),
        };
        return kind switch
        {
            AlertKind.FastRelationalDrop => TrustTexts.Fill(l, "alert.fastRelationalDrop",
                [.. common, ("baselineRounds", I(e.BaselineRounds)), ("welch", Welch(l, e))]),
            AlertKind.SlowRelationalDrift => TrustTexts.Fill(l, "alert.slowRelationalDrift",
                [.. common, ("ewma", N(l, e.Ewma)), ("limit", N(l, e.EwmaLimit))]),
            AlertKind.RelationalWatch => TrustTexts.Fill(l, "alert.relationalWatch", [.. common, ("p", p.Length == 0 ? "" : $" ({p})")]),
            AlertKind.CalculativeFloor => TrustTexts.Fill(l, "alert.calculativeFloor", common),
            AlertKind.CalculativeFade => TrustTexts.Fill(l, "alert.calculativeFade", [.. common, ("p", p.Length == 0 ? "" : $"; {p}")]),
            AlertKind.PartnerAsymmetry => Finding(FindingKind.PartnerAsymmetry, e, l) + (e.T is null
                ? TrustTexts.Fill(l, "alert.partnerAsymmetry.rounds", ("rounds", I(e.Rounds)))
                : TrustTexts.Fill(l, "alert.partnerAsymmetry.welch", ("t", N(l, e.T)), ("p", l.PValue(e.P ?? 1)), ("rounds", I(e.Rounds)))),
            AlertKind.ParticipationFalling => Finding(FindingKind.ParticipationFalling, e, l),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown alert."),
        } + (kind is AlertKind.FastRelationalDrop or AlertKind.SlowRelationalDrift or AlertKind.RelationalWatch ? smallest : "");
    }

    public static string Readiness(ReadinessKind kind, Phase phase, Phase? suggested, Evidence e, Language l)
    {
        var next = ("next", suggested?.Profile().Name.In(l) ?? "");
        var rounds = ("rounds", I(e.Rounds));
        var threshold = ("threshold", N(l, e.Threshold));
        return kind switch
        {
            ReadinessKind.NotEnoughData => TrustTexts.Fill(l, "readiness.notEnoughData", rounds),
            ReadinessKind.Stay => TrustTexts.Get(l, "readiness.stay"),
            ReadinessKind.Sustain => TrustTexts.Get(l, "readiness.sustain"),
            ReadinessKind.ReadyToMoveRight => TrustTexts.Fill(l, "readiness.readyToMoveRight", next, rounds, threshold),
            ReadinessKind.SlidingBack => TrustTexts.Fill(l, "readiness.slidingBack", next, rounds, threshold, ("dimension", Dim(e.Dimension, l)),
                ("highest", N(l, e.Dimension == Dimension.Calculative ? e.Calculative : e.Relational))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown readiness."),
        };
    }

    public static string Missing(MissingData m, int k, Language l)
    {
        var parts = new List<string>();
        if (m.AnswersNeededInLatestRound > 0)
            parts.Add(TrustTexts.Fill(l, "missing.answers", ("count", I(m.AnswersNeededInLatestRound)), ("k", I(k)),
                ("answersWord", TrustTexts.Get(l, m.AnswersNeededInLatestRound == 1 ? "word.answer.one" : "word.answer.other"))));
        if (m.RoundsNeededForPosition > 0)
            parts.Add(TrustTexts.Get(l, "missing.position"));
        if (m.RoundsNeededForReadiness > 0)
            parts.Add(TrustTexts.Fill(l, "missing.readiness", ("count", I(m.RoundsNeededForReadiness))));
        if (m.RoundsNeededForAlerts > 0)
            parts.Add(TrustTexts.Fill(l, "missing.alerts", ("count", I(m.RoundsNeededForAlerts))));
        return TrustTexts.Fill(l, "missing.summary", ("list", string.Join("; ", parts)), ("valid", I(m.ValidRounds)), ("roundsWord", Rounds(l, m.ValidRounds)));
    }

    private static string Rounds(Language l, int? count) => TrustTexts.Get(l, count == 1 ? "word.round.one" : "word.round.other");

    private static string I(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string I(int? value) => value is { } v ? I(v) : "";

    private static string Dim(Dimension? dimension, Language l) =>
        dimension is { } d ? d.Name().In(l) : TrustTexts.Get(l, "dimension.any");

    private static string N(Language l, double? value, int decimals = 2) => value is { } v ? l.Number(v, decimals) : "–";

    private static string Signed(Language l, double? value) => value is { } v && v > 0 ? "+" + l.Number(v) : N(l, value);

    private static string P(Language l, double? fraction) => fraction is { } f ? l.Percent(f) : "–";

    // The test statistics, only where the groups are large enough for their spread to be shown (2k).
    private static string Welch(Language l, Evidence e) =>
        e.T is null ? "" : $"; Welch t = {N(l, e.T)}, df = {N(l, e.DegreesOfFreedom, 1)}, {l.PValue(e.P ?? 1)}";

    private static string Ci(Language l, ConfidenceInterval? ci) =>
        ci is null ? "" : TrustTexts.Fill(l, "ci", ("low", l.Number(ci.Low)), ("high", l.Number(ci.High)));
}
