using AllianceBot.Dialogs.Explain;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Report;

/// <summary>One section of the report page: an anchor id, its heading (an h2) and its content.</summary>
public sealed record ReportSection(string Id, string Heading, IReadOnlyList<Block> Body);

/// <summary>
/// The steering-committee report as channel-neutral content: a title, a subtitle and sections of view blocks (the same
/// blocks the cards use), rendered to HTML by the host (Bot/Report). Built only from the anonymity-filtered
/// <see cref="AllianceHealth"/>, so it shows exactly what the health card may show, and nothing an individual said.
/// </summary>
public sealed record ReportDocument(Language Language, string Title, string Subtitle, IReadOnlyList<ReportSection> Sections, string Footer)
{
    /// <summary>
    /// The sections in page order. A new section (commitments, say) is one more method below and one more line here;
    /// a method returns null when its section has nothing to say.
    /// </summary>
    private static readonly Func<ReportInput, ReportSection?>[] SectionBuilders =
    [
        Position,
        Course,
        Trend,
        Partners,
        Findings,
        Advice,
        Commitments,
        Participation,
        Unknowns,
    ];

    /// <param name="commitments">The alliance's commitments (both partners see the same list); none when null.</param>
    public static ReportDocument Build(AllianceHealth health, Texts texts, IHealthChartLinks charts, IReadOnlyList<Data.Commitments.Commitment>? commitments = null)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(charts);
        var input = new ReportInput(health, texts, charts, commitments ?? []);
        var subtitle = health.LatestRound is { } latest
            ? texts.Format("report.subtitle", latest.Round.Number, CardText.Month(texts, latest.Disclosed.ClosedAt))
            : texts["report.subtitle.norounds"];
        return new ReportDocument(
            texts.Language,
            texts.Format("report.title", health.Alliance.Name),
            subtitle,
            [.. SectionBuilders.Select(build => build(input)).OfType<ReportSection>()],
            texts.Format("report.footer", health.K));
    }

    private static ReportSection Position(ReportInput input)
    {
        var (health, texts) = (input.Health, input.Texts);
        var report = health.Report;
        var body = new List<Block>();
        if (health.Alliance.IsDemo)
        {
            body.Add(new Paragraph(texts["health.demo.note"], Tone.Subtle));
        }

        body.Add(new Paragraph(texts.Format("health.phase.line", report.Phase.Number, report.PhaseName, report.PhaseMeaning)));
        var facts = new List<Fact> { new(texts["health.fact.needs"], report.Phase.EmphasisText.In(texts.Language)) };
        var evidence = report.Position.Evidence;
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

        body.Add(new FactList(facts));
        body.Add(new Paragraph(report.Position.Text));
        body.Add(new Paragraph(texts["health.readiness.title"] + " " + report.Readiness.Text));
        return new ReportSection("position", texts["report.section.position"], body);
    }

    private static ReportSection Course(ReportInput input)
    {
        var (health, texts) = (input.Health, input.Texts);
        var body = new List<Block> { new Paragraph(texts["report.course.intro"], Tone.Subtle) };
        body.Add(health.LatestRound is { } latest && health.Rounds.Any(r => r.Disclosed.ScoresVisible)
            ? new ImageBlock(input.Charts.Nav(health.Alliance.Id, latest.Round.Id, texts.Language), texts["health.nav.alt"])
            : new Paragraph(texts["report.chart.none"], Tone.Subtle));
        return new ReportSection("course", texts["report.section.course"], body);
    }

    private static ReportSection Trend(ReportInput input)
    {
        var (health, texts) = (input.Health, input.Texts);
        var recent = health.Rounds.TakeLast(HealthCards.TrendRounds).ToList();
        if (health.LatestRound is not { } latest || !recent.Any(r => r.Disclosed.ScoresVisible))
        {
            return new ReportSection("trend", texts["report.section.trend"], [new Paragraph(texts["report.chart.none"], Tone.Subtle)]);
        }

        var hidden = texts.Format("drift.hidden", health.K);
        return new ReportSection("trend", texts["report.section.trend"],
        [
            new ImageBlock(input.Charts.Trend(health.Alliance.Id, latest.Round.Id, texts.Language), texts.Format("health.trend.alt", recent.Count, health.Alliance.Name)),
            // The numbers behind the picture, for screen readers and for anyone who wants them exact.
            new TableBlock(
                [texts["drift.col.round"], texts["drift.col.month"], texts["health.trend.calculative"], texts["health.trend.relational"], texts["drift.col.gap"]],
                [.. recent.Select(r => (IReadOnlyList<string>)
                [
                    texts.Integer(r.Round.Number),
                    CardText.Month(texts, r.Disclosed.ClosedAt),
                    r.Disclosed.Calculative is { } c ? CardText.Level(texts, c.Mean) : hidden,
                    r.Disclosed.Relational is { } rl ? CardText.Level(texts, rl.Mean) : hidden,
                    r.Disclosed.Balance is { } b ? CardText.Signed(texts, b) : "–",
                ])]),
        ]);
    }

    /// <summary>Only partners the disclosure rule shows (k per partner, and the next-smallest hidden with a hidden one).</summary>
    private static ReportSection Partners(ReportInput input)
    {
        var (health, texts) = (input.Health, input.Texts);
        var body = new List<Block>();
        if (health.LatestRound is { } latest)
        {
            var visible = latest.Disclosed.Partners.Where(p => !p.Hidden && p.Calculative is not null && p.Relational is not null).ToList();
            if (visible.Count > 0)
            {
                body.Add(new Paragraph(texts.Format("health.partners.title", latest.Round.Number), Tone.Subtle));
                body.Add(new TableBlock(
                    [texts["health.partners.partner"], texts["health.partners.answers"], texts["health.trend.calculative"], texts["health.trend.relational"], texts["drift.col.gap"]],
                    [.. visible.Select(p => (IReadOnlyList<string>)
                    [
                        health.PartnerName(p.PartnerId),
                        p.Respondents is { } n ? texts.Integer(n) : "",
                        CardText.Level(texts, p.Calculative!.Mean),
                        CardText.Level(texts, p.Relational!.Mean),
                        p.Balance is { } b ? CardText.Signed(texts, b) : "–",
                    ])]));
            }

            body.AddRange(health.PartnerNotices.Select(notice => new Paragraph(notice.Kind == PartnerNoticeKind.TooFewAnswers
                ? texts.Format("health.partner.toofew", health.K, notice.PartnerName)
                : texts.Format("health.partner.hiddenwithsmaller", notice.PartnerName), Tone.Subtle)));
        }

        if (body.Count == 0)
        {
            body.Add(new Paragraph(texts.Format("report.partners.none", health.K), Tone.Subtle));
        }

        return new ReportSection("partners", texts["report.section.partners"], body);
    }

    /// <summary>Each finding under its own heading: what was seen, the numbers it rests on, and why it matters (the seed).</summary>
    private static ReportSection Findings(ReportInput input)
    {
        var (health, texts) = (input.Health, input.Texts);
        var report = health.Report;
        var body = new List<Block>();
        foreach (var finding in report.Findings)
        {
            body.Add(new Heading(texts[WhyCards.FindingTitleKey(finding.Kind)]));
            body.Add(new Paragraph(finding.Text, Tone.Warning));
            if (EvidenceFacts(finding.Evidence, texts) is { Count: > 0 } facts)
            {
                body.Add(new FactList(facts));
            }

            body.Add(new Paragraph(texts["report.why"] + " " + texts[WhyCards.FindingKey(finding.Kind)], Tone.Subtle));
        }

        foreach (var watch in report.Alerts.Where(a => a.Level == AlertLevel.Watch))
        {
            body.Add(new Heading(texts["report.watch.title"]));
            body.Add(new Paragraph(watch.Text));
            if (EvidenceFacts(watch.Evidence, texts) is { Count: > 0 } facts)
            {
                body.Add(new FactList(facts));
            }
        }

        if (body.Count == 0)
        {
            body.Add(new Paragraph(report.Position.Measured is null ? texts["health.findings.nodata"] : texts["health.findings.none"]));
        }

        return new ReportSection("findings", texts["report.section.findings"], body);
    }

    private static ReportSection Advice(ReportInput input)
    {
        var (health, texts) = (input.Health, input.Texts);
        var report = health.Report;
        var lines = report.Advice.Concat(report.MoveRight).DistinctBy(a => a.Id, StringComparer.Ordinal).ToList();
        var body = new List<Block>();
        foreach (var (kind, title, tone) in new[] { (AdviceKind.Do, "health.do.title", Tone.Good), (AdviceKind.Dont, "health.dont.title", Tone.Attention) })
        {
            var items = lines.Where(a => a.Kind == kind).Select(a => texts.Format("health.advice.withwhy", a.Text, a.Why)).ToList();
            if (items.Count > 0)
            {
                body.Add(new BulletList(texts[title], items, tone));
            }
        }

        if (body.Count == 0)
        {
            body.Add(new Paragraph(texts["report.advice.none"]));
        }

        return new ReportSection("advice", texts["report.section.advice"], body);
    }

    /// <summary>Invited and answered per round; a round under k says "fewer than k", never its count.</summary>
    /// <summary>Commitments kept, missed and open beside the movement of the dimension each targets: the card's own section.</summary>
    private static ReportSection Commitments(ReportInput input)
    {
        var texts = input.Texts;
        var progress = Dialogs.Commitments.CommitmentCards.Progress(input.Commitments, input.Health, texts.Language);

        // The card's section opens with a divider and its heading; on the page the section's h2 is that heading.
        var body = Dialogs.Commitments.CommitmentCards.Section(progress, texts, canCommit: false).Where(b => b is not Divider and not Heading).ToList();
        return new ReportSection("commitments", texts["commitments.section.title"], body);
    }

    private static ReportSection Participation(ReportInput input)
    {
        var (health, texts) = (input.Health, input.Texts);
        var recent = health.Rounds.TakeLast(HealthCards.TrendRounds).ToList();
        if (recent.Count == 0)
        {
            return new ReportSection("participation", texts["report.section.participation"], [new Paragraph(texts.Format("health.nodata", health.K), Tone.Subtle)]);
        }

        return new ReportSection("participation", texts["report.section.participation"],
        [
            new TableBlock(
                [texts["drift.col.round"], texts["drift.col.month"], texts["report.participation.invited"], texts["drift.col.answers"]],
                [.. recent.Select(r => (IReadOnlyList<string>)
                [
                    texts.Integer(r.Round.Number),
                    CardText.Month(texts, r.Disclosed.ClosedAt),
                    texts.Integer(r.Disclosed.Invited),
                    r.Disclosed.ScoresVisible
                        ? texts.Format("drift.answers", texts.Integer(r.Disclosed.Respondents), texts.Percent(r.Disclosed.ParticipationRate))
                        : texts.Format("drift.fewer", health.K),
                ])]),
            new Paragraph(texts.Format("report.participation.rule", health.K), Tone.Subtle),
        ]);
    }

    private static ReportSection Unknowns(ReportInput input)
    {
        var (health, texts) = (input.Health, input.Texts);
        var report = health.Report;
        var body = new List<Block>();
        if (health.LatestRound is null)
        {
            body.Add(new Paragraph(texts.Format("health.nodata", health.K)));
        }
        else if (report.Missing.Text is { } missing)
        {
            body.Add(new Paragraph(missing));
        }

        if (report.Latest is { ScoresVisible: true })
        {
            body.Add(new Paragraph(texts.Format("health.detectable", CardText.Level(texts, report.MinimalDetectableDrop))));
        }

        body.AddRange(HealthCards.DontKnowLines(health, texts).Select(line => new Paragraph(line)));
        body.Add(new Paragraph(texts["report.unknowns.always"]));
        return new ReportSection("unknowns", texts["report.section.unknowns"], body);
    }

    /// <summary>The numbers a finding rests on, each only when the trust model computed it.</summary>
    private static List<Fact> EvidenceFacts(Evidence e, Texts texts)
    {
        var facts = new List<Fact>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                facts.Add(new Fact(texts[key], value));
            }
        }

        Add("report.evidence.calculative", e.Calculative is { } c ? CardText.Level(texts, c) : null);
        Add("report.evidence.relational", e.Relational is { } r ? CardText.Level(texts, r) : null);
        Add("report.evidence.balance", e.Balance is { } b ? CardText.Signed(texts, b) : null);
        Add("report.evidence.baseline", e.BaselineMean is { } bm ? CardText.Level(texts, bm) : null);
        Add("report.evidence.current", e.CurrentMean is { } cm ? CardText.Level(texts, cm) : null);
        Add("report.evidence.drop", e.Drop is { } d ? CardText.Level(texts, d) : null);
        Add("report.evidence.interval", e.Interval is { } i ? texts.Format("report.evidence.interval.value", CardText.Level(texts, i.Low), CardText.Level(texts, i.High)) : null);
        Add("report.evidence.p", e.P is { } p ? texts.Number(p, 3) : null);
        Add("report.evidence.threshold", e.Threshold is { } t ? CardText.Level(texts, t) : null);
        Add("report.evidence.participation", e.ParticipationRate is { } pr
            ? e.BaselineParticipationRate is { } bp ? texts.Format("report.evidence.participation.value", texts.Percent(pr), texts.Percent(bp)) : texts.Percent(pr)
            : null);
        Add("report.evidence.rounds", e.Rounds is { } n ? texts.Integer(n) : e.BaselineRounds is { } br ? texts.Integer(br) : null);
        return facts;
    }

    private sealed record ReportInput(AllianceHealth Health, Texts Texts, IHealthChartLinks Charts, IReadOnlyList<Data.Commitments.Commitment> Commitments);
}
