using System.Text.Json;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Dialogs.Tests.HealthCheck;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Dialogs.Tests.Privacy;

/// <summary>
/// An alliance of partners on a real database (SQLite or PostgreSQL), driven through the same use cases the bot's
/// commands run (answer, forget me, leave, join another partner, anonymity, close), and every view a member or a
/// manager can get of it: the health card, the drift card, the round-closed summary and alert cards, the chart data
/// (the evaluated rounds) and the CSV export.
/// </summary>
internal sealed class PrivacyWorld : IAsyncDisposable
{
    public const string Calculative = "calc.agreements.safeguarded";
    public const string Relational = "rel.intentions.anchor";

    private static readonly TextCatalog Catalog = TextCatalog.LoadEmbedded();
    private readonly TestDatabase test;
    private int slot;

    private PrivacyWorld(TestDatabase test, Seed seed, CreatedAlliance created)
    {
        this.test = test;
        Seed = seed;
        Created = created;
    }

    public Database Database => test.Database;

    public Seed Seed { get; }

    public CreatedAlliance Created { get; }

    public Guid AllianceId => Created.Alliance.Id;

    public Partner Partner(string name) => Created.Partners.Single(p => p.Name == name);

    public static async Task<PrivacyWorld> CreateAsync(string provider, params string[] partners)
    {
        var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var creator = await seed.PersonAsync("Creator");
        var created = await test.Database.CreateAllianceAsync(new NewAlliance("Acme-Globex", creator.Id, partners[0], partners), Seed.Now, CancellationToken.None);
        return new PrivacyWorld(test, seed, created);
    }

    public async Task<(Contact Contact, Member Member)> AddAsync(string partner, MemberRole role = MemberRole.Member)
    {
        var person = await Seed.PersonAsync();
        var member = await Database.AddMemberAsync(new NewMember(AllianceId, Partner(partner).Id, person.Id, role), Seed.Now, CancellationToken.None);
        return (person, member);
    }

    public async Task<Round> OpenAsync()
    {
        var number = ++slot;
        var opened = Seed.Now.AddMonths(number).AddHours(1);
        return (await Database.OpenRoundAsync(new NewRound(AllianceId, $"slot-{number}", RoundKind.Regular,
            $"[\"{Calculative}\",\"{Relational}\"]", opened, opened.AddDays(7)), CancellationToken.None)).Round;
    }

    public Task<RecordOutcome> AnswerAsync(Round round, Guid member, int calculative, int relational) =>
        Database.RecordAnswersAsync(round.Id, member, new Dictionary<string, int> { [Calculative] = calculative, [Relational] = relational },
            round.OpenedAt.AddHours(1), CancellationToken.None);

    public async Task CloseAsync(Round round)
    {
        var invited = (await Database.ListRoundMembersAsync(AllianceId, CancellationToken.None)).Count;
        await Database.SetInvitedCountAsync(round.Id, invited, CancellationToken.None);
        await Database.CloseRoundAsync(round.Id, "{}", round.ClosesAt, CancellationToken.None);
    }

    public Task<AllianceHealth?> HealthAsync() =>
        new HealthEvaluator(Database, Options.Create(TrustOptions.Default)).EvaluateAsync(AllianceId, Language.En, null, CancellationToken.None);

    /// <summary>Every view of the alliance as text: the disclosed rounds (chart data), the cards and the export.</summary>
    public async Task<string> EveryViewAsync()
    {
        var health = (await HealthAsync())!;
        var texts = Catalog.For(Language.En);
        var charts = new TestChartLinks();
        var views = new List<object>
        {
            health.Rounds.Select(r => r.Disclosed).ToList(),
            health.Report.Latest!,
            HealthCards.Build(health, texts, charts, isManager: false),
            HealthCards.Build(health, texts, charts, isManager: true),
            DriftCards.Build(health, texts, charts),
        };
        var latest = health.LatestRound!;
        var info = new ClosedRoundInfo(AllianceId, Created.Alliance.Name, latest.Round.Number);
        views.Add(RoundCards.Closed(info, health.Report.Latest, health.Report, health.Report.Notifications.Count(), latest.Round.InvitedCount, texts));
        views.AddRange(health.Report.Notifications.Select(a => (object)RoundCards.Alert(info, a, a.Text, health.Report, texts)));
        views.Add(await Database.ExportAggregatesCsvAsync(AllianceId, CancellationToken.None));
        return string.Join("\n", views.Select(v => v switch
        {
            string text => text,
            Views.CardView card => card.Title + "\n" + Alliances.People.Texts(card),
            _ => JsonSerializer.Serialize(v, v.GetType()),
        }));
    }

    public Task<IReadOnlyList<AggregateLine>> ExportAsync() => Database.ExportAggregatesAsync(AllianceId, CancellationToken.None);

    public ValueTask DisposeAsync() => test.DisposeAsync();
}
