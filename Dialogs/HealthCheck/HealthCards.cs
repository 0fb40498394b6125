using AllianceBot.Dialogs.Explain;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.HealthCheck;

/// <summary>Which of the seed's two health-check questions the card leads with.</summary>
public enum HealthFocus
{
    /// <summary>A. Where are we in the model? (with B below it).</summary>
    WhereAreWe,

    /// <summary>B. Which actions move us further right? (the do's and don'ts with their reasons).</summary>
    MoveRight,
}

/// <summary>
/// The health-check card (CardKind.HealthCheck): A — the phase, the measured levels and balance against what the
/// phase needs, findings, trend, per-partner view within the anonymity rules and the NAV picture; B — do's and
/// don'ts and readiness for the next phase; and what the data cannot tell yet. Built only from the anonymity-filtered
/// report, so it never shows an individual's answer, and the same for a personal chat, a group chat or a channel.
/// </summary>
public static class HealthCards
{
    /// <summary>Rounds shown in the trend block (the "last 6 rounds").</summary>
    public const int TrendRounds = 6;

    /// <summary>
    /// The card. <paramref name="commitments"/> (docs/commitments.md) adds a "Commit" button to each numbered advice
    /// item when the reader may make commitments, and the alliance's commitments section after the advice.
    /// </summary>
    public static CardView Build(AllianceHealth health, Texts texts, IHealthChartLinks charts, bool isManager, HealthFocus focus = HealthFocus.WhereAreWe,
        Commitments.CommitmentsOnCard? commitments = null)
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

        if (focus == HealthFocus.WhereAreWe)
        {
            body.AddRange(SectionA(health, texts, charts));
            body.Add(new Divider());
            body.AddRange(SectionB(health, texts, withReasons: false, commitments));
        }
        else
        {
            body.Add(new Paragraph(PhaseLine(report, texts)));
            body.AddRange(SectionB(health, texts, withReasons: true, commitments));
        }

        body.AddRange(commitments?.Section ?? []);

        body.AddRange(Uncertainty(health, texts));

        var allianceId = health.Alliance.Id;
        var actions = new List<ViewAction>();
        actions.Add(focus == HealthFocus.WhereAreWe
            ? CardText.IntentFor(Intent.WhatMovesUsRight, allianceId, texts)
            : CardText.IntentFor(Intent.WhereAreWe, allianceId, texts));
        if (isManager)
        {
            actions.Add(CardText.IntentFor(Intent.Drift, allianceId, texts));
        }

        actions.Add(Explain.ExplainCards.WhyButton(report, texts));
        actions.Add(IntentButtons.For(Intent.Help, texts));

