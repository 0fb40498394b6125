using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Explain;

/// <summary>
/// Compact cards that explain the NAV model (issue 17): the model in brief, calculative and relational trust, the three
/// phases, the Dell/Getronics lesson and a glossary. Faithful to the seed article, in our own words; no alliance data,
/// so anyone may read them anywhere. Each card links to the other topics, so help and the welcome need one button.
/// </summary>
public static class ExplainCards
{
    /// <summary>The explain intents in the order their buttons appear.</summary>
    public static IReadOnlyList<Intent> Topics { get; } =
        [Intent.ExplainModel, Intent.ExplainCalculative, Intent.ExplainRelational, Intent.ExplainPhases, Intent.ExplainDellGetronics, Intent.Glossary];

    /// <summary>
    /// The card for <paramref name="topic"/>; with <paramref name="picture"/> (the model's NAV picture, a signed chart link)
    /// every card but the glossary shows it under its first paragraph.
    /// </summary>
    public static CardView For(Intent topic, Texts texts, string? picture = null)
    {
        var card = Text(topic, texts);
        if (picture is null || topic == Intent.Glossary)
        {
            return card;
        }

        var body = card.Body.ToList();
        body.Insert(1, new ImageBlock(picture, texts["explain.picture.alt"]));
        return card with { Body = body };
    }

    private static CardView Text(Intent topic, Texts texts) => topic switch
    {
        Intent.ExplainModel => Card(topic, texts, "model",
            [P(texts, "explain.model.1"), P(texts, "explain.model.2"), P(texts, "explain.model.3"), P(texts, "explain.model.4")]),
        Intent.ExplainCalculative => Card(topic, texts, "calculative",
            [P(texts, "explain.calculative.1"), Examples(texts, "calculative"), P(texts, "explain.calculative.2", Tone.Subtle)]),
        Intent.ExplainRelational => Card(topic, texts, "relational",
            [P(texts, "explain.relational.1"), Examples(texts, "relational"), P(texts, "explain.relational.2", Tone.Subtle)]),
        Intent.ExplainPhases => Card(topic, texts, "phases",
            [
                P(texts, "explain.phases.1", Tone.Subtle),
                new BulletList(null, [texts["explain.phases.p1"], texts["explain.phases.p2"], texts["explain.phases.p3"]]),
                P(texts, "explain.phases.why"),
            ]),
        Intent.ExplainDellGetronics => Card(topic, texts, "dell",
            [P(texts, "explain.dell.1"), P(texts, "explain.dell.2"), P(texts, "explain.dell.3"), P(texts, "explain.dell.lesson", Tone.Accent)]),
        Intent.Glossary => Card(topic, texts, "glossary",
            [
                new BulletList(null,
                [
                    .. new[] { "nav", "calculative", "relational", "balance", "phase", "anchor", "round", "k" }
                        .Select(k => texts[$"explain.glossary.{k}"]),
                ]),
            ]),
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, "Not an explain intent."),
    };

    /// <summary>
    /// The topic that explains the reasoning behind a health report's first finding (the advice follows the findings):
    /// the Dell/Getronics lesson for a neglected calculative side, the phases for too much calculative emphasis too
    /// early, and so on; the phases when there is no finding (the advice then follows from the phase).
    /// </summary>
    public static Intent WhyTopic(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Findings.Count == 0 ? Intent.ExplainPhases : report.Findings[0].Kind switch
        {
            FindingKind.CalculativeNeglected => Intent.ExplainDellGetronics,
            FindingKind.CalculativeDisappearing => Intent.ExplainCalculative,
            FindingKind.RelationalEroding => Intent.ExplainRelational,
            _ => Intent.ExplainPhases,
        };
    }

    /// <summary>"Why?" on the health and advice cards: runs <see cref="WhyTopic"/> like a typed question.</summary>
    public static SubmitAction WhyButton(HealthReport report, Texts texts) =>
        IntentButtons.For(WhyTopic(report), texts) with { Title = texts["explain.why"] };

    private static CardView Card(Intent topic, Texts texts, string key, IReadOnlyList<Block> body) => new(
        CardKind.Info,
        texts[$"explain.{key}.title"],
        [.. body, new Paragraph(texts["explain.source"], Tone.Subtle)],
        [.. Topics.Where(t => t != topic).Select(t => IntentButtons.For(t, texts)), IntentButtons.For(Intent.WhereAreWe, texts, ActionStyle.Positive)],
        texts[$"explain.{key}.summary"]);

    private static Paragraph P(Texts texts, string key, Tone tone = Tone.Default) => new(texts[key], tone);

    private static BulletList Examples(Texts texts, string dimension) => new(
        texts[$"explain.{dimension}.examples"],
        [texts[$"explain.{dimension}.e1"], texts[$"explain.{dimension}.e2"], texts[$"explain.{dimension}.e3"]]);
}
