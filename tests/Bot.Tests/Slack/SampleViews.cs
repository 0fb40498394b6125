using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// One realistic sample per card kind (together they use every block and action type), plus stress samples that
/// push every limit: long texts, many facts, more than 50 blocks, many buttons.
/// </summary>
internal static class SampleViews
{
    public static IEnumerable<(string Name, View View)> All()
    {
        foreach (var kind in Enum.GetValues<CardKind>())
        {
            yield return ($"kind-{kind}", Card(kind));
        }

        yield return ("advice-with-commit-buttons", AdviceWithCommitButtons());
        yield return ("message", new MessageView("Thanks <@everyone> & partners — see you next round."));
        yield return ("message-long", new MessageView(new string('x', 50_000)));
        yield return ("stress-long-texts", LongTexts());
        yield return ("stress-many-blocks", ManyBlocks());
        yield return ("stress-many-facts", new CardView(CardKind.Info, "Facts", [new FactList(Facts(37))], [], "facts"));
        yield return ("stress-many-buttons", new CardView(
            CardKind.Choice, "Pick one", [new Paragraph("Choose an alliance.")],
            [.. Enumerable.Range(0, 30).Select(i => (ViewAction)new SubmitAction($"Alliance {i} " + new string('n', 80), "choose", new Dictionary<string, string> { ["alliance"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }))],
            "choose"));
        yield return ("stress-long-choice-list", new CardView(
            CardKind.Choice, "Which alliance?", [new ChoiceInput("alliance", "Alliance", [.. Enumerable.Range(0, 40).Select(i => new Choice($"Alliance number {i} " + new string('a', 90), $"a{i}"))], "a3")],
            [new SubmitAction("Go", "choose", new Dictionary<string, string>(), SubmitsInputs: true)], "choose"));
    }

    public static CardView Pulse() => new(
        CardKind.Pulse,
        "Alliance pulse — Q3",
        [
            new Paragraph("Three short statements about Acme × Globex. Your answers are anonymous."),
            Scale("q1", "We can rely on the agreements we made."),
            Scale("q2", "Our partner keeps their promises.", value: "4"),
            Scale("q3", "I can raise problems openly with the other side."),
            new TextInput("comment", "Anything to add?", "Optional comment", Multiline: true, MaxLength: 500),
        ],
        [new SubmitAction("Send answers", "pulse.submit", new Dictionary<string, string> { ["round"] = "r-42", ["alliance"] = "a-7" }, ActionStyle.Positive, SubmitsInputs: true)],
        "Alliance pulse: 3 questions");

    private static ChoiceInput Scale(string id, string label, string? value = null) => new(
        id, label,
        [new("1 – strongly disagree", "1"), new("2", "2"), new("3", "3"), new("4", "4"), new("5 – strongly agree", "5")],
        value, Required: true, ErrorMessage: "Pick a score");

    private static CardView Card(CardKind kind) => kind switch
    {
        CardKind.Pulse => Pulse(),
        CardKind.HealthCheck => new CardView(
            kind, "Where are we? Acme × Globex",
            [
                new Heading("Phase: execution"),
                new Paragraph("Relational trust lags what this phase needs.", Tone.Warning),
                new FactList([new Fact("Calculative", "3.9"), new Fact("Relational", "3.1"), new Fact("Responses", "12 of 15")]),
                new LineChartBlock("Trend", ["Q1", "Q2", "Q3"], [new ChartSeries("Calculative", [3.5, 3.8, 3.9], Tone.Accent), new ChartSeries("Relational", [3.6, null, 3.1], Tone.Warning)], "https://bot.example.com/charts/abc.png?sig=1", "Trend of both anchors"),
                new LineChartBlock("Trend (no image)", ["Q1", "Q2", "Q3"], [new ChartSeries("Calculative", [3.5, 3.8, 3.9], Tone.Accent), new ChartSeries("Relational", [3.6, null, 3.1], Tone.Warning)], null, "Trend"),
                new BulletList("Do", ["Hold a joint review of open issues", "Share the forecast early"], Tone.Good),
                new BulletList("Don't", ["Renegotiate terms by e-mail"], Tone.Attention),
                new Divider(),
                new Paragraph("Based on the last two closed rounds.", Tone.Subtle),
            ],
            [new SubmitAction("Details", "health.details", new Dictionary<string, string> { ["alliance"] = "a-7" }), new OpenUrlAction("Open report", "https://bot.example.com/report/a-7")],
            "Health check: relational trust lags") { Subtitle = "Last round closed 3 days ago" },
        CardKind.Drift => new CardView(kind, "Trust is drifting apart", [new TableBlock(["Round", "Calc.", "Rel.", "Gap"], [["Q1", "3.5", "3.6", "0.1"], ["Q2", "3.8", "3.3", "0.5"], ["Q3", "3.9", "3.1", "0.8"]]), new ImageBlock("https://bot.example.com/charts/drift.png", "Drift chart")], [], "Drift: gap 0.8"),
        CardKind.Alert => new CardView(kind, "Relational trust dropped", [new Paragraph("A drop of 0.6 since last round (p < 0.05).", Tone.Attention)], [new SubmitAction("Acknowledge", "alert.ack", new Dictionary<string, string> { ["alert"] = "al-1" }, ActionStyle.Destructive)], "Alert: relational trust dropped"),
        CardKind.Confirm => new CardView(kind, "Leave the alliance?", [new Paragraph("You will stop receiving pulses.")], [new SubmitAction("Leave", "member.leave", new Dictionary<string, string> { ["alliance"] = "a-7" }, ActionStyle.Destructive), new SubmitAction("Stay", "member.stay", new Dictionary<string, string>())], "Confirm leaving"),
        _ => new CardView(kind, $"{kind} card", [new Paragraph($"This is the {kind} card."), new BulletList(null, ["one", "two"])], [new SubmitAction("OK", "ok", new Dictionary<string, string>())], $"{kind}"),
    };

    private static CardView LongTexts() => new(
        CardKind.Info,
        new string('T', 400),
        [
            new Heading(new string('H', 400)),
            new Paragraph(string.Concat(Enumerable.Repeat("A long & winding <paragraph>. ", 300)), Tone.Good),
            new Paragraph(new string('z', 7000)),
            new FactList([new Fact(new string('L', 1500), new string('V', 1500))]),
            new BulletList(new string('B', 100), [.. Enumerable.Range(0, 200).Select(i => $"Item {i} " + new string('i', 60))]),
            new TableBlock(["A", "B"], [.. Enumerable.Range(0, 300).Select(i => (IReadOnlyList<string>)[$"row {i}", new string('c', 50)])]),
            new ChoiceInput("long", new string('Q', 2500), [new Choice(new string('o', 200), new string('v', 300))]),
            new TextInput("t", "Comment", new string('p', 400), new string('w', 5000), true, 10_000),
        ],
        [new SubmitAction(new string('b', 200), "long", new Dictionary<string, string>()), new OpenUrlAction("Link", "https://example.com/")],
        new string('s', 9000));

    private static CardView ManyBlocks() => new(
        CardKind.RoundClosed,
        "Round closed",
        [.. Enumerable.Range(0, 80).Select(i => (Block)new Paragraph($"Finding {i}"))],
        [new SubmitAction("See health check", "health.show", new Dictionary<string, string> { ["alliance"] = "a-7" })],
        "Round closed: 80 findings");

    private static List<Fact> Facts(int count) => [.. Enumerable.Range(0, count).Select(i => new Fact($"Label {i}", $"Value {i}"))];

    /// <summary>Issue 17: an advice list with a "Commit" button per item (the health check's do's for someone who may commit).</summary>
    public static CardView AdviceWithCommitButtons()
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["alliance"] = Guid.Empty.ToString(), ["advice"] = "p2.do.paper" };
        var list = new BulletList("Do", ["1. Put the revenue split and the escalation route on paper now.", "2. Agree on a few shared figures."], Tone.Good)
        {
            ItemActions = [new SubmitAction("Commit", "commitment.make", data), new SubmitAction("Commit", "commitment.make", data)],
        };
        return new CardView(CardKind.HealthCheck, "What moves us further right?", [list], [new SubmitAction("Where are we?", "intent.run", data)], "advice");
    }
}
