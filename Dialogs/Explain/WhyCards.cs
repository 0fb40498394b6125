using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Explain;

/// <summary>
/// "Why?" beside every finding and every advice item (issue 17): the reasoning behind that one line, tied to the seed
/// article, and a button to the part of the model it rests on. Catalogue text only — no alliance figures — so the
/// answer may be shown wherever the button was clicked.
/// </summary>
public static class WhyCards
{
    /// <summary>The card verb; data <see cref="SubjectKey"/> is "finding:{topic}" or "advice:{id}".</summary>
    public const string Verb = "explain.why";

    public const string SubjectKey = "why";

    private const string FindingPrefix = "finding:";
    private const string AdvicePrefix = "advice:";

    /// <summary>The catalogue key of a finding's reasoning: <c>why.finding.{topic}</c> (topic as in advice.json).</summary>
    public static string FindingKey(FindingKind kind) => "why.finding." + AdviceCatalog.Topic(kind);

    /// <summary>The short name of a finding, used as a heading ("Calculative side neglected").</summary>
    public static string FindingTitleKey(FindingKind kind) => FindingKey(kind) + ".title";

    public static SubmitAction ForFinding(FindingKind kind, Texts texts) => Button(FindingPrefix + AdviceCatalog.Topic(kind), texts);

    public static SubmitAction ForAdvice(AdviceLine line, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Button(AdvicePrefix + line.Id, texts);
    }

    /// <summary>The explain topic a finding rests on: Dell/Getronics for a neglected calculative side, and so on.</summary>
    public static Intent TopicFor(FindingKind? kind) => kind switch
    {
        FindingKind.CalculativeNeglected => Intent.ExplainDellGetronics,
        FindingKind.CalculativeDisappearing => Intent.ExplainCalculative,
        FindingKind.RelationalEroding or FindingKind.PartnerAsymmetry => Intent.ExplainRelational,
        _ => Intent.ExplainPhases,
    };

    /// <summary>The card for a clicked "Why?", or null when the subject names no finding or advice item (a forged click).</summary>
    public static CardView? For(string? subject, Texts texts, AdviceCatalog advice)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(advice);
        if (subject is null)
        {
            return null;
        }

        if (subject.StartsWith(FindingPrefix, StringComparison.Ordinal))
        {
            var topic = subject[FindingPrefix.Length..];
            var kind = Enum.GetValues<FindingKind>().Cast<FindingKind?>()
                .FirstOrDefault(k => string.Equals(AdviceCatalog.Topic(k!.Value), topic, StringComparison.Ordinal));
            return kind is { } found ? Card(texts, texts[FindingTitleKey(found)], texts[FindingKey(found)], TopicFor(found)) : null;
        }

        if (subject.StartsWith(AdvicePrefix, StringComparison.Ordinal))
        {
            var id = subject[AdvicePrefix.Length..];
            var item = advice.Items.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal));
            return item is null ? null : Card(texts, item.Text.In(texts.Language), item.Why.In(texts.Language), TopicFor(item.Finding));
        }

        return null;
    }

    private static SubmitAction Button(string subject, Texts texts) => new(
        texts["explain.why"],
        Verb,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SubjectKey] = subject,
            [DialogVerbs.LanguageKey] = texts.Language.Code(),
        });

    private static CardView Card(Texts texts, string subject, string reasoning, Intent topic) => new(
        CardKind.Info,
        texts["why.title"],
        [
            new Paragraph(subject, Tone.Accent),
            new Paragraph(reasoning),
            new Paragraph(texts["explain.source"], Tone.Subtle),
        ],
        [IntentButtons.For(topic, texts), IntentButtons.For(Intent.ExplainModel, texts)],
        texts["why.title"] + " " + subject);
}
