using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace AllianceBot.Data.Tests;

public class MigrationTests
{
    private static readonly string[] Tables =
    [
        "alerts_sent", "alliance_phases", "alliances", "audit_log", "comments", "contacts", "dialog_states", "inbound_deliveries",
        "join_code_failures", "join_codes", "k_confirmations", "k_proposals", "members", "outbox", "partners", "responses", "round_snapshots", "rounds",
        "slack_enterprise_teams", "slack_installations", "storage_keys",
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnEmptyDatabaseIsMigratedToLatestAndReRunningDoesNothing(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);

        var first = await Migrator.MigrateAsync(test.Database, null, CancellationToken.None);
        var second = await Migrator.MigrateAsync(test.Database, null, CancellationToken.None);

        Assert.True(first.Successful, first.Error);
        Assert.Equal(Migrator.ScriptNames(test.Provider), first.Applied);
        Assert.NotEmpty(first.Applied);
        Assert.True(second.Successful, second.Error);
        Assert.Empty(second.Applied);
        var tables = (await test.TablesAsync()).Select(t => t.ToLowerInvariant()).ToList();
        Assert.All(Tables, t => Assert.Contains(t, tables));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoInstancesMigratingAtOnceBothSucceedAndApplyEachScriptOnce(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);

        var results = await Task.WhenAll(
            Task.Run(() => Migrator.MigrateAsync(test.Database, null, CancellationToken.None)),
            Task.Run(() => Migrator.MigrateAsync(test.Database, null, CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Successful, r.Error));
        Assert.Equal(Migrator.ScriptNames(test.Provider).Count, results.Sum(r => r.Applied.Count));
    }

    [Fact]
    public void EveryProviderHasTheSameScriptNames()
    {
        static IEnumerable<string> Names(StorageProvider p) => Migrator.ScriptNames(p).Select(n => n[(n.LastIndexOf(".0", StringComparison.Ordinal) + 1)..]);

        Assert.Equal(Names(StorageProvider.Sqlite), Names(StorageProvider.Postgres));
        Assert.Equal(Names(StorageProvider.Sqlite), Names(StorageProvider.SqlServer));
    }

    [Fact]
    public async Task TheMigrateCommandCreatesTheSqliteFileInTheDataFolderAndSaysWhatItDid()
    {
        var folder = Directory.CreateTempSubdirectory("alliancebot-migrate-");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "sqlite",
                ["Storage:DataFolder"] = Path.Combine(folder.FullName, "data"),
            }).Build();
            var output = new StringWriter();

            var exit = await StorageSetup.MigrateAsync(configuration, output);
            var again = await StorageSetup.MigrateAsync(configuration, new StringWriter());

            Assert.Equal(0, exit);
            Assert.Equal(0, again);
            Assert.True(File.Exists(Path.Combine(folder.FullName, "data", "alliancebot.db")));
            Assert.Contains($"{Migrator.ScriptNames(StorageProvider.Sqlite).Count} script(s) applied", output.ToString(), StringComparison.Ordinal);
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder.FullName, "data", "alliancebot.db")}");
            await connection.OpenAsync();
            Assert.Equal("wal", await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "PRAGMA journal_mode"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheMigrateCommandNamesTheSettingToFixWhenTheProviderIsWrong()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
        }).Build();
        var output = new StringWriter();

        var exit = await StorageSetup.MigrateAsync(configuration, output);

        Assert.Equal(2, exit);
        Assert.Contains("Storage:ConnectionString is required", output.ToString(), StringComparison.Ordinal);
    }
}
