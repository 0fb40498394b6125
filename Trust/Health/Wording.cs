using AllianceBot.Trust.Statistics;

namespace AllianceBot.Trust;

/// <summary>
/// Plain-words text for every position, finding, alert, readiness and gap, in English and Dutch, with numbers
/// formatted for the language (Dutch uses a decimal comma). Dialogs display these strings as they are.
/// </summary>
public static class Wording
{
    public static string Position(PhaseProfile phase, MeasuredEmphasis? measured, bool? matches, Evidence e, Language l)
    {
        var name = phase.Name.In(l);
        if (measured is not { } m)
            return l == Language.Nl
                ? $"Fase {phase.Number}, {name}: nog geen ronde met genoeg antwoorden sinds het begin van deze fase."
                : $"Phase {phase.Number}, {name}: no round with enough answers since this phase began.";

        var levels = l == Language.Nl
            ? $"calculatief {N(l, e.Calculative)}, relationeel {N(l, e.Relational)}, balans {Signed(l, e.Balance)}{Ci(l, e.Interval)}, over {e.Rounds} {(e.Rounds == 1 ? "ronde" : "rondes")}"
            : $"calculative {N(l, e.Calculative)}, relational {N(l, e.Relational)}, balance {Signed(l, e.Balance)}{Ci(l, e.Interval)}, over {e.Rounds} {(e.Rounds == 1 ? "round" : "rounds")}";
        var emphasis = Emphasis(m, l);
        if (m == MeasuredEmphasis.Unclear)
            return l == Language.Nl
                ? $"Fase {phase.Number}, {name}: {emphasis} ({levels}); de marge kan nog nul zijn, dus gelijk op. {Settle(e, l)}"
                : $"Phase {phase.Number}, {name}: {emphasis} ({levels}); the interval still includes level. {Settle(e, l)}";
        var verdict = matches == true
            ? l == Language.Nl ? "past bij wat deze fase vraagt" : "fits what this phase needs"
            : l == Language.Nl ? $"deze fase vraagt {phase.EmphasisText.Nl}" : $"this phase needs {phase.EmphasisText.En}";
        return l == Language.Nl
            ? $"Fase {phase.Number}, {name}: {emphasis} ({levels}); {verdict}."
            : $"Phase {phase.Number}, {name}: {emphasis} ({levels}); {verdict}.";
    }

    public static string Emphasis(MeasuredEmphasis emphasis, Language l) => (emphasis, l) switch
    {
        (MeasuredEmphasis.RelationalAhead, Language.Nl) => "relationeel vertrouwen ligt voor",
        (MeasuredEmphasis.CalculativeAhead, Language.Nl) => "calculatief vertrouwen ligt voor",
        (MeasuredEmphasis.Level, Language.Nl) => "beide dimensies liggen gelijk op",
        (MeasuredEmphasis.Unclear, Language.Nl) => "nog niet duidelijk welke dimensie voorligt",
        (MeasuredEmphasis.Unclear, _) => "not clear yet which dimension is ahead",
        (MeasuredEmphasis.RelationalAhead, _) => "relational trust is ahead",
        (MeasuredEmphasis.CalculativeAhead, _) => "calculative trust is ahead",
        _ => "both dimensions are level",
    };

    /// <summary>"About N more answers (about R more rounds of this size) would settle it."</summary>
    public static string Settle(Evidence e, Language l) => l == Language.Nl
        ? $"Ongeveer {e.AnswersNeeded} antwoorden meer (ongeveer {e.RoundsNeeded} {(e.RoundsNeeded == 1 ? "ronde" : "rondes")} van deze omvang) geven uitsluitsel."
        : $"About {e.AnswersNeeded} more answers (about {e.RoundsNeeded} more {(e.RoundsNeeded == 1 ? "round" : "rounds")} of this size) would settle it.";

