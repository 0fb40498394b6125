using AllianceBot.Bot.Teams.Cards;
using AllianceBot.Data.Commitments;
using AllianceBot.Dialogs.Commitments;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>Issue 17: the commitment cards and an advice list with a "Commit" button per item, through Microsoft's parser.</summary>
public sealed class CommitmentCardValidationTests
{
    private static readonly Guid Alliance = Guid.Parse("6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f");

    [Fact]
    public async Task CommitmentCardsAndAdviceWithCommitButtonsPassTheValidatorInEveryLanguage()
    {
        var folder = Directory.CreateTempSubdirectory("commitment-cards-");
        try
        {
            var catalog = TextCatalog.LoadEmbedded();
            var now = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
            Commitment[] commitments =
            [
                new(Guid.NewGuid(), Alliance, 1, "p2.do.paper", Dimension.Calculative, Guid.NewGuid(), "Anna Smith", null, 3, 4, CommitmentStatus.Kept, now, now),
                new(Guid.NewGuid(), Alliance, 2, "p1.do.coffee", Dimension.Relational, null, null, null, 3, 4, CommitmentStatus.Missed, now, now),
                new(Guid.NewGuid(), Alliance, 3, "p2.do.figures", Dimension.Calculative, Guid.NewGuid(), "Bram de Vries", null, 4, 5, CommitmentStatus.Open, now, null),
            ];
            var count = 0;
            foreach (var language in Languages.Supported)
            {
                var texts = catalog.For(language);
                var progress = CommitmentCards.Progress(commitments, null, language);
                var advice = new BulletList("Do", ["1. Put the revenue split on paper.", "2. Agree on a few shared figures."], Tone.Good)
                {
                    ItemActions = [CommitmentCards.CommitButton(Alliance, "p2.do.paper", texts), CommitmentCards.CommitButton(Alliance, "p2.do.figures", texts)],
                };
                var views = new (string, CardView)[]
                {
                    ("list", CommitmentCards.List("Acme – Globex", Alliance, progress, texts, canCommit: true)),
                    ("made", CommitmentCards.Made(commitments[2], "Acme – Globex", texts)),
                    ("reminder", CommitmentCards.Reminder(commitments[2], "Acme – Globex", now.AddDays(7), TimeZoneInfo.Utc, texts)),
                    ("advice", new CardView(CardKind.HealthCheck, "Advice", [advice, .. CommitmentCards.Section(progress, texts, canCommit: true)], [], "Advice")),
                };
                foreach (var (name, view) in views)
                {
                    var card = AdaptiveCardRenderer.Render(view, texts.Culture);
                    var json = card.ToJsonString();
                    NoEnglishFallback.Assert(card, language);
                    Assert.DoesNotContain(Texts.MissingMarkerStart, json, StringComparison.Ordinal);
                    await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"{name}.{language.Code()}.json"), json);
                    count++;
                }
            }

            await MicrosoftCardParser.ValidateFolderAsync(folder, count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
