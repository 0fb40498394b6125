using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;
using AllianceBot.Trust;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Scheduling.Tests.Lifecycle;

/// <summary>A person in a lifecycle test: their channel identity, language and time zone.</summary>
internal sealed record Person(string UserId, string? Locale, string? TimeZone, string Partner, MemberRole Role = MemberRole.Member);

/// <summary>An outbox row as the dispatcher would see it.</summary>
internal sealed record Sent(string Kind, Guid? MemberId, DateTimeOffset NotBefore, CardView Card, string? Key);

/// <summary>
/// The real round lifecycle over a real, migrated SQLite database in a temporary folder, the real outbox store and
/// text catalog, and a fake clock.
/// </summary>
internal sealed class LifecycleFixture : IAsyncDisposable
{
    private readonly DirectoryInfo folder;

    private LifecycleFixture(DirectoryInfo folder, Database database, string file, TrustOptions? trust = null, PulseOptions? pulse = null)
    {
        this.folder = folder;
        Database = database;
        File = file;
        Contacts = new ContactStore(database);
        Outbox = new OutboxStore(database);
        Trust = Options.Create(trust ?? TrustOptions.Default);
        Evaluator = new CountingEvaluator(new HealthEvaluator(database, Trust));
        Lifecycle = new RoundLifecycle(database, Outbox, TextCatalog.LoadEmbedded(), Evaluator, Trust, Options.Create(Timing), Options.Create(pulse ?? new PulseOptions()),
            Time, NullLogger<RoundLifecycle>.Instance);
    }

    /// <summary>Monday 2 March 2026, 08:00 UTC: the first Tuesday of March is the next day.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    public RoundTimingOptions Timing { get; } = new();

    public Database Database { get; }

    public string File { get; }

    public ContactStore Contacts { get; }

    public OutboxStore Outbox { get; }

    public IOptions<TrustOptions> Trust { get; }

    /// <summary>The real evaluator, counting how often a round's close was assessed.</summary>
    public CountingEvaluator Evaluator { get; }

    public RoundLifecycle Lifecycle { get; }

    public static async Task<LifecycleFixture> StartAsync(TrustOptions? trust = null, PulseOptions? pulse = null)
    {
        var folder = Directory.CreateTempSubdirectory("alliancebot-lifecycle-");
        var file = Path.Combine(folder.FullName, "alliancebot.db");
        var database = new Database(StorageProvider.Sqlite, $"Data Source={file}");
        var migrated = await Migrator.MigrateAsync(database, null, CancellationToken.None);
        Assert.True(migrated.Successful, migrated.Error);
        return new LifecycleFixture(folder, database, file, trust, pulse);
    }

    /// <summary>An alliance created a year ago; the first person is its creator (a manager of the first partner).</summary>
    public async Task<(Alliance Alliance, IReadOnlyDictionary<string, Guid> Members)> AllianceAsync(string name, params Person[] people)
    {
        var created = DateTimeOffset.Parse("2025-03-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var partners = people.Select(p => p.Partner).Distinct(StringComparer.Ordinal).ToList();
        var creator = await ContactAsync(people[0], created);
        var alliance = await Database.CreateAllianceAsync(new NewAlliance(name, creator.Id, people[0].Partner, partners.Skip(1).ToList(), Locale: "en"), created, CancellationToken.None);
        var members = new Dictionary<string, Guid>(StringComparer.Ordinal) { [people[0].UserId] = alliance.Creator.Id };
        foreach (var person in people.Skip(1))
        {
            var contact = await ContactAsync(person, created);
            var partner = alliance.Partners.Single(p => string.Equals(p.Name, person.Partner, StringComparison.Ordinal));
            members[person.UserId] = (await Database.AddMemberAsync(new NewMember(alliance.Alliance.Id, partner.Id, contact.Id, person.Role), created, CancellationToken.None)).Id;
        }

        return (alliance.Alliance, members);
    }

    public static Person[] People(int count, string partner, string prefix) =>
        [.. Enumerable.Range(1, count).Select(i => new Person($"29:{prefix}{i}", "en-GB", "Europe/Amsterdam", partner))];

    /// <summary>The alliance's next scheduled opening (first Tuesday 10:00 Amsterdam) as the Quartz job would hand it over.</summary>
    public RoundOpening Scheduled(Guid allianceId, DateTimeOffset? at = null, bool manual = false)
    {
        var schedule = PulseSchedule.Default;
        var occurrence = at ?? schedule.NextAfter(Time.GetUtcNow());
        return new RoundOpening(allianceId, occurrence, occurrence, schedule, RoundTimeline.Plan(occurrence, schedule.Zone, Timing), manual);
    }

    /// <summary>Every outbox row, oldest first, read straight from the table.</summary>
    public async Task<IReadOnlyList<Sent>> OutboxAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={File}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, member_id, next_attempt_at, payload, deduplication_key FROM outbox ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Sent>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Sent(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : Guid.Parse(reader.GetString(1)),
                DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture),
                Assert.IsType<CardView>(OutboxJson.ReadView(reader.GetString(3))),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }

    private Task<Contact> ContactAsync(Person person, DateTimeOffset at) =>
        Contacts.RecordSightingAsync(new ContactSighting(
            new ConversationReference(MemberIdentity.Teams, "tenant-" + person.Partner, person.UserId, "https://smba.trafficmanager.net/emea/", null, "28:bot", "AllianceBot"),
            person.UserId, person.Locale, person.TimeZone, at), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
