using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Report;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Trust;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Dialogs.Tests.HealthCheck;

/// <summary>Chart links as the host would build them, minus the signature (the host's tests check signing).</summary>
internal sealed class TestChartLinks : IHealthChartLinks
{
    public string Nav(Guid allianceId, Guid roundId, Language language) => $"https://bot.test/charts/{allianceId}/{roundId}/nav.{language.Code()}.png";

    public string Model(Language language) => $"https://bot.test/charts/model/model/nav.{language.Code()}.png";

    public string Trend(Guid allianceId, Guid roundId, Language language) => $"https://bot.test/charts/{allianceId}/{roundId}/trend.{language.Code()}.png";
}

/// <summary>Report links as the host would build them, minus the signature (Bot.Tests check signing).</summary>
internal sealed class TestReportLinks(TimeProvider time) : IReportLinks
{
    public ReportLink For(Guid allianceId, Language language) =>
        new($"https://bot.test/report/{allianceId:D}/{language.Code()}", time.GetUtcNow().AddDays(7));
}

/// <summary>
/// The real dialogs (health check, drift, demo) over a real database (SQLite, or PostgreSQL), migrated with the
/// production scripts, plus helpers that write alliances and rounds through the Data use cases.
/// </summary>
internal sealed class HealthTestHost : IAsyncDisposable
{
    private readonly TestDatabases storage;
    private readonly DialogTestHost host;

    private HealthTestHost(TestDatabases storage, IDictionary<string, string?> settings)
    {
        this.storage = storage;
        var database = storage.Database;
        Database = database;
        Contacts = new ContactStore(database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        host = new DialogTestHost(s => s
            .AddSingleton(database)
            .AddSingleton<IContactStore>(Contacts)
            .AddSingleton<AllianceScopes>()
            .AddSingleton<IHealthChartLinks, TestChartLinks>()
            .AddSingleton<IReportLinks, TestReportLinks>()
            .AddReportDialog()
            .AddDialog<AllianceBot.Dialogs.Members.MemberSelfServiceDialog>()
            .AddHealthCheck(configuration));
    }

    public Database Database { get; }

    public ContactStore Contacts { get; }

    public DateTimeOffset Now => host.Time.GetUtcNow();

    public IServiceProvider Services => host.Services;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => host.Time;

    public static async Task<HealthTestHost> StartAsync(IDictionary<string, string?>? settings = null, string provider = "sqlite") =>
        new(await TestDatabases.CreateAsync(provider, "health-dialogs-"), settings ?? new Dictionary<string, string?>());

    public Transcript Transcript(TranscriptUser? user = null) => host.Transcript(user);

    public async Task<Contact> ContactAsync(TranscriptUser user) =>
        await Contacts.RecordSightingAsync(new ContactSighting(user.Conversation, user.DisplayName, user.Locale, user.TimeZone, Now.AddYears(-2)), CancellationToken.None);

    /// <summary>An alliance created two years ago by <paramref name="manager"/> (a manager of the first partner).</summary>
    public async Task<CreatedAlliance> CreateAllianceAsync(TranscriptUser manager, string name, params string[] partners)
    {
        var contact = await ContactAsync(manager);
        return await Database.CreateAllianceAsync(new NewAlliance(name, contact.Id, partners[0], partners.Skip(1).ToList()), Now.AddYears(-2), CancellationToken.None);
    }

    public async Task<Member> JoinAsync(CreatedAlliance alliance, string partner, TranscriptUser user, MemberRole role = MemberRole.Member)
    {
        var contact = await ContactAsync(user);
        return await Database.AddMemberAsync(new NewMember(alliance.Alliance.Id, PartnerId(alliance, partner), contact.Id, role), Now.AddYears(-2), CancellationToken.None);
    }

    /// <summary><paramref name="count"/> simulated people of a partner (never reachable), for answering rounds.</summary>
    public async Task<IReadOnlyList<Member>> PeopleAsync(CreatedAlliance alliance, string partner, int count)
    {
        var people = new List<Member>();
        for (var i = 0; i < count; i++)
        {
            var identity = new MemberIdentity(MemberIdentity.Teams, "tests-simulated", $"{alliance.Alliance.Id:N}-{partner}-{i}");
            var contact = await Contacts.RecordSightingAsync(new ContactSighting(
                new ConversationReference(identity.Channel, identity.TenantId, identity.UserId, null, null, null), $"{partner} {i}", null, null, Now.AddYears(-2)), CancellationToken.None);
            people.Add(await Database.AddMemberAsync(new NewMember(alliance.Alliance.Id, PartnerId(alliance, partner), contact.Id), Now.AddYears(-2), CancellationToken.None));
        }

        return people;
    }

    /// <summary>A monthly round opened <paramref name="monthsAgo"/> months ago, answered on both anchors, then closed.</summary>
    public async Task<Round> ClosedRoundAsync(CreatedAlliance alliance, int monthsAgo, IEnumerable<(Member Member, int Calculative, int Relational)> answers, bool close = true,
        string calculativeItem = "calc.agreements.safeguarded")
    {
        var opened = Now.AddMonths(-monthsAgo);
        var round = (await Database.OpenRoundAsync(new NewRound(alliance.Alliance.Id, $"{opened:yyyy-MM}", RoundKind.Regular,
            $$"""["{{calculativeItem}}","rel.intentions.anchor"]""", opened, opened.AddDays(7)), CancellationToken.None)).Round;
        var list = answers.ToList();
        await Database.SetInvitedCountAsync(round.Id, list.Count, CancellationToken.None);
        foreach (var (member, calculative, relational) in list)
        {
            await Database.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [calculativeItem] = calculative,
                ["rel.intentions.anchor"] = relational,
            }, opened.AddHours(2), CancellationToken.None);
        }

        if (close)
        {
            await Database.CloseRoundAsync(round.Id, "{}", opened.AddDays(7), CancellationToken.None);
        }

        return round;
    }

    public async Task<int> DemoCountAsync(TranscriptUser user) =>
        (await Database.ListMyAlliancesAsync(user.Identity, CancellationToken.None)).Count(a => a.IsDemo);

    private static Guid PartnerId(CreatedAlliance alliance, string partner) =>
        alliance.Partners.Single(p => string.Equals(p.Name, partner, StringComparison.Ordinal)).Id;

    public async ValueTask DisposeAsync()
    {
        host.Dispose();
        await storage.DisposeAsync();
    }
}
