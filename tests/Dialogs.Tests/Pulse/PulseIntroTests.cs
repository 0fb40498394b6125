using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Pulse;

/// <summary>Issue 17: a full round's card said "under 30 seconds" above sixteen questions; the intro now states the real size and time.</summary>
public sealed class PulseIntroTests
{
    [Theory]
    [InlineData("en", 18, "18 statements", "It takes about 3 minutes", "18 statements, about 3 minutes")]
    [InlineData("nl", 18, "18 stellingen", "Het kost ongeveer 3 minuten", "18 stellingen, ongeveer 3 minuten")]
    [InlineData("en", 3, "3 statements", "It takes under a minute", "3 statements, under a minute")]
    [InlineData("nl", 3, "3 stellingen", "Het kost minder dan een minuut", "3 stellingen, minder dan een minuut")]
    [InlineData("de", 18, "18 Aussagen", "Das dauert etwa 3 Minuten", "18 Aussagen, etwa 3 Minuten")]
    [InlineData("de", 3, "3 Aussagen", "Das dauert weniger als eine Minute", "3 Aussagen, weniger als eine Minute")]
    public void TheIntroStatesTheRealNumberOfStatementsAndAnHonestTime(string language, int count, string size, string time, string summary)
    {
        var texts = TextCatalog.LoadEmbedded().For(Language.Of(language));
        var bank = ItemBank.Default;
        var items = count == bank.Items.Count
            ? bank.Items.Select(i => i.Id).ToList()
            : RoundComposer.Compose(bank, new RoundRequest(7, 0, [], Full: false), new RoundOptions()).Items.Select(i => i.Id).ToList();
        Assert.Equal(count, items.Count);
        var round = new PulseRound(Guid.NewGuid(), "Dell–Getronics", Guid.NewGuid(), 4, items, DateTimeOffset.UnixEpoch.AddYears(56), TimeZoneInfo.Utc);

        var card = PulseCards.Pulse(round, texts, bank);

        var intro = card.Body.OfType<Paragraph>().Single(p => p.Text.Contains(size, StringComparison.Ordinal));
        Assert.Contains(time, intro.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("30", intro.Text, StringComparison.Ordinal);
        Assert.Contains(summary, card.Summary, StringComparison.Ordinal);
        Assert.Equal(count, card.Body.OfType<ChoiceInput>().Count());
    }
}
