using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.ConnectorStandIn;
using AllianceBot.Data.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;

namespace AllianceBot.Deploy.Tests;

/// <summary>
/// Issue 14: container runtimes and base-image registries cannot be reached here, so the image itself is never built
/// in the suite. These tests hold the published bot to the contract the Dockerfile relies on: it runs as a non-root
/// user with only its data folder writable, binds the port from configuration, answers the HEALTHCHECK command, stops
/// cleanly on SIGTERM without losing queued sends, and two instances on one PostgreSQL deliver each pulse once.
/// </summary>
public sealed class ContainerContractTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly List<string> folders = [];
    private string? admin;
    private string? postgresDatabase;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        foreach (var folder in folders)
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }

        if (postgresDatabase is not null)
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task InProductionItRunsAsANonRootUserOnThePortFromConfigurationAndWritesOnlyIntoItsDataFolder()
    {
        var app = await PublishedBot.AppFolderAsync();
        var before = PublishedBot.Listing(app);
        var data = DataFolder();
        await using var bot = await BotContainer.StartAsync(data, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Teams__AppId"] = "6f1b7a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b",
            ["Teams__AppPassword"] = "not-a-real-secret",
            ["Teams__TenantId"] = "11111111-2222-3333-4444-555555555555",
            ["Links__SigningKey"] = "container-test-link-key-0123456789-0123456789",
            ["Dialogs__JoinCodes__HashKey"] = "container-test-join-code-key-0123456789-0123456789",
            ["Bot__PublicBaseUrl"] = "https://bot.contoso.com",
            ["Legal__Operator"] = "Contoso Hosting",
        });

        await bot.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        var health = await bot.HealthCheckAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bot.Port}") };
        var privacy = await client.GetAsync(new Uri("/privacy", UriKind.Relative));

        Assert.True(health.ExitCode == 0, health.Output);
        Assert.Equal(HttpStatusCode.OK, privacy.StatusCode);
        Assert.NotEqual(0, bot.RunningUser());
        Assert.Equal(PublishedBot.User, bot.RunningUser());
        Assert.True(File.Exists(Path.Combine(data, "alliancebot.db")), "the SQLite store belongs in the data folder");
        Assert.True(File.ReadLines($"/proc/{bot.ProcessId}/maps").Any(line => line.EndsWith("/libclrgc.so", StringComparison.Ordinal)),
            "the published bot runs the segments collector its runtimeconfig.json names (issue 18: 10 MB less resident)");

        bot.Terminate();
        Assert.Equal(0, await bot.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(before, PublishedBot.Listing(app));
        Assert.DoesNotContain("Unhandled exception", bot.Output, StringComparison.Ordinal);
        var stopped = await bot.HealthCheckAsync();
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains($"127.0.0.1:{bot.Port}/healthz", stopped.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 18: the memory settings travel in the published AllianceBot.Bot.runtimeconfig.json, so the image and the
    /// README's <c>dotnet AllianceBot.Bot.dll</c> run with them without any environment variable (docs/benchmarks.md).
    /// </summary>
    [Fact]
    public async Task ThePublishedRuntimeConfigurationCarriesTheMemorySettings()
    {
        var app = await PublishedBot.AppFolderAsync();
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app, "AllianceBot.Bot.runtimeconfig.json")))!["runtimeOptions"]!["configProperties"]!;

        Assert.Equal("libclrgc.so", settings["System.GC.Name"]!.GetValue<string>());
        Assert.Equal(6 * 1024 * 1024, settings["System.GC.Gen0MaxBudget"]!.GetValue<int>());
        Assert.False(settings["System.GC.Server"]!.GetValue<bool>());
        Assert.False(settings["System.GC.Concurrent"]!.GetValue<bool>());
        Assert.False(settings["System.Runtime.TieredPGO"]!.GetValue<bool>());
    }

    [Fact]
    public async Task SigtermHalfWayThroughARoundStopsCleanlyAndTheRestartSendsTheRestWithoutDuplicates()
    {
        const int members = 300;
        var data = DataFolder();
        await using var standIn = await ConnectorStandInServer.StartAsync(new StandInOptions { TenantRate = 50, AnswerDelayMs = 50 });
        var database = Database.FromOptions(new StorageOptions { Provider = "sqlite", DataFolder = data });
        await PulseRound.SeedAsync(database, standIn, members);
        AllowContainerUser(data);
        var settings = DispatchSettings(rate: 50);

        int sentAtStop;
        await using (var first = await BotContainer.StartAsync(data, settings))
        {
            await WaitUntilAsync(() => Task.FromResult(standIn.State.Snapshot(false).Messages >= members / 3 && standIn.State.AnswersHeld > 0), first, "a third of the round was not sent");
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("stopped", first.Output, StringComparison.Ordinal);
        }

        // Sends on the wire at SIGTERM were finished and recorded; nothing is left claimed by the stopped process.
        sentAtStop = await PulseRound.CountAsync(database, "sent");
        var accepted = standIn.State.Snapshot(false).Messages;
        log.WriteLine($"accepted by the connector {accepted}, recorded as sent {sentAtStop} of {members}");
        Assert.Equal(accepted, sentAtStop);
        Assert.Equal(0, await PulseRound.CountAsync(database, "claimed"));
        Assert.Equal(members - sentAtStop, await PulseRound.CountAsync(database, "pending"));
        Assert.InRange(sentAtStop, members / 3, members - 1);

        await using (var second = await BotContainer.StartAsync(data, settings))
        {
            await WaitUntilAsync(async () => await PulseRound.CountAsync(database, "sent") == members, second, "the restarted bot did not finish the round");
        }

        var stats = standIn.State.Snapshot(includeMembers: true);
        Assert.Equal(members, stats.Members);
        Assert.Equal(0, stats.Duplicates);
    }

    [Fact]
    public async Task TwoInstancesOnOnePostgreSqlShareTheRoundAndDeliverEachPulseOnce()
    {
        const int members = 400;
        admin = System.Environment.GetEnvironmentVariable("ALLIANCEBOT_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(admin), "ALLIANCEBOT_TEST_POSTGRES is not set: start PostgreSQL with scripts/postgres.sh (pg_start)");
        postgresDatabase = $"container_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {postgresDatabase}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = postgresDatabase }.ConnectionString;
        await using var standIn = await ConnectorStandInServer.StartAsync(new StandInOptions { TenantRate = 100, AnswerDelayMs = 20 });
        var database = Database.FromOptions(new StorageOptions { Provider = "postgres", ConnectionString = connectionString });
        await PulseRound.SeedAsync(database, standIn, members);
        var settings = new Dictionary<string, string>(DispatchSettings(rate: 40))
        {
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = connectionString,
            ["Outbox__Dispatcher__ClaimBatchSize"] = "20",
        };

        await using var a = await BotContainer.StartAsync(DataFolder(), settings);
        await using var b = await BotContainer.StartAsync(DataFolder(), settings);
        var claimers = new HashSet<string>(StringComparer.Ordinal);
        await WaitUntilAsync(
            async () =>
            {
                claimers.UnionWith(await PulseRound.ClaimersAsync(database));
                return await PulseRound.CountAsync(database, "sent") == members;
            },
            a,
            "the two bots did not finish the round",
            b);

        var stats = standIn.State.Snapshot(includeMembers: true);
        log.WriteLine($"claimed by {string.Join(", ", claimers)}; throttled {stats.Throttled}");
        Assert.Equal(2, claimers.Count);
        Assert.Equal(members, stats.Members);
        Assert.Equal(0, stats.Duplicates);
        Assert.All(stats.PerMember!.Values, count => Assert.Equal(1, count));
    }

    private static Dictionary<string, string> DispatchSettings(int rate) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Outbox__Dispatcher__TeamsTenantRequestsPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
        ["Outbox__Dispatcher__PollInterval"] = "00:00:00.200",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__AllianceBot.Scheduling.Outbox"] = "Information",
    };

    private string DataFolder()
    {
        var folder = PublishedBot.NewDataFolder();
        folders.Add(folder);
        return folder;
    }

    /// <summary>The test seeded the SQLite store as root; hand the files to the container user as a volume would be.</summary>
    private static void AllowContainerUser(string data)
    {
        SqliteConnection.ClearAllPools();
        if (PublishedBot.RunsAsRoot)
        {
            foreach (var file in Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories).Append(data))
            {
                using var chown = System.Diagnostics.Process.Start("chown", [$"{PublishedBot.ContainerUser}:{PublishedBot.ContainerUser}", file]);
                chown.WaitForExit();
            }
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, BotContainer bot, string what, BotContainer? other = null)
    {
        var timeout = TimeSpan.FromSeconds(90);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            Assert.False(bot.HasExited, $"the bot exited:\n{bot.Output}");
            Assert.False(other?.HasExited ?? false, $"the other bot exited:\n{other?.Output}");
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{what} within {timeout}.\n{bot.Output}\n{other?.Output}");
            await Task.Delay(50);
        }
    }
}
