using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.HealthCheck;

/// <summary>
/// The managers' drift card (CardKind.Drift): calculative and relational trust round by round and the gap between
/// them, with the relational signals the model found. Alert cards link here with <see cref="Button"/>.
/// </summary>
public static class DriftCards
{
    public static CardView Build(AllianceHealth health, Texts texts, IHealthChartLinks charts)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(charts);
        var report = health.Report;
        var body = new List<Block>();
        if (health.Alliance.IsDemo)
        {
            body.Add(new Paragraph(texts["health.demo.note"], Tone.Subtle));
        }

        body.Add(new Paragraph(texts["drift.intro"]));
        if (health.LatestRound is not { } latest)
        {
            body.Add(new Paragraph(texts.Format("health.nodata", health.K), Tone.Subtle));
            return Card(health, texts, body);
        }

        var visible = health.Rounds.Where(r => r.Disclosed.Balance is not null).ToList();
        if (visible.Count > 0)
        {
            var now = visible[^1];
            var then = visible.Count > 1 ? visible[Math.Max(0, visible.Count - HealthCards.TrendRounds)] : null;
            body.Add(new Paragraph(then is null
                ? texts.Format("drift.gap.now", CardText.Signed(texts, now.Disclosed.Balance!.Value), GapWords(now.Disclosed.Balance.Value, texts))
                : texts.Format("drift.gap.then", CardText.Signed(texts, now.Disclosed.Balance!.Value), GapWords(now.Disclosed.Balance.Value, texts),
                    CardText.Month(texts, then.Disclosed.ClosedAt), CardText.Signed(texts, then.Disclosed.Balance!.Value))));
            body.Add(HealthCards.TrendBlock(health, health.Rounds, texts, charts.Trend(health.Alliance.Id, latest.Round.Id, texts.Language),
                texts.Format("drift.chart.title", health.Rounds.Count)));
        }

        body.Add(new TableBlock(
            [texts["drift.col.round"], texts["drift.col.month"], texts["drift.col.phase"], texts["drift.col.calculative"],
             texts["drift.col.relational"], texts["drift.col.gap"], texts["drift.col.answers"]],
            [.. health.Rounds.Select(r => Row(r, texts, health.K))]));

        var signals = report.Alerts
            .Where(a => a.Kind is AlertKind.FastRelationalDrop or AlertKind.SlowRelationalDrift or AlertKind.RelationalWatch or AlertKind.CalculativeFloor or AlertKind.CalculativeFade)
            .Select(a => a.Text).ToList();
        body.Add(signals.Count > 0
            ? new BulletList(texts["drift.signals.title"], signals, Tone.Attention)
            : new Paragraph(texts["drift.signals.none"], Tone.Good));
        // The drop alerts already say how large a drop this alliance can detect; say it once.
        if (report.Latest is { ScoresVisible: true } && signals.Count == 0)
        {
            body.Add(new Paragraph(texts.Format("health.detectable", CardText.Level(texts, report.MinimalDetectableDrop)), Tone.Subtle));
        }

        foreach (var reliability in report.Reliability)
        {
            body.Add(ReliabilityNote(reliability, report.LowReliability.Contains(reliability), texts));
        }

        return Card(health, texts, body);
    }

    /// <summary>
    /// "Drift" on any card (an alert, a round-closed card): opens this alliance's drift card for a manager. The click
    /// goes through the scope check again, so a member who sees a forwarded alert gets a polite refusal.
    /// </summary>
    public static SubmitAction Button(Guid allianceId, Texts texts) => CardText.IntentFor(Intent.Drift, allianceId, texts);

    /// <summary>"Where are we?" for this alliance, e.g. on a round-closed card.</summary>
    public static SubmitAction HealthCheckButton(Guid allianceId, Texts texts) => CardText.IntentFor(Intent.WhereAreWe, allianceId, texts);

    private static CardView Card(AllianceHealth health, Texts texts, List<Block> body) => new(
        CardKind.Drift,
        texts["drift.title"],
        body,
        [CardText.IntentFor(Intent.WhereAreWe, health.Alliance.Id, texts), IntentButtons.For(Intent.Help, texts)],
        texts.Format("drift.summary", health.Alliance.Name))
    {
        Subtitle = health.LatestRound is { } latest
            ? texts.Format("health.subtitle", health.Alliance.Name, latest.Round.Number, CardText.Month(texts, latest.Disclosed.ClosedAt))
            : texts.Format("health.subtitle.norounds", health.Alliance.Name),
    };

    /// <summary>
    /// How well a dimension's questions hung together in the last full round: a warning when α is below the floor even
    /// at its 95% upper bound, otherwise a plain line; either way with the anchor–facet correlation — "weakly" only when
    /// even its 95% upper bound is below 0.3, "agrees" when its lower bound reaches 0.3, otherwise "not clear yet" (one
    /// round of a few people rarely settles r, and a sound questionnaire must not be called weak on noise).
    /// </summary>
    private static Paragraph ReliabilityNote(DimensionReliability reliability, bool low, Texts texts)
    {
        var dimension = texts[reliability.Dimension == Dimension.Calculative ? "drift.col.calculative.long" : "drift.col.relational.long"];
        var text = low
            ? texts.Format("drift.reliability.low", dimension, texts.Number(reliability.Alpha, 2), reliability.N, texts.Number(reliability.UpperBound, 2))
            : texts.Format("drift.reliability.ok", reliability.N, dimension, texts.Number(reliability.Alpha, 2));
        if (reliability is { AnchorFacets: { } r, AnchorFacetBounds: { } bounds, Agreement: { } agreement })
        {
            var number = texts.Number(r, 2);
            text += " " + agreement switch
            {
                AnchorAgreement.Weak => texts.Format("drift.reliability.anchor.weak", dimension, number, reliability.N, texts.Number(bounds.Upper, 2))
                    + " " + texts["drift.reliability.anchor.weaknote"],
                AnchorAgreement.Clear => texts.Format("drift.reliability.anchor.clear", dimension, number, reliability.N, texts.Number(bounds.Lower, 2)),
                _ => texts.Format("drift.reliability.anchor.unclear", dimension, number, reliability.N),
            };
        }

        return new Paragraph(text, low ? Tone.Attention : Tone.Subtle);
    }

    private static string GapWords(double balance, Texts texts) =>
        texts[balance >= 0.3 ? "drift.gap.relational" : balance <= -0.3 ? "drift.gap.calculative" : "drift.gap.level"];

    private static IReadOnlyList<string> Row(EvaluatedRound round, Texts texts, int k)
    {
        var d = round.Disclosed;
        var hidden = texts.Format("drift.hidden", k);
        return
        [
            texts.Integer(round.Round.Number),
            CardText.ShortMonth(texts, d.ClosedAt),
            texts.Integer((int)round.Phase),
            d.Calculative is { } c ? CardText.Level(texts, c.Mean) : hidden,
            d.Relational is { } r ? CardText.Level(texts, r.Mean) : hidden,
            d.Balance is { } b ? CardText.Signed(texts, b) : "–",
            d.ScoresVisible ? texts.Format("drift.answers", texts.Integer(d.Respondents), texts.Percent(d.ParticipationRate)) : texts.Format("drift.fewer", k),
        ];
    }
}
