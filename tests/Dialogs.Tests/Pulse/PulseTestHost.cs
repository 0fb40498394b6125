using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Dialogs.Tests.Pulse;

/// <summary>
/// Stands in for the round slice behind "pulse now", so the dialog's tests choose the round's items: it opens a round
/// directly in the real database, once, like the real control does; the real control is tested in RoundControlTests,
/// the lifecycle in Scheduling.Tests.
/// </summary>
internal sealed class DatabaseRoundControl(Database database, TimeProvider time) : IRoundControl
{
    public int Calls { get; private set; }

    public async Task<RoundStart> OpenNowAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        Calls++;
        if (await database.GetOpenRoundAsync(allianceId, cancellationToken) is { } open)
        {
            return new RoundStart(false, open.Id, true, null);
        }

        var now = time.GetUtcNow();
        var round = (await database.OpenRoundAsync(new NewRound(allianceId, $"now:{now:O}", RoundKind.Regular, PulseTestHost.ItemsJson, now, now.AddDays(7)), cancellationToken)).Round;
        var members = await database.ListRoundMembersAsync(allianceId, cancellationToken);
        await database.SetInvitedCountAsync(round.Id, members.Count, cancellationToken);
        return new RoundStart(true, round.Id, false, null);
    }

    public Task<ScheduleChange> ChangeScheduleAsync(Guid allianceId, string scheduleText, CancellationToken cancellationToken) =>
        Task.FromResult(new ScheduleChange(false, null, "not part of these tests"));

    public Task<DateTimeOffset?> ScheduleAsync(Guid allianceId, CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

    public Task UnscheduleAsync(Guid allianceId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The real pulse dialog with the real dialog storage over a migrated database (SQLite, or PostgreSQL).</summary>
internal sealed class PulseTestHost : IAsyncDisposable
{
    public const string Calculative = "calc.agreements.safeguarded";
    public const string Relational = "rel.intentions.anchor";
    public const string Rotating = "rel.promises.kept";
    public const string ItemsJson = """["calc.agreements.safeguarded","rel.intentions.anchor","rel.promises.kept"]""";

    private readonly TestDatabases storage;
    private readonly DialogTestHost host;

    private PulseTestHost(TestDatabases storage)
    {
        this.storage = storage;
        var database = storage.Database;
        Database = database;
        Contacts = new ContactStore(database);
        host = new DialogTestHost(s => s
            .AddSingleton(database)
            .AddSingleton<IContactStore>(Contacts)
            .AddDialogStorage()
            .AddSingleton<IRoundControl>(sp => new DatabaseRoundControl(database, sp.GetRequiredService<TimeProvider>()))
            .AddPulse());
    }

    public Database Database { get; }

    public ContactStore Contacts { get; }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => host.Time;

    public DatabaseRoundControl Control => (DatabaseRoundControl)host.Services.GetRequiredService<IRoundControl>();

    public static async Task<PulseTestHost> StartAsync(string provider = "sqlite") =>
        new(await TestDatabases.CreateAsync(provider, "pulse-dialogs-"));

    public Transcript Transcript(TranscriptUser? user = null) => host.Transcript(user);

    public async Task<Contact> ContactAsync(TranscriptUser user) =>
        await Contacts.RecordSightingAsync(new ContactSighting(user.Conversation, user.DisplayName, user.Locale, user.TimeZone, Time.GetUtcNow().AddDays(-30)), CancellationToken.None);

    /// <summary>An alliance with <paramref name="manager"/> as its creator (partner "Cisco") and the others as members of "KPN".</summary>
    public async Task<(Alliance Alliance, Dictionary<TranscriptUser, Guid> Members)> AllianceAsync(string name, TranscriptUser manager, params TranscriptUser[] others)
    {
        var creator = await ContactAsync(manager);
        var created = await Database.CreateAllianceAsync(new NewAlliance(name, creator.Id, "Cisco", ["KPN"]), Time.GetUtcNow().AddDays(-30), CancellationToken.None);
        var members = new Dictionary<TranscriptUser, Guid> { [manager] = created.Creator.Id };
        foreach (var other in others)
        {
            var contact = await ContactAsync(other);
            members[other] = (await Database.AddMemberAsync(new NewMember(created.Alliance.Id, created.Partners[1].Id, contact.Id), Time.GetUtcNow().AddDays(-30), CancellationToken.None)).Id;
        }

        return (created.Alliance, members);
    }

    /// <summary>An open round (anchors plus one rotating item) opened an hour ago, closing in a week.</summary>
    public async Task<Round> OpenRoundAsync(Guid allianceId, string slot = "at:2026-03-02")
    {
        var opened = Time.GetUtcNow().AddHours(-1);
        var round = (await Database.OpenRoundAsync(new NewRound(allianceId, slot, RoundKind.Regular, ItemsJson, opened, opened.AddDays(7)), CancellationToken.None)).Round;
        await Database.SetInvitedCountAsync(round.Id, 3, CancellationToken.None);
        return round;
    }

    public static Dictionary<string, string> Card(Guid allianceId, Guid roundId, int calculative, int relational, int rotating, string? comment = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alliance"] = allianceId.ToString(),
            ["round"] = roundId.ToString(),
            [Calculative] = calculative.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [Relational] = relational.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [Rotating] = rotating.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (comment is not null)
        {
            values["comment"] = comment;
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        host.Dispose();
        await storage.DisposeAsync();
    }
}
