using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AllianceBot.ConnectorStandIn;
using AllianceBot.Data;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Scheduling.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

using AllianceBot.Tests.Shared;

namespace AllianceBot.Scheduling.Tests.Instances;

/// <summary>
/// Quartz keeps one scheduler per name per process, and this class arms the bots' trigger through an in-process
/// scheduler of the same name ("AllianceBot"), so it runs alone, after the parallel collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloQuartzCollection
{
    public const string Name = "one Quartz scheduler per process";
}

/// <summary>
/// Two real bot processes (the Release build) on one PostgreSQL database, Quartz clustered on it: an alliance's
/// scheduled opening fires on exactly one of them, so exactly one round is opened and every member gets exactly one
/// pulse at the connector stand-in (which both bots' dispatchers send to). Needs ALLIANCEBOT_TEST_POSTGRES
/// (scripts/test.sh; locally PGPORT=55437 source scripts/postgres.sh; pg_start) and
/// `dotnet build AllianceBot.sln -c Release`.
/// </summary>
[Collection(SoloQuartzCollection.Name)]
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private const string Tenant = "tenant-two-instances";
    private const int Members = 20;

    private readonly List<BotProcess> bots = [];
    private string? database;
    private string? admin;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var bot in bots)
        {
            bot.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        if (admin is not null && database is not null)
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task TwoBotsOnOnePostgreSqlOpenAScheduledRoundOnceAndMessageEachMemberOnce()
    {
        admin = Environment.GetEnvironmentVariable("ALLIANCEBOT_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(admin), "ALLIANCEBOT_TEST_POSTGRES is not set: start PostgreSQL with scripts/postgres.sh (pg_start)");
        var dll = BotDll();
        Assert.True(File.Exists(dll), $"{dll} is missing: run `dotnet build AllianceBot.sln -c Release` first");

        database = $"two_instances_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        await using var standIn = await ConnectorStandInServer.StartAsync(new StandInOptions());

        // The test's own host: the same storage and scheduling set-up as the bots, never started (so it is no
        // cluster node); it migrates, seeds and arms the trigger in the shared job store.
        using var seeding = SeedingHost(connectionString);
        var data = seeding.Services.GetRequiredService<Database>();
        var migration = await Migrator.MigrateAsync(data, null, CancellationToken.None);
        Assert.True(migration.Successful, migration.Error);
        var allianceId = await SeedAllianceAsync(seeding.Services, standIn.BaseUrl);

        // One after the other: each migrates (a no-op now) and provisions the Quartz tables on start.
        var stopwatch = Stopwatch.StartNew();
        foreach (var name in new[] { "bot-a", "bot-b" })
        {
            var bot = BotProcess.Start(name, dll, connectionString);
            bots.Add(bot);
            await bot.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(2L, await ScalarAsync(connectionString, "SELECT count(*) FROM qrtz_scheduler_state"));

        // A weekly schedule whose next opening is three seconds from now, in the store both nodes poll.
        var now = DateTimeOffset.UtcNow;
        var occurrence = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddSeconds(3);
        var schedule = new PulseSchedule(
            EveryNWeeks.Starting(1, occurrence.DayOfWeek, DateOnly.FromDateTime(occurrence.UtcDateTime)),
            TimeOnly.FromDateTime(occurrence.UtcDateTime),
            "UTC");
        var scheduler = seeding.Services.GetRequiredService<IRoundScheduler>();
        Assert.Equal(occurrence, await scheduler.ScheduleAllianceAsync(allianceId, schedule, CancellationToken.None));

        // A node that idles polls the store at least every 30 s (Quartz's idle wait); then the dispatchers send.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (standIn.State.Snapshot(includeMembers: false).Messages < Members)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline,
                $"only {standIn.State.Snapshot(false).Messages} of {Members} pulses arrived.\n{string.Join("\n", bots.Select(b => b.Log()))}");
            await Task.Delay(250);
        }

        // Count once every pulse row is final: a second dispatch of a row would have to claim it first, and a claimed
        // or pending row keeps this waiting (no sleep "for duplicates to show up").
        while (await ScalarAsync(connectionString, "SELECT count(*) FROM outbox WHERE kind = 'pulse' AND status IN ('pending', 'claimed')") > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the pulse rows did not become final");
            await Task.Delay(250);
        }
        var stats = standIn.State.Snapshot(includeMembers: true);
        Assert.Equal(Members, stats.Members);
        Assert.Equal(0, stats.Duplicates);
        Assert.All(stats.PerMember!.Values, count => Assert.Equal(1, count));

        Assert.Equal(1L, await ScalarAsync(connectionString, $"SELECT count(*) FROM rounds WHERE alliance_id = '{allianceId}'"));
        Assert.Equal(1L, await ScalarAsync(connectionString, $"SELECT count(DISTINCT slot_key) FROM rounds WHERE alliance_id = '{allianceId}' AND slot_key LIKE 'at:%'"));
        Assert.Equal((long)Members, await ScalarAsync(connectionString, "SELECT count(*) FROM outbox WHERE kind = 'pulse'"));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(90), $"took {stopwatch.Elapsed}");
    }

    private static IHost SeedingHost(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ContentRootPath = Directory.CreateTempSubdirectory("alliancebot-seed-").FullName,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:MigrateOnStart"] = "false",
            ["Scheduling:Enabled"] = "true",
            ["Outbox:Dispatcher:Enabled"] = "false",
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => AllianceBot.Dialogs.Localization.TextCatalog.LoadEmbedded());
        builder.AddStorage();
        builder.AddScheduling();
        return builder.Build();
    }

    /// <summary>Two partners, <see cref="Members"/> members in all, each reachable only through the stand-in.</summary>
    private static async Task<Guid> SeedAllianceAsync(IServiceProvider services, Uri standIn)
    {
        var contacts = services.GetRequiredService<IContactStore>();
        var data = services.GetRequiredService<Database>();
        var now = DateTimeOffset.UtcNow;
        var people = new List<Contact>();
        for (var i = 0; i < Members; i++)
        {
            var reference = new ConversationReference(MemberIdentity.Teams, Tenant, $"29:member-{i:D2}", standIn.ToString(), null, "28:alliancebot", "AllianceBot");
            people.Add(await contacts.RecordSightingAsync(new ContactSighting(reference, $"Member {i}", "en-GB", null, now), CancellationToken.None));
        }

        var created = await data.CreateAllianceAsync(
            new NewAlliance("Two instances", people[0].Id, "Acme", ["Globex"], TimeZone: "UTC", Locale: "en"), now, CancellationToken.None);
        var globex = created.Partners.Single(p => p.Name == "Globex");
        var acme = created.Partners.Single(p => p.Name == "Acme");
        for (var i = 1; i < Members; i++)
        {
            await data.AddMemberAsync(new NewMember(created.Alliance.Id, i % 2 == 0 ? acme.Id : globex.Id, people[i].Id), now, CancellationToken.None);
        }

        return created.Alliance.Id;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string BotDll()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AllianceBot.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        return Path.Combine(folder.FullName, "Bot", "bin", "Release", "net10.0", "AllianceBot.Bot.dll");
    }

    /// <summary>One bot process on a free loopback port, its output kept for failure messages.</summary>
    private sealed class BotProcess : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();
        private readonly Uri url;

        private BotProcess(Process process, Uri url)
        {
            this.process = process;
            this.url = url;
        }

        public static BotProcess Start(string name, string dll, string connectionString)
        {
            var port = ChildProcess.FreeLoopbackPort();
            var folder = Directory.CreateTempSubdirectory($"alliancebot-{name}-").FullName;
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { dll, "--contentRoot", Path.GetDirectoryName(dll)!, "--urls", $"http://127.0.0.1:{port}" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["Storage__Provider"] = "postgres";
            start.Environment["Storage__ConnectionString"] = connectionString;
            start.Environment["Storage__DataFolder"] = folder;
            start.Environment["Scheduling__Enabled"] = "true";
            start.Environment["Scheduling__ClusterCheckinInterval"] = "00:00:02";
            start.Environment.Remove("ASPNETCORE_HOSTINGSTARTUPASSEMBLIES");
            start.Environment.Remove("DOTNET_STARTUP_HOOKS");
            var process = new Process { StartInfo = start };
            var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            process.OutputDataReceived += (_, e) => bot.Append(e.Data);
            process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return bot;
        }

        public string Log()
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        public async Task WaitUntilReadyAsync(TimeSpan timeout)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (DateTimeOffset.UtcNow < deadline)
            {
                Assert.False(process.HasExited, $"the bot exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Log()}");
                try
                {
                    if ((await http.GetAsync(new Uri(url, "readyz"))).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200);
            }

            Assert.Fail($"the bot at {url} was not ready within {timeout}:\n{Log()}");
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
