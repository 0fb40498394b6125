using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.HealthCheck;

/// <summary>
/// Issue 13: after the calculative anchor changed, the health card must not join rounds that asked the retired anchor
/// to later ones, and must say from which round the line starts again.
/// </summary>
public sealed class AnchorRestartCardTests
{
    [Theory]
    [InlineData("en", "The calculative trust question changed with round 3: its line starts again there")]
    [InlineData("nl", "De vraag over calculatief vertrouwen is veranderd met ronde 3: de lijn begint daar opnieuw")]
    [InlineData("de", "Die Frage für kalkülbasiertes Vertrauen wurde mit Runde 3 geändert: Ihre Linie beginnt dort neu")]
    public async Task TheTrendDrawsNoOldAnchorPointsAndSaysWhereTheLineRestarts(string language, string note)
    {
        await using var host = await HealthTestHost.StartAsync();
        var alliance = await host.CreateAllianceAsync(TranscriptUser.Anna, "Acme – Globex", "Acme", "Globex");
        await host.JoinAsync(alliance, "Globex", TranscriptUser.Bram, MemberRole.Manager);
        var people = (await host.PeopleAsync(alliance, "Acme", 5)).Concat(await host.PeopleAsync(alliance, "Globex", 5)).ToList();
        for (var monthsAgo = 4; monthsAgo >= 3; monthsAgo--)
            await host.ClosedRoundAsync(alliance, monthsAgo, people.Select((m, i) => (m, 5, 4 + (i % 2))), calculativeItem: "calc.agreements.anchor");
        for (var monthsAgo = 2; monthsAgo >= 1; monthsAgo--)
            await host.ClosedRoundAsync(alliance, monthsAgo, people.Select((m, i) => (m, 3 + (i % 2), 4 + (i % 2))));

        var user = language == "nl" ? TranscriptUser.Bram : TranscriptUser.Anna;
        var question = language switch { "nl" => "waar staan we?", "de" => "wo stehen wir?", _ => "where are we?" };
        await host.Transcript(user).Send(question).ExpectCard(CardKind.HealthCheck, card =>
        {
            var chart = card.Body.OfType<LineChartBlock>().Single();
            Assert.Equal([null, null, 3.5, 3.5], chart.Series[0].Values);
            Assert.All(chart.Series[1].Values, v => Assert.NotNull(v));
            Assert.Contains(card.Body.OfType<Paragraph>(), p => p.Text.StartsWith(note, StringComparison.Ordinal));
        }).RunAsync();
    }
}