    public static string Finding(FindingKind kind, Evidence e, Language l) => (kind, l) switch
    {
        (FindingKind.TooCalculativeTooEarly, Language.Nl) =>
            $"Te calculatief te vroeg: in de kennismakingsfase ligt calculatief vertrouwen ({N(l, e.Calculative)}) voor op relationeel ({N(l, e.Relational)}). Eerst elkaar leren kennen, dan pas het contract.",
        (FindingKind.TooCalculativeTooEarly, _) =>
            $"Too calculative too early: in the getting-acquainted phase calculative trust ({N(l, e.Calculative)}) is ahead of relational trust ({N(l, e.Relational)}). Get to know each other before the contract.",
        (FindingKind.CalculativeNeglected, Language.Nl) =>
            $"De calculatieve kant blijft achter voor een alliantie in de bevestigingsfase (calculatief {N(l, e.Calculative)}, relationeel {N(l, e.Relational)}) — het patroon waardoor Dell en Getronics opnieuw moesten beginnen.",
        (FindingKind.CalculativeNeglected, _) =>
            $"Calculative side lagging for a confirmation-phase alliance (calculative {N(l, e.Calculative)}, relational {N(l, e.Relational)}) — the pattern that forced Dell and Getronics to start over.",
        (FindingKind.CalculativeDisappearing, Language.Nl) when e.Threshold is null =>
            $"Calculatief vertrouwen verdwijnt in de uitvoering: {N(l, e.Calculative)}, tegen {N(l, e.BaselineMean)} in de bevestigingsfase. Minder controles is goed, afspraken loslaten niet.",
        (FindingKind.CalculativeDisappearing, _) when e.Threshold is null =>
            $"Calculative trust is disappearing in execution: {N(l, e.Calculative)}, against {N(l, e.BaselineMean)} in the confirmation phase. Fewer controls is good; letting go of the agreements is not.",
        (FindingKind.CalculativeDisappearing, Language.Nl) =>
            $"Calculatief vertrouwen verdwijnt in de uitvoering: {N(l, e.Calculative)}, onder de ondergrens van {N(l, e.Threshold)}. Minder controles is goed, afspraken loslaten niet.",
        (FindingKind.CalculativeDisappearing, _) =>
            $"Calculative trust is disappearing in execution: {N(l, e.Calculative)}, below the floor of {N(l, e.Threshold)}. Fewer controls is good; letting go of the agreements is not.",
        (FindingKind.RelationalEroding, Language.Nl) =>
            $"Relationeel vertrouwen brokkelt af: van {N(l, e.BaselineMean)} naar {N(l, e.CurrentMean)} (daling {N(l, e.Drop)}).",
        (FindingKind.RelationalEroding, _) =>
            $"Relational trust is eroding: from {N(l, e.BaselineMean)} to {N(l, e.CurrentMean)} (a drop of {N(l, e.Drop)}).",
        (FindingKind.PartnerAsymmetry, Language.Nl) =>
            $"Asymmetrie tussen partners: {e.HigherPartner} scoort {Dim(e.Dimension, l)} {N(l, e.BaselineMean)}, {e.LowerPartner} {N(l, e.CurrentMean)} (verschil {N(l, e.Drop)}).",
        (FindingKind.PartnerAsymmetry, _) =>
            $"Asymmetry between partners: {e.HigherPartner} scores {Dim(e.Dimension, l)} {N(l, e.BaselineMean)}, {e.LowerPartner} {N(l, e.CurrentMean)} (a gap of {N(l, e.Drop)}).",
        (FindingKind.ParticipationFalling, Language.Nl) =>
            $"De deelname daalt: {P(l, e.ParticipationRate)} antwoordde deze ronde{(e.BaselineParticipationRate is { } b ? $", tegen gemiddeld {P(l, b)} eerder" : "")}.",
        (FindingKind.ParticipationFalling, _) =>
            $"Participation is falling: {P(l, e.ParticipationRate)} answered this round{(e.BaselineParticipationRate is { } b ? $", against {P(l, b)} on average before" : "")}.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown finding."),
    };

    public static string Alert(AlertKind kind, Evidence e, double detectable, Language l)
    {
        var smallest = l == Language.Nl
            ? $" Met deze omvang wordt een plotselinge daling van {N(l, detectable)} punt of meer in 8 van de 10 gevallen meteen in die ronde gevonden; kleinere dalingen vinden we vaak pas na enkele rondes."
            : $" With this many members, a sudden drop of {N(l, detectable)} points or more is found in the round it happens 8 times out of 10; smaller drops are often found only after a few rounds.";
        return (kind, l) switch
        {
            (AlertKind.FastRelationalDrop, Language.Nl) =>
                $"Relationeel vertrouwen is snel gedaald: {N(l, e.CurrentMean)} deze ronde tegen {N(l, e.BaselineMean)} in de {e.BaselineRounds} rondes ervoor (daling {N(l, e.Drop)}{Ci(l, e.Interval)}{Welch(l, e)}).",
            (AlertKind.FastRelationalDrop, _) =>
                $"Relational trust dropped fast: {N(l, e.CurrentMean)} this round against {N(l, e.BaselineMean)} in the {e.BaselineRounds} rounds before (a drop of {N(l, e.Drop)}{Ci(l, e.Interval)}{Welch(l, e)}).",
            (AlertKind.SlowRelationalDrift, Language.Nl) =>
                $"Relationeel vertrouwen zakt langzaam weg: {N(l, e.CurrentMean)} nu tegen {N(l, e.BaselineMean)} aan het begin van deze fase (daling {N(l, e.Drop)}); de EWMA-lijn staat op {N(l, e.Ewma)}, onder de grens van {N(l, e.EwmaLimit)}.",
            (AlertKind.SlowRelationalDrift, _) =>
                $"Relational trust is drifting down: {N(l, e.CurrentMean)} now against {N(l, e.BaselineMean)} at the start of this phase (a drop of {N(l, e.Drop)}); the EWMA line is at {N(l, e.Ewma)}, below its limit of {N(l, e.EwmaLimit)}.",
            (AlertKind.RelationalWatch, Language.Nl) =>
                $"In de gaten houden: relationeel vertrouwen is {N(l, e.Drop)} lager dan in de vorige rondes ({N(l, e.CurrentMean)} tegen {N(l, e.BaselineMean)}{Ci(l, e.Interval)}), maar dat kan nog toeval zijn{(e.P is null ? "" : $" ({l.PValue(e.P.Value)})")}.",
            (AlertKind.RelationalWatch, _) =>
                $"Watch: relational trust is {N(l, e.Drop)} lower than in the previous rounds ({N(l, e.CurrentMean)} against {N(l, e.BaselineMean)}{Ci(l, e.Interval)}), but this may still be chance{(e.P is null ? "" : $" ({l.PValue(e.P.Value)})")}.",
            (AlertKind.CalculativeFloor, Language.Nl) =>
                $"Calculatief vertrouwen is in de uitvoeringsfase onder de ondergrens gezakt: {N(l, e.CurrentMean)} over de laatste {e.Rounds} {(e.Rounds == 1 ? "ronde" : "rondes")}{Ci(l, e.Interval)} tegen een ondergrens van {N(l, e.Threshold)}. Houd de afspraken levend.",
            (AlertKind.CalculativeFloor, _) =>
                $"Calculative trust fell below the floor in the execution phase: {N(l, e.CurrentMean)} over the last {e.Rounds} {(e.Rounds == 1 ? "round" : "rounds")}{Ci(l, e.Interval)} against a floor of {N(l, e.Threshold)}. Keep the agreements alive.",
            (AlertKind.CalculativeFade, Language.Nl) =>
                $"Calculatief vertrouwen zakt weg sinds de bevestigingsfase: {N(l, e.CurrentMean)} over de laatste {e.Rounds} {(e.Rounds == 1 ? "ronde" : "rondes")} tegen {N(l, e.BaselineMean)} in de bevestigingsfase (daling {N(l, e.Drop)}{Ci(l, e.Interval)}{(e.P is null ? "" : $"; {l.PValue(e.P.Value)}")}). Minder controles is goed, afspraken loslaten niet.",
            (AlertKind.CalculativeFade, _) =>
                $"Calculative trust is fading since the confirmation phase: {N(l, e.CurrentMean)} over the last {e.Rounds} {(e.Rounds == 1 ? "round" : "rounds")} against {N(l, e.BaselineMean)} in the confirmation phase (a drop of {N(l, e.Drop)}{Ci(l, e.Interval)}{(e.P is null ? "" : $"; {l.PValue(e.P.Value)}")}). Fewer controls is good; letting go of the agreements is not.",
            (AlertKind.PartnerAsymmetry, Language.Nl) => Finding(FindingKind.PartnerAsymmetry, e, l) + (e.T is null ? $" ({e.Rounds} rondes op rij)" : $" (Welch t = {N(l, e.T)}, {l.PValue(e.P ?? 1)}; {e.Rounds} rondes op rij)"),
            (AlertKind.PartnerAsymmetry, _) => Finding(FindingKind.PartnerAsymmetry, e, l) + (e.T is null ? $" ({e.Rounds} rounds in a row)" : $" (Welch t = {N(l, e.T)}, {l.PValue(e.P ?? 1)}; {e.Rounds} rounds in a row)"),
            (AlertKind.ParticipationFalling, _) => Finding(FindingKind.ParticipationFalling, e, l),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown alert."),
        } + (kind is AlertKind.FastRelationalDrop or AlertKind.SlowRelationalDrift or AlertKind.RelationalWatch ? smallest : "");
    }

    public static string Readiness(ReadinessKind kind, Phase phase, Phase? suggested, Evidence e, Language l)
    {
        var next = suggested?.Profile().Name.In(l);
        return (kind, l) switch
        {
            (ReadinessKind.NotEnoughData, Language.Nl) => $"Voor een advies over de fase zijn meer rondes met genoeg antwoorden nodig (nu {e.Rounds}).",
            (ReadinessKind.NotEnoughData, _) => $"More rounds with enough answers are needed before suggesting a phase change (now {e.Rounds}).",
            (ReadinessKind.Stay, Language.Nl) => "Blijf in deze fase en werk aan de adviezen hieronder.",
            (ReadinessKind.Stay, _) => "Stay in this phase and work on the advice below.",
            (ReadinessKind.Sustain, Language.Nl) => "Dit is de laatste fase: houd beide dimensies gezond.",
            (ReadinessKind.Sustain, _) => "This is the last phase: keep both dimensions healthy.",
            (ReadinessKind.ReadyToMoveRight, Language.Nl) =>
                $"Klaar om naar rechts te schuiven, naar {next}: de laatste {e.Rounds} rondes zaten allemaal op of boven {N(l, e.Threshold)}.",
            (ReadinessKind.ReadyToMoveRight, _) =>
                $"Ready to move right, to {next}: the last {e.Rounds} rounds were all at or above {N(l, e.Threshold)}.",
            (ReadinessKind.SlidingBack, Language.Nl) =>
                $"Tekenen van terugglijden naar {next}: {Dim(e.Dimension, l)} zat de laatste {e.Rounds} rondes onder {N(l, e.Threshold)} (hoogste {N(l, e.Dimension == Dimension.Calculative ? e.Calculative : e.Relational)}).",
            (ReadinessKind.SlidingBack, _) =>
                $"Signs of sliding back to {next}: {Dim(e.Dimension, l)} stayed below {N(l, e.Threshold)} for the last {e.Rounds} rounds (highest {N(l, e.Dimension == Dimension.Calculative ? e.Calculative : e.Relational)}).",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown readiness."),
        };
    }

    public static string Missing(MissingData m, int k, Language l)
    {
        var parts = new List<string>();
        if (m.AnswersNeededInLatestRound > 0)
            parts.Add(l == Language.Nl
                ? $"de laatste ronde had {m.AnswersNeededInLatestRound} {(m.AnswersNeededInLatestRound == 1 ? "antwoord" : "antwoorden")} meer nodig om te tonen (minimaal {k} per vraag)"
                : $"the latest round needed {m.AnswersNeededInLatestRound} more {(m.AnswersNeededInLatestRound == 1 ? "answer" : "answers")} to be shown (at least {k} per question)");
        if (m.RoundsNeededForPosition > 0)
            parts.Add(l == Language.Nl ? "nog 1 geldige ronde voor een positie" : "1 more valid round for a position");
        if (m.RoundsNeededForReadiness > 0)
            parts.Add(l == Language.Nl ? $"nog {m.RoundsNeededForReadiness} voor een faseadvies" : $"{m.RoundsNeededForReadiness} more for a phase suggestion");
        if (m.RoundsNeededForAlerts > 0)
            parts.Add(l == Language.Nl ? $"nog {m.RoundsNeededForAlerts} voor waarschuwingen bij een daling" : $"{m.RoundsNeededForAlerts} more for drop alerts");
        var list = string.Join("; ", parts);
        return l == Language.Nl
            ? $"Nog niet genoeg gegevens: {list} ({m.ValidRounds} geldige {(m.ValidRounds == 1 ? "ronde" : "rondes")} in deze fase)."
            : $"Not enough data yet: {list} ({m.ValidRounds} valid {(m.ValidRounds == 1 ? "round" : "rounds")} in this phase).";
    }

    private static string Dim(Dimension? dimension, Language l) =>
        dimension is { } d ? d.Name().In(l) : (l == Language.Nl ? "vertrouwen" : "trust");

    private static string N(Language l, double? value, int decimals = 2) => value is { } v ? l.Number(v, decimals) : "–";

    private static string Signed(Language l, double? value) => value is { } v && v > 0 ? "+" + l.Number(v) : N(l, value);

    private static string P(Language l, double? fraction) => fraction is { } f ? l.Percent(f) : "–";

    // The test statistics, only where the groups are large enough for their spread to be shown (2k).
    private static string Welch(Language l, Evidence e) =>
        e.T is null ? "" : $"; Welch t = {N(l, e.T)}, df = {N(l, e.DegreesOfFreedom, 1)}, {l.PValue(e.P ?? 1)}";

    private static string Ci(Language l, ConfidenceInterval? ci) =>
        ci is null ? "" : l == Language.Nl
            ? $", 95%-BI {l.Number(ci.Low)} tot {l.Number(ci.High)}"
            : $", 95% CI {l.Number(ci.Low)} to {l.Number(ci.High)}";
}