        var title = focus == HealthFocus.WhereAreWe ? texts["health.title"] : texts["movesright.title"];
        return new CardView(CardKind.HealthCheck, title, body, actions, Summary(health, texts))
        {
            Subtitle = Subtitle(health, texts),
        };
    }

    /// <summary>One line for notifications and Slack's fallback text: alliance, phase, the position in words.</summary>
    public static string Summary(AllianceHealth health, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("health.summary", health.Alliance.Name, health.Report.Phase.Number, health.Report.PhaseName,
            health.Report.Position.Measured is { } measured ? Wording.Emphasis(measured, texts.Language) : texts["health.summary.nodata"]);
    }

    private static string Subtitle(AllianceHealth health, Texts texts) =>
        health.LatestRound is { } latest
            ? texts.Format("health.subtitle", health.Alliance.Name, latest.Round.Number, CardText.Month(texts, latest.Disclosed.ClosedAt))
            : texts.Format("health.subtitle.norounds", health.Alliance.Name);

    private static string PhaseLine(HealthReport report, Texts texts) =>
        texts.Format("health.phase.line", report.Phase.Number, report.PhaseName, report.PhaseMeaning);

    private static IEnumerable<Block> SectionA(AllianceHealth health, Texts texts, IHealthChartLinks charts)
    {
        var report = health.Report;
        yield return new Heading(texts["health.section.a"]);
        yield return new Paragraph(PhaseLine(report, texts));

        var evidence = report.Position.Evidence;
        var facts = new List<Fact>
        {
            new(texts["health.fact.needs"], report.Phase.EmphasisText.In(texts.Language)),
        };
        if (report.Position.Measured is { } measured && evidence.Calculative is { } calc && evidence.Relational is { } rel && evidence.Balance is { } balance)
        {
            facts.Add(new(texts["health.fact.calculative"], texts.Format("health.level", CardText.Level(texts, calc))));
            facts.Add(new(texts["health.fact.relational"], texts.Format("health.level", CardText.Level(texts, rel))));
            facts.Add(new(texts["health.fact.balance"], texts.Format("health.balance", CardText.Signed(texts, balance), Wording.Emphasis(measured, texts.Language))));
            facts.Add(new(texts["health.fact.fit"], measured == MeasuredEmphasis.Unclear
                ? texts.Format("health.fit.unclear", evidence.AnswersNeeded ?? 0, evidence.RoundsNeeded ?? 0)
                : report.Position.MatchesIntended == true ? texts["health.fit.yes"] : texts["health.fit.no"]));
            facts.Add(new(texts["health.fact.basis"], texts.Format("health.basis", evidence.Rounds ?? 0, evidence.CurrentN ?? 0)));
        }

        yield return new FactList(facts);
        yield return new Paragraph(report.Position.Text, Tone.Subtle);

        // Every finding (and a watch, which is a relational drop not yet beyond the noise) has its own "Why?".
        var watches = report.Alerts.Where(a => a.Level == AlertLevel.Watch).Select(a => (a.Text, Kind: FindingKind.RelationalEroding));
        var findings = report.Findings.Select(f => (f.Text, f.Kind)).Concat(watches).ToList();
        yield return findings.Count > 0
            ? new BulletList(texts["health.findings.title"], [.. findings.Select(f => f.Text)], Tone.Warning)
            {
                ItemActions = [.. findings.Select(f => WhyCards.ForFinding(f.Kind, texts))],
            }
            : new Paragraph(report.Position.Measured is null ? texts["health.findings.nodata"] : texts["health.findings.none"],
                report.Position.Measured is null ? Tone.Subtle : Tone.Good);

        if (health.LatestRound is not { } latest)
        {
            yield break;
        }

        var recent = health.Rounds.TakeLast(TrendRounds).ToList();
        if (recent.Any(r => r.Disclosed.ScoresVisible))
        {
            yield return TrendBlock(health, recent, texts, charts.Trend(health.Alliance.Id, latest.Round.Id, texts.Language),
                texts.Format("health.trend.title", recent.Count));
        }

        foreach (var restart in report.Restarts)
        {
            var dimension = restart.Dimension.Name().In(texts.Language);
            var first = health.Rounds.FirstOrDefault(r => string.Equals(r.Round.Id.ToString(), restart.FirstRoundId, StringComparison.Ordinal));
            yield return new Paragraph(first is null
                ? texts.Format("health.trend.restart.pending", dimension)
                : texts.Format("health.trend.restart", dimension, first.Round.Number), Tone.Subtle);
        }

        foreach (var block in Partners(health, latest, texts))
        {
            yield return block;
        }

        if (health.Rounds.Any(r => r.Disclosed.ScoresVisible))
        {
            yield return new Heading(texts["health.nav.title"]);
            yield return new ImageBlock(charts.Nav(health.Alliance.Id, latest.Round.Id, texts.Language), texts["health.nav.alt"]);
        }
    }

    /// <summary>The two anchors over the given rounds; suppressed rounds are gaps, never zeros.</summary>
    internal static LineChartBlock TrendBlock(AllianceHealth health, IReadOnlyList<EvaluatedRound> rounds, Texts texts, string fallbackUrl, string title) => new(
        title,
        [.. rounds.Select(r => CardText.ShortMonth(texts, r.Disclosed.ClosedAt))],
        [
            new ChartSeries(texts["health.trend.calculative"], [.. rounds.Select(r => r.TrendCalculative)], Tone.Accent),
            new ChartSeries(texts["health.trend.relational"], [.. rounds.Select(r => r.TrendRelational)], Tone.Good),
        ],
        fallbackUrl,
        texts.Format("health.trend.alt", rounds.Count, health.Alliance.Name));

    private static IEnumerable<Block> Partners(AllianceHealth health, EvaluatedRound latest, Texts texts)
    {
        // By name: the snapshot orders partners by id (random GUIDs), so the rows would swap places from alliance to alliance.
        var visible = latest.Disclosed.Partners.Where(p => !p.Hidden && p.Calculative is not null && p.Relational is not null)
            .OrderBy(p => health.PartnerName(p.PartnerId), StringComparer.CurrentCultureIgnoreCase).ToList();
        if (visible.Count == 0 && health.PartnerNotices.Count == 0)
        {
            yield break;
        }

        yield return new Heading(texts.Format("health.partners.title", latest.Round.Number));
        if (visible.Count > 0)
        {
            yield return new TableBlock(
                [texts["health.partners.partner"], texts["health.partners.answers"], texts["health.trend.calculative"], texts["health.trend.relational"]],
                [.. visible.Select(p => (IReadOnlyList<string>)
                [
                    health.PartnerName(p.PartnerId),
                    p.Respondents is { } n ? texts.Integer(n) : "",
                    CardText.Level(texts, p.Calculative!.Mean),
                    CardText.Level(texts, p.Relational!.Mean),
                ])]);
        }

        foreach (var notice in health.PartnerNotices)
        {
            yield return new Paragraph(notice.Kind == PartnerNoticeKind.TooFewAnswers
                ? texts.Format("health.partner.toofew", health.K, notice.PartnerName)
                : texts.Format("health.partner.hiddenwithsmaller", notice.PartnerName), Tone.Subtle);
        }
    }

    private static IEnumerable<Block> SectionB(AllianceHealth health, Texts texts, bool withReasons, Commitments.CommitmentsOnCard? commitments)
    {
        var report = health.Report;
        yield return new Heading(texts["health.section.b"]);

        // Numbered once for both cards (NumberedAdvice), so "commit 2" means the item shown as 2.
        var lines = Commitments.NumberedAdvice.Of(report);
        var dos = lines.Where(a => a.Line.Kind == AdviceKind.Do).ToList();
        var donts = lines.Where(a => a.Line.Kind == AdviceKind.Dont).ToList();
        if (dos.Count > 0)
        {
            yield return Advice(texts["health.do.title"], dos, Tone.Good, texts, withReasons, health, commitments);
        }

        if (donts.Count > 0)
        {
            yield return Advice(texts["health.dont.title"], donts, Tone.Attention, texts, withReasons, health, commitments);
        }

        yield return new Paragraph(texts["health.readiness.title"] + " " + report.Readiness.Text, report.Readiness.Kind switch
        {
            ReadinessKind.ReadyToMoveRight => Tone.Good,
            ReadinessKind.SlidingBack => Tone.Attention,
            _ => Tone.Default,
        });
    }

    /// <summary>Numbered do's or don'ts, each with its own "Why?" and, for who may commit, a "Commit" button.</summary>
    private static BulletList Advice(string title, IReadOnlyList<Commitments.NumberedAdviceLine> lines, Tone tone, Texts texts, bool withReasons,
        AllianceHealth health, Commitments.CommitmentsOnCard? commitments) =>
        new(title, [.. lines.Select(l => texts.Format("health.advice.numbered", l.Number, Line(l.Line, texts, withReasons)))], tone)
        {
            ItemActions = [.. lines.Select(l => WhyCards.ForAdvice(l.Line, texts))],
            SecondActions = commitments is { CanCommit: true }
                ? [.. lines.Select(l => Commitments.CommitmentCards.CommitButton(health.Alliance.Id, l.Line.Id, texts))]
                : null,
        };

    private static string Line(AdviceLine line, Texts texts, bool withReason) =>
        withReason ? texts.Format("health.advice.withwhy", line.Text, line.Why) : line.Text;

    /// <summary>Statements with "don't know" answers that a card or the report lists at most.</summary>
    public const int DontKnowStatements = 3;

    /// <summary>
    /// "3 of 11 answered 'don't know / not applicable' to '…'" for the latest round's statements with the most such
    /// answers (the counts obey the participation rule, see <see cref="AllianceHealth.DontKnows"/>).
    /// </summary>
    public static IEnumerable<string> DontKnowLines(AllianceHealth health, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(texts);
        var known = health.DontKnows.Where(d => ItemBank.Default.Find(d.ItemId) is not null).ToList();
        foreach (var count in known.Take(DontKnowStatements))
        {
            yield return texts.Format("health.dontknow", texts.Integer(count.Count), texts.Integer(count.Respondents),
                ItemBank.Default[count.ItemId].Text.In(texts.Language));
        }

        if (known.Count > DontKnowStatements)
        {
            yield return texts.Format("health.dontknow.more", known.Count - DontKnowStatements);
        }
    }

    private static IEnumerable<Block> Uncertainty(AllianceHealth health, Texts texts)
    {
        var report = health.Report;
        var parts = new List<string>();
        if (health.LatestRound is null)
        {
            parts.Add(texts.Format("health.nodata", health.K));
        }
        else if (report.Missing.Text is { } missing)
        {
            parts.Add(missing);
        }

        if (report.Latest is { ScoresVisible: true })
        {
            parts.Add(texts.Format("health.detectable", CardText.Level(texts, report.MinimalDetectableDrop)));
        }

        parts.AddRange(DontKnowLines(health, texts));
        if (parts.Count == 0)
        {
            yield break;
        }

        yield return new Heading(texts["health.uncertainty.title"]);
        foreach (var part in parts)
        {
            yield return new Paragraph(part, Tone.Subtle);
        }
    }
}
