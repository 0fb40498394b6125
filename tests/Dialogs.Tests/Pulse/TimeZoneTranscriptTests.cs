using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.Tests.HealthCheck;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;
using static AllianceBot.Dialogs.Tests.Pulse.PulseTestHost;

namespace AllianceBot.Dialogs.Tests.Pulse;

/// <summary>
/// Issue 19: "pulse now" answered "Something went wrong on my side" on PostgreSQL for an alliance outside UTC. The
/// pulse and health-check transcripts on SQLite and PostgreSQL with a clock that reports its instants at an offset
/// (as a local clock does): half an hour east of UTC, and five hours west.
/// </summary>
public sealed class TimeZoneTranscriptTests
{
    private static readonly TranscriptUser Anna = TranscriptUser.Anna;
    private static readonly TranscriptUser Bram = TranscriptUser.Bram;

    public static TheoryData<string, int> Cases
    {
        get
        {
            var cases = new TheoryData<string, int>();
            foreach (var provider in TestDatabases.Providers)
            {
                cases.Add(provider, 330); // Asia/Kolkata
                cases.Add(provider, -300); // America/New_York in winter
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PulseNowAnsweringAndTheCloseWorkWhenTheClockIsNotInUtc(string provider, int offsetMinutes)
    {
        await using var host = await StartAsync(provider);
        var (alliance, members) = await host.AllianceAsync("Tz Test", Anna, Bram);
        host.Time.SetUtcNow(host.Time.GetUtcNow().ToOffset(TimeSpan.FromMinutes(offsetMinutes)));
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), host.Time.GetUtcNow().Offset);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal) { [Calculative] = "4", [Relational] = "5", [Rotating] = "3" };

        await host.Transcript(Anna)
            .Send("pulse now").ExpectCard(CardKind.Info, card =>
                Assert.Equal("Round 1 is open: 2 members will get the pulse in their personal chat now.", card.Body.OfType<Paragraph>().Single().Text))
            .As(Bram).Send("mijn pulse").ExpectCard(CardKind.Pulse) // Bram speaks Dutch
            .ClickButton("Verstuur mijn antwoorden", answers).ExpectReplacedCard(CardKind.ThankYou)
            .ClickButton("Mijn antwoorden wijzigen").ExpectReplacedCard(CardKind.Pulse)
            .Then(() => host.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1)))
            .ClickButton("Verstuur mijn antwoorden", new Dictionary<string, string>(answers) { [Calculative] = "2" }).ExpectReplacedCard(CardKind.ThankYou)
            .ClickButton("Mijn antwoorden wijzigen").ExpectReplacedCard(CardKind.Pulse)
            .Then(() => host.Time.Advance(TimeSpan.FromSeconds(1)))
            .ClickButton("Verstuur mijn antwoorden", new Dictionary<string, string>(answers) { [Calculative] = "1" }).ExpectReplacedCard(CardKind.Info, card =>
                Assert.Equal("Deze ronde is gesloten", card.Title))
            .RunAsync();

        var round = (await host.Database.GetOpenRoundAsync(alliance.Id, CancellationToken.None))!;
        Assert.Equal(TimeSpan.Zero, round.ClosesAt.Offset);
        Assert.Equal(round.OpenedAt.AddDays(7), round.ClosesAt);
        Assert.Equal(2, (await host.Database.GetMyAnswersAsync(round.Id, members[Bram], CancellationToken.None)).Answers[Calculative]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheHealthCheckReadsRoundsWrittenByAClockThatIsNotInUtc(string provider, int offsetMinutes)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        host.Time.SetUtcNow(host.Time.GetUtcNow().ToOffset(TimeSpan.FromMinutes(offsetMinutes)));
        var alliance = await host.CreateAllianceAsync(Anna, "Acme – Globex", "Acme", "Globex");
        await host.JoinAsync(alliance, "Globex", Bram, MemberRole.Manager);
        var people = (await host.PeopleAsync(alliance, "Acme", 5)).Concat(await host.PeopleAsync(alliance, "Globex", 5)).ToList();
        for (var monthsAgo = 4; monthsAgo >= 1; monthsAgo--)
        {
            await host.ClosedRoundAsync(alliance, monthsAgo, people.Select((m, i) => (m, 3 + (i % 2), 4 + (i % 2))));
        }

        await host.Transcript(Bram).Send("where are we?").ExpectCard(CardKind.HealthCheck, card =>
        {
            Assert.Contains(alliance.Alliance.Name, card.Subtitle, StringComparison.Ordinal);
            var trend = card.Body.OfType<LineChartBlock>().Single();
            Assert.Equal(4, trend.XLabels.Count);
        }).RunAsync();
    }
}
