using AllianceBot.Data.Commitments;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Commitments;

/// <summary>What the health and advice cards add for commitments: the per-item "Commit" buttons (when the reader may) and the section.</summary>
public sealed record CommitmentsOnCard(bool CanCommit, IReadOnlyList<Block> Section);

/// <summary>One commitment as a view shows it: what was promised, by whom, its state, and how its dimension moved.</summary>
public sealed record CommitmentProgress(Commitment Commitment, string Text, int? FromRound, int? ToRound, double? Movement);

/// <summary>
/// The commitment views (docs/commitments.md): the list (also a section of the health check), the confirmation after
/// "commit N" and "done N", and the owner's reminder. A commitment names its owner — it is a promise, not a survey
/// answer — and is shown beside the alliance-level movement of the dimension it targets, taken from the same
/// anonymity-filtered rounds as the health check (a hidden round is "not measured", never a number).
/// </summary>
public static class CommitmentCards
{
    public const string CommitVerb = "commitment.make";
    public const string DoneVerb = "commitment.done";
    public const string AdviceKey = "advice";
    public const string NumberKey = "number";

    /// <summary>"Commit" on an advice item: carries the alliance and the advice id (not its number, which can move).</summary>
    public static SubmitAction CommitButton(Guid allianceId, string adviceId, Texts texts) => new(
        texts["commitments.button.commit"],
        CommitVerb,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AllianceScopes.AllianceKey] = allianceId.ToString(),
            [AdviceKey] = adviceId,
            [DialogVerbs.LanguageKey] = texts.Language.Code(),
        });

    public static SubmitAction DoneButton(Guid allianceId, int number, Texts texts) => new(
        texts.Format("commitments.button.done", number),
        DoneVerb,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AllianceScopes.AllianceKey] = allianceId.ToString(),
            [NumberKey] = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [DialogVerbs.LanguageKey] = texts.Language.Code(),
        },
        ActionStyle.Positive);

    /// <summary>Each commitment with its advice text in the reader's language and its dimension's movement.</summary>
    public static IReadOnlyList<CommitmentProgress> Progress(IReadOnlyList<Commitment> commitments, AllianceHealth? health, Language language)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        return [.. commitments.Select(c => Measure(c, health, language))];
    }

    private static CommitmentProgress Measure(Commitment commitment, AllianceHealth? health, Language language)
    {
        var text = AdviceCatalog.Default.Find(commitment.AdviceId)?.Text.In(language) ?? commitment.AdviceId;
        var rounds = health?.Rounds ?? [];

        // From the round it was made after, to its due round once that closed (else the newest closed round).
        var from = rounds.FirstOrDefault(r => r.Round.Number == commitment.BaseRound);
        var to = rounds.LastOrDefault(r => r.Round.Number <= commitment.DueRound);
        if (from is null || to is null || to.Round.Number <= from.Round.Number
            || Level(from, commitment.Dimension) is not { } start || Level(to, commitment.Dimension) is not { } end)
        {
            return new CommitmentProgress(commitment, text, null, null, null);
        }

        return new CommitmentProgress(commitment, text, from.Round.Number, to.Round.Number, end - start);
    }

    private static double? Level(EvaluatedRound round, Dimension dimension) =>
        dimension == Dimension.Calculative ? round.Disclosed.Calculative?.Mean : round.Disclosed.Relational?.Mean;

    /// <summary>The commitments section of the health check: counts, then one line per commitment (newest open first).</summary>
    public static IReadOnlyList<Block> Section(IReadOnlyList<CommitmentProgress> progress, Texts texts, bool canCommit)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(texts);
        var blocks = new List<Block> { new Divider(), new Heading(texts["commitments.section.title"]) };
        if (progress.Count == 0)
        {
            blocks.Add(new Paragraph(texts[canCommit ? "commitments.none.cancommit" : "commitments.none"], Tone.Subtle));
            return blocks;
        }

        blocks.Add(new Paragraph(Counts(progress, texts)));
        blocks.AddRange(Lists(progress, texts));
        return blocks;
    }

    /// <summary>The answer to "commitments": the same list as the health check's section, with Done buttons for open ones.</summary>
    public static CardView List(string allianceName, Guid allianceId, IReadOnlyList<CommitmentProgress> progress, Texts texts, bool canCommit)
    {
        var body = new List<Block>();
        if (progress.Count == 0)
        {
            body.Add(new Paragraph(texts[canCommit ? "commitments.none.cancommit" : "commitments.none"]));
        }
        else
        {
            body.Add(new Paragraph(Counts(progress, texts)));
            body.AddRange(Lists(progress, texts));
        }

        body.Add(new Paragraph(texts["commitments.list.note"], Tone.Subtle));
        var actions = new List<ViewAction> { IntentButtons.For(Intent.WhatMovesUsRight, texts), IntentButtons.For(Intent.WhereAreWe, texts) };
        return new CardView(CardKind.Info, texts["commitments.list.title"], body, actions,
            texts.Format("commitments.list.summary", allianceName, Count(progress, CommitmentStatus.Kept), Count(progress, CommitmentStatus.Missed),
                Count(progress, CommitmentStatus.Open)))
        {
            Subtitle = allianceName,
        };
    }

    /// <summary>The confirmation after "commit N": what, who, by when, and which dimension it targets.</summary>
    public static CardView Made(Commitment commitment, string allianceName, Texts texts)
    {
        var text = AdviceCatalog.Default.Find(commitment.AdviceId)?.Text.In(texts.Language) ?? commitment.AdviceId;
        return new CardView(CardKind.Info, texts.Format("commitments.made.title", commitment.Number),
            [
                new Paragraph(text),
                new FactList(
                [
                    new Fact(texts["commitments.fact.owner"], Owner(commitment, texts)),
                    new Fact(texts["commitments.fact.due"], texts.Format("commitments.due", commitment.DueRound)),
                    new Fact(texts["commitments.fact.targets"], DimensionName(commitment.Dimension, texts)),
                ]),
                new Paragraph(texts.Format("commitments.made.next", commitment.Number), Tone.Subtle),
            ],
            [DoneButton(commitment.AllianceId, commitment.Number, texts), IntentButtons.For(Intent.Commitments, texts)],
            texts.Format("commitments.made.summary", commitment.Number, allianceName))
        {
            Subtitle = allianceName,
        };
    }

    /// <summary>The owner's reminder, sent with the due round's pulse (docs/commitments.md, "Reminder").</summary>
    public static CardView Reminder(Commitment commitment, string allianceName, DateTimeOffset closesAt, TimeZoneInfo zone, Texts texts)
    {
        var text = AdviceCatalog.Default.Find(commitment.AdviceId)?.Text.In(texts.Language) ?? commitment.AdviceId;
        return new CardView(CardKind.Info, texts["commitments.reminder.title"],
            [
                new Paragraph(text),
                new Paragraph(texts.Format("commitments.reminder.body", commitment.Number, commitment.DueRound, texts.DateTime(closesAt, zone))),
            ],
            [DoneButton(commitment.AllianceId, commitment.Number, texts), IntentButtons.For(Intent.Commitments, texts)],
            texts.Format("commitments.reminder.summary", commitment.Number, commitment.DueRound))
        {
            Subtitle = allianceName,
        };
    }

    public static string Owner(Commitment commitment, Texts texts) =>
        commitment.OwnerMemberId is null || string.IsNullOrWhiteSpace(commitment.OwnerName) ? texts["commitments.owner.former"] : commitment.OwnerName;

    public static string DimensionName(Dimension dimension, Texts texts) =>
        texts[dimension == Dimension.Calculative ? "commitments.dimension.calculative" : "commitments.dimension.relational"];

    private static string Counts(IReadOnlyList<CommitmentProgress> progress, Texts texts) =>
        texts.Format("commitments.counts", Count(progress, CommitmentStatus.Kept), Count(progress, CommitmentStatus.Missed), Count(progress, CommitmentStatus.Open));

    private static int Count(IReadOnlyList<CommitmentProgress> progress, CommitmentStatus status) => progress.Count(p => p.Commitment.Status == status);

    // Open first (what still needs doing), then kept and missed; each list newest first within its kind.
    private static IEnumerable<Block> Lists(IReadOnlyList<CommitmentProgress> progress, Texts texts)
    {
        foreach (var (status, tone) in new[] { (CommitmentStatus.Open, Tone.Accent), (CommitmentStatus.Kept, Tone.Good), (CommitmentStatus.Missed, Tone.Attention) })
        {
            var lines = progress.Where(p => p.Commitment.Status == status).OrderByDescending(p => p.Commitment.Number).ToList();
            if (lines.Count > 0)
            {
                yield return new BulletList(texts[$"commitments.status.{status.ToString().ToLowerInvariant()}.title"], [.. lines.Select(l => Line(l, texts))], tone);
            }
        }
    }

    private static string Line(CommitmentProgress progress, Texts texts)
    {
        var c = progress.Commitment;
        var state = c.Status switch
        {
            CommitmentStatus.Open => texts.Format("commitments.state.open", c.DueRound),
            CommitmentStatus.Kept => texts["commitments.state.kept"],
            _ => texts.Format("commitments.state.missed", c.DueRound),
        };
        var movement = progress.Movement is { } delta
            ? texts.Format("commitments.movement", DimensionName(c.Dimension, texts), CardText.Signed(texts, delta), progress.FromRound!.Value, progress.ToRound!.Value)
            : texts.Format("commitments.movement.none", DimensionName(c.Dimension, texts));
        return texts.Format("commitments.line", c.Number, progress.Text, Owner(c, texts), state, movement);
    }
}
