using AllianceBot.ConnectorStandIn;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using Dapper;
using Npgsql;

namespace AllianceBot.Inbound;

/// <summary>One benchmark member: where they are, and the conversation the stand-in knows for them.</summary>
internal sealed record BenchMember(int Index, Guid MemberId, string Tenant, string UserId, string ConversationId);

/// <summary>
/// A fresh, migrated database (SQLite in a temporary folder, or a new database on a PostgreSQL server) with one alliance
/// of two partners, <c>members</c> members spread over two tenants, and an open round of three statements. The alliance,
/// its partners and the round are made with the Data layer's use cases; members and contacts are inserted in one
/// transaction (20,000 use-case calls would take minutes and measure nothing of interest).
/// </summary>
internal sealed class Seed : IAsyncDisposable
{
    public static readonly string[] Items = ["calc.agreements.anchor", "rel.intentions.anchor", "calc.competence.deliver"];

    private readonly Func<Task> drop;

    private Seed(Database database, StorageSettings settings, Func<Task> drop)
    {
        Database = database;
        Settings = settings;
        this.drop = drop;
    }

    public Database Database { get; }

    /// <summary>The bot's Storage settings (environment variables) for this database.</summary>
    public StorageSettings Settings { get; }

    public Guid AllianceId { get; private set; }

    public Guid RoundId { get; private set; }

    public IReadOnlyList<BenchMember> Members { get; private set; } = [];

    public static async Task<Seed> CreateAsync(string store, string? postgres)
    {
        var seed = store switch
        {
            "sqlite" => Sqlite(),
            "postgres" => await PostgresAsync(postgres ?? Environment.GetEnvironmentVariable("ALLIANCEBOT_BENCH_POSTGRES")
                ?? throw new ArgumentException("--store postgres needs --postgres <connection string> or ALLIANCEBOT_BENCH_POSTGRES")),
            _ => throw new ArgumentException("--store must be sqlite or postgres"),
        };
        var migrated = await Migrator.MigrateAsync(seed.Database, null, CancellationToken.None);
        return migrated.Successful ? seed : throw new InvalidOperationException($"migration failed: {migrated.Error}");
    }

    public async Task PrepareAsync(int members, ConnectorStandInServer standIn, string roundItemsJson)
    {
        var none = CancellationToken.None;
        var now = DateTimeOffset.UtcNow;
        var contacts = new ContactStore(Database);
        var manager = await contacts.RecordSightingAsync(new ContactSighting(
            new ConversationReference(MemberIdentity.Teams, "tenant-0", "29:manager", standIn.BaseUrl.ToString(), standIn.State.CreateConversation("tenant-0", "29:manager"), "28:alliancebot", "AllianceBot"),
            "Manager", "en-US", "Europe/Amsterdam", now), none);
        var alliance = await Database.CreateAllianceAsync(new NewAlliance("Acme × Globex", manager.Id, "Acme", ["Globex"]), now, none);
        AllianceId = alliance.Alliance.Id;
        var round = (await Database.OpenRoundAsync(new NewRound(AllianceId, "bench", RoundKind.Regular, roundItemsJson, now.AddMinutes(-1), now.AddDays(7)), none)).Round;
        RoundId = round.Id;

        var list = new List<BenchMember>(members);
        var contactRows = new List<object>(members);
        var memberRows = new List<object>(members);
        for (var i = 0; i < members; i++)
        {
            var tenant = $"tenant-{i % 2}";
            var user = $"29:member-{i:D6}";
            var contactId = Guid.NewGuid();
            var member = new BenchMember(i, Guid.NewGuid(), tenant, user, standIn.State.CreateConversation(tenant, user));
            list.Add(member);
            contactRows.Add(new
            {
                Id = contactId, Channel = MemberIdentity.Teams, TenantId = tenant, UserId = user, ServiceUrl = standIn.BaseUrl.ToString(),
                ConversationId = member.ConversationId, BotId = "28:alliancebot", DisplayName = $"Member {i}", Locale = "en-US", Reachable = true, Now = now,
            });
            memberRows.Add(new { Id = member.MemberId, AllianceId, PartnerId = alliance.Partners[i % 2].Id, ContactId = contactId, Role = "member", Reminders = true, Now = now });
        }

        await using var connection = await Database.OpenAsync(none);
        await using var transaction = await connection.BeginTransactionAsync(none);
        await connection.ExecuteAsync("""
            INSERT INTO contacts (id, channel, tenant_id, user_id, service_url, conversation_id, bot_id, display_name, locale, reachable, last_seen_at)
            VALUES (@Id, @Channel, @TenantId, @UserId, @ServiceUrl, @ConversationId, @BotId, @DisplayName, @Locale, @Reachable, @Now)
            """, contactRows, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO members (id, alliance_id, partner_id, contact_id, role, reminders_enabled, joined_at)
            VALUES (@Id, @AllianceId, @PartnerId, @ContactId, @Role, @Reminders, @Now)
            """, memberRows, transaction);
        await transaction.CommitAsync(none);
        Members = list;
    }

    /// <summary>The stored answers of the round: member id → (item → answer), and the number of rows.</summary>
    public async Task<(Dictionary<Guid, Dictionary<string, int>> ByMember, int Rows)> StoredAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var rows = (await connection.QueryAsync<(Guid MemberId, string ItemId, int Answer)>(
            "SELECT member_id, item_id, answer FROM responses WHERE round_id = @RoundId", new { RoundId })).ToList();
        var byMember = new Dictionary<Guid, Dictionary<string, int>>();
        foreach (var (memberId, itemId, answer) in rows)
        {
            if (!byMember.TryGetValue(memberId, out var items))
            {
                byMember[memberId] = items = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            items[itemId] = answer;
        }

        return (byMember, rows.Count);
    }

    public async ValueTask DisposeAsync() => await drop();

    private static Seed Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("alliancebot-inbound-");
        var database = Database.FromOptions(new StorageOptions { Provider = "sqlite", DataFolder = folder.FullName });
        return new Seed(database, new StorageSettings("sqlite", folder.FullName, null, Path.Combine(folder.FullName, "alliancebot.db")), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return Task.CompletedTask;
        });
    }

    private static async Task<Seed> PostgresAsync(string admin)
    {
        var name = $"alliancebot_inbound_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        var connectionString = builder.ToString();
        return new Seed(new Database(StorageProvider.Postgres, connectionString), new StorageSettings("postgres", null, connectionString, null), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }
}

internal sealed record StorageSettings(string Provider, string? DataFolder, string? ConnectionString, string? SqliteFile)
{
    public IEnumerable<KeyValuePair<string, string>> Environment()
    {
        yield return new("Storage__Provider", Provider);
        if (DataFolder is not null)
        {
            yield return new("Storage__DataFolder", DataFolder);
        }

        if (ConnectionString is not null)
        {
            yield return new("Storage__ConnectionString", ConnectionString);
        }
    }
}
