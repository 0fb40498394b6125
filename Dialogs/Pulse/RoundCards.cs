using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Pulse;

/// <summary>The closed round a manager card is about.</summary>
public sealed record ClosedRoundInfo(Guid AllianceId, string AllianceName, int Number);

/// <summary>
/// The managers' cards when a round closes: one alert card per notifying alert (the numbers, what it means in the
/// NAV model, the do's and don'ts, a button to the drift card), and a short summary even when nothing alarms.
/// Built only from the trust model's disclosed data and evidence, so no card can show an individual answer.
/// </summary>
public static class RoundCards
{
    private const int AdvicePerKind = 3;

    /// <summary>Relational drops first: they are what managers most need to act on.</summary>
    public static int Priority(AlertKind kind) => kind switch
    {
        AlertKind.FastRelationalDrop => 0,
        AlertKind.SlowRelationalDrift => 1,
        AlertKind.CalculativeFloor => 2,
        AlertKind.CalculativeFade => 2,
        AlertKind.PartnerAsymmetry => 3,
        AlertKind.ParticipationFalling => 4,
        _ => 5,
    };

    /// <summary>The finding an alert kind stands for, to pick its advice.</summary>
    public static FindingKind FindingOf(AlertKind kind) => kind switch
    {
        AlertKind.CalculativeFloor or AlertKind.CalculativeFade => FindingKind.CalculativeDisappearing,
        AlertKind.PartnerAsymmetry => FindingKind.PartnerAsymmetry,
        AlertKind.ParticipationFalling => FindingKind.ParticipationFalling,
        _ => FindingKind.RelationalEroding,
    };

    /// <param name="alertText">The alert in words with its numbers (partner names already filled in).</param>
    public static CardView Alert(ClosedRoundInfo round, TrustAlert alert, string alertText, HealthReport report, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(report);
        var finding = FindingOf(alert.Kind);
        var advice = report.Advice.Where(a => a.Finding == finding).ToList();
        if (advice.Count == 0)
        {
            advice = [.. report.Advice.Where(a => a.Finding is null)];
        }

        var language = texts.Language;
        var body = new List<Block>
        {
            new Heading(texts["round.alert.numbers"]),
            new Paragraph(alertText),
            new Heading(texts["round.alert.meaning"]),
            new Paragraph(texts.Format("round.alert.phase", round.AllianceName, report.PhaseName, report.PhaseMeaning, report.Phase.EmphasisText.In(language))),
        };
        body.AddRange(report.Findings.Where(f => f.Kind == finding).Select(f => new Paragraph(f.Text)));
        var dos = advice.Where(a => a.Kind == AdviceKind.Do).Take(AdvicePerKind).Select(a => $"{a.Text} {a.Why}").ToList();
        var donts = advice.Where(a => a.Kind == AdviceKind.Dont).Take(AdvicePerKind).Select(a => $"{a.Text} {a.Why}").ToList();
        if (dos.Count > 0)
        {
            body.Add(new BulletList(texts["round.alert.dos"], dos, Tone.Good));
        }

        if (donts.Count > 0)
        {
            body.Add(new BulletList(texts["round.alert.donts"], donts, Tone.Attention));
        }

        var title = texts[$"round.alert.title.{Key(alert.Kind)}"];
        return new CardView(CardKind.Alert, title, body, [DriftButton(round.AllianceId, texts)], texts.Format("round.alert.summary", title, round.AllianceName))
        {
            Subtitle = texts.Format("round.alert.subtitle", round.AllianceName, round.Number),
        };
    }

    /// <summary>The short "round closed" card: participation, the two anchors and the balance, each only when the anonymity rule allows.</summary>
    public static CardView Closed(ClosedRoundInfo round, DisclosedRound? disclosed, HealthReport report, int alertCount, int invited, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(report);
        var respondents = disclosed?.Respondents ?? 0;
        var total = Math.Max(invited, disclosed?.Invited ?? 0);
        var rate = total == 0 ? 0 : (double)respondents / total;
        var k = disclosed?.MinRespondents ?? 0;
        var hidden = texts.Format("round.closed.hidden", k);
        var facts = new List<Fact>
        {
            new(texts["round.closed.phase"], report.PhaseName),
            new(texts["round.closed.participation"], texts.Format("round.closed.participation.value", respondents, total, texts.Percent(rate))),
            new(texts["round.closed.calculative"], Score(disclosed?.Calculative, texts) ?? hidden),
            new(texts["round.closed.relational"], Score(disclosed?.Relational, texts) ?? hidden),
            new(texts["round.closed.balance"], disclosed?.Balance is { } balance ? Signed(balance, texts) : hidden),
        };
        var body = new List<Block>
        {
            new FactList(facts),
            new Paragraph(alertCount == 0 ? texts["round.closed.calm"] : texts.Format("round.closed.alerts", alertCount), alertCount == 0 ? Tone.Good : Tone.Warning),
        };
        var title = texts.Format("round.closed.title", round.Number, round.AllianceName);
        return new CardView(CardKind.RoundClosed, title, body, [DriftButton(round.AllianceId, texts), WhereAreWe(round.AllianceId, texts)],
            texts.Format("round.closed.summary", round.Number, round.AllianceName, respondents, total));
    }

    private static string Key(AlertKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static string? Score(DimensionScore? score, Texts texts) => score is null ? null : texts.Number(score.Mean, 2);

    private static string Signed(double value, Texts texts) => (value > 0 ? "+" : "") + texts.Number(value, 2);

    /// <summary>The drift card's intent button, scoped to this alliance so a manager of several alliances lands on the right one.</summary>
    public static SubmitAction DriftButton(Guid allianceId, Texts texts) => Scoped(IntentButtons.For(Intent.Drift, texts), allianceId);

    private static SubmitAction WhereAreWe(Guid allianceId, Texts texts) => Scoped(IntentButtons.For(Intent.WhereAreWe, texts), allianceId);

    private static SubmitAction Scoped(SubmitAction button, Guid allianceId) =>
        button with
        {
            Data = new Dictionary<string, string>(button.Data, StringComparer.Ordinal) { [AllianceScopes.AllianceKey] = allianceId.ToString() },
        };
}
