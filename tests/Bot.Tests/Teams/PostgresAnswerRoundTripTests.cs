using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// Issue 18 on PostgreSQL: with the server on the same small machine every network round trip of an answer is two
/// context switches, and an answer cost 12 of them (BEGIN with the de-duplication, the sighting, the dialog state,
/// "my alliances", the membership, the member, the round FOR SHARE, the member check, the answers' upsert, the
/// don't-know delete, the comment, COMMIT). This posts an answer through the real host on a real PostgreSQL and counts
/// what Npgsql sent while the request ran: its command activities (one per command or batch, each one round trip;
/// Npgsql sends BEGIN with the first) plus every COMMIT sent on its own. Counts, not time: the timing is in
/// bench/AllianceBot.Inbound.
/// </summary>
public sealed class PostgresAnswerRoundTripTests(ITestOutputHelper output)
{
    private const string Variable = "ALLIANCEBOT_TEST_POSTGRES";
    private const string ServiceUrl = "http://127.0.0.1:9/";
    private static readonly string[] Items = ["calc.agreements.anchor", "rel.intentions.anchor", "calc.competence.deliver"];

    /// <summary>PostgreSQL when its connection string is set, and always in CI (where a missing one fails the test).</summary>
    public static TheoryData<string> Postgres
    {
        get
        {
            var data = new TheoryData<string>();
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                data.Add("postgres");
            }

            return data;
        }
    }

    /// <summary>Both ways a card answer arrives: Action.Execute (invoke) and the Action.Submit fallback (a message activity).</summary>
    public static TheoryData<string, string> PostgresModes
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var provider in Postgres)
            {
                data.Add(provider, "invoke");
                data.Add(provider, "submit");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PostgresModes))]
    public async Task AnAnswerThroughTheHostIsTwoRoundTripsOnPostgres(string provider, string mode)
    {
        Assert.Equal("postgres", provider);
        await using var scratch = await ScratchDatabase.CreateAsync();
        var connectionString = scratch.ConnectionString;
        await using var host = new TeamsHost(settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            // As in the SQLite twin: no dispatcher taking a second pooled connection, on which the statements of the
            // answer counted below would not be prepared yet (Npgsql prepares per physical connection).
            ["Outbox:Dispatcher:Enabled"] = "false",
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connectionString,
        });
        var database = host.Services.GetRequiredService<Database>();
        var (allianceId, roundId, memberId) = await OpenRoundSeed.SeedAsync(host, database, ServiceUrl, "round-trips", Items);
        // Bob answers after Ada, for the first time: like every member of a real round (and of the benchmark), his
        // memberships are not in the lookup cache yet.
        var none = CancellationToken.None;
        var partnerId = (await database.GetMemberAsync(memberId, none))!.PartnerId;
        async Task<Guid> NewMemberAsync(string user, string conversation, string name)
        {
            var contact = await host.Services.GetRequiredService<IContactStore>().RecordSightingAsync(new ContactSighting(
                new ConversationReference(MemberIdentity.Teams, Activities.TenantId, user, ServiceUrl, conversation, Activities.BotId), name, "en-US", null, DateTimeOffset.UtcNow), none);
            return (await database.AddMemberAsync(new NewMember(allianceId, partnerId, contact.Id), DateTimeOffset.UtcNow, none)).Id;
        }

        var bobMember = await NewMemberAsync(Bob, "a:personal-2", "Bob");
        // Two members before Bob also answer for the first time, so the first-answer form of the turn's opening command
        // (with the membership read) has run as often as Npgsql needs to prepare it (AutoPrepareMinUsages = 2), as in
        // any round under way; on a quiet machine Ada's warm-up alone may run it only once.
        string[] earlier = ["29:user-3", "29:user-4"];
        foreach (var user in earlier)
        {
            await NewMemberAsync(user, "a:personal-" + user[^1], "Early " + user[^1]);
        }

        using var commands = new CommandsDuringRequests(scratch.Name);

        // Ada's answers warm what the process keeps (prepared statements, the comment key, the alliance and round) until
        // one of hers runs without a lookup read: the cache is on only once the change listener listens, and the
        // notifications of the set-up's writes empty it when they arrive.
        for (var warm = 1; warm <= 20; warm++)
        {
            commands.Clear();
            Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(Answer(allianceId, roundId, $"answer-{warm}", 1 + warm % 5, mode: mode))).StatusCode);
            if (warm > 1 && commands.Take().Count <= 2)
            {
                break;
            }

            await Task.Delay(100);
        }

        foreach (var user in earlier)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(Answer(allianceId, roundId, "answer-" + user, 3, user, mode))).StatusCode);
        }

        commands.Clear();
        var before = database.Statistics.Now();
        var response = await host.PostActivityAsync(Answer(allianceId, roundId, "answer-bob", 2, Bob, mode));
        var after = database.Statistics.Now();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (mode == "invoke")
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(200, (int)body["statusCode"]!);
        }

        var stored = await database.GetMyAnswersAsync(roundId, bobMember, none);
        Assert.All(Items, item => Assert.Equal(2, stored.Answers[item]));

        var ran = commands.Take();
        var commits = after.Commits - before.Commits;
        var commitsAlone = commits - ran.Count(command => command.Sql.TrimEnd().EndsWith("COMMIT", StringComparison.Ordinal));
        output.WriteLine($"per answer: {ran.Count} commands + {commitsAlone} COMMIT on its own = {ran.Count + commitsAlone} round trips ({commits} commit)");
        foreach (var command in ran)
        {
            output.WriteLine($"  [connection {command.Connection}, {(command.Prepared ? "prepared" : "unprepared")}] {command.Sql.ReplaceLineEndings(" ")}");
        }

        // One connection, one commit; BEGIN with the de-duplication, the sighting and the person's dialog states and
        // memberships; the answer (round check, member check, upserts, don't-know delete, comment) in one statement,
        // with the COMMIT in the same command. Every statement repeated across turns is prepared (Max Auto Prepare).
        Assert.Single(ran.Select(command => command.Connection).Distinct());
        Assert.Equal(1, commits);
        Assert.Equal(0, commitsAlone);
        Assert.Equal(2, ran.Count);
        Assert.All(ran, command => Assert.True(command.Prepared, $"not prepared: {command.Sql}"));
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task ARepeatedAnswerIsADuplicateOnPostgresAndChangesNothing(string provider)
    {
        Assert.Equal("postgres", provider);
        await using var scratch = await ScratchDatabase.CreateAsync();
        await using var host = new TeamsHost(settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = scratch.ConnectionString,
        });
        var database = host.Services.GetRequiredService<Database>();
        var (allianceId, roundId, memberId) = await OpenRoundSeed.SeedAsync(host, database, ServiceUrl, "repeat", Items);

        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(Answer(allianceId, roundId, "answer-1", 4))).StatusCode);
        // Teams retries the same activity (same id), here with other values: a repeat, not a second answer.
        var repeat = await host.PostActivityAsync(Answer(allianceId, roundId, "answer-1", 1));

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var stored = await database.GetMyAnswersAsync(roundId, memberId, CancellationToken.None);
        Assert.All(Items, item => Assert.Equal(4, stored.Answers[item]));
        // Found by the de-duplication sent with the sighting: the turn was rolled back and run again.
        Assert.Equal(1, database.Statistics.TurnsRetried);
    }

    /// <summary>A new, empty database on the server of ALLIANCEBOT_TEST_POSTGRES, dropped afterwards (the host migrates it).</summary>
    private sealed class ScratchDatabase : IAsyncDisposable
    {
        private readonly string admin;

        private ScratchDatabase(string admin, string name)
        {
            this.admin = admin;
            Name = name;
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        }

        public string Name { get; }

        public string ConnectionString { get; }

        public static async Task<ScratchDatabase> CreateAsync()
        {
            var admin = Environment.GetEnvironmentVariable(Variable);
            Assert.False(string.IsNullOrEmpty(admin), $"{Variable} is not set: this test needs PostgreSQL (scripts/postgres.sh).");
            var scratch = new ScratchDatabase(admin, $"alliancebot_test_{Guid.NewGuid():N}");
            await scratch.RunAsync($"CREATE DATABASE {scratch.Name}");
            return scratch;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await RunAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        }

        private async Task RunAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private const string Bob = "29:user-2";

    private static JsonObject Answer(Guid allianceId, Guid roundId, string id, int value, string from = Activities.UserId, string mode = "invoke")
    {
        var data = new JsonObject { ["alliance"] = allianceId.ToString(), ["round"] = roundId.ToString(), ["lang"] = "en" };
        foreach (var item in Items)
        {
            data[item] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var activity = Activities.Message(ServiceUrl, "", id: id);
        activity["from"]!["id"] = from;
        if (mode == "submit")
        {
            // Action.Submit: a message activity whose value is the card's data, in reply to the clicked card.
            data["verb"] = "pulse.submit";
            activity["replyToId"] = "card-1";
            activity["value"] = data;
            return activity;
        }

        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "pulse.submit", ["data"] = data }, ["trigger"] = "manual" };
        return activity;
    }

    /// <summary>
    /// Npgsql's command activities (one per command or batch sent, i.e. per round trip) on one database that ran inside an
    /// HTTP request of the host, not in its background services (outbox, scheduler, the change listener).
    /// </summary>
    private sealed class CommandsDuringRequests : IDisposable
    {
        private readonly ActivityListener listener;
        private readonly ConcurrentQueue<(string Sql, bool Prepared, object? Connection)> seen = new();

        public CommandsDuringRequests(string database)
        {
            listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.Source.Name == "Npgsql" && activity.GetTagItem("db.query.text") is string sql
                        && Equals(activity.GetTagItem("db.namespace"), database) && InRequest(activity))
                    {
                        seen.Enqueue((sql, activity.GetTagItem("db.npgsql.prepared") is true, activity.GetTagItem("db.npgsql.connection_id")));
                    }
                },
            };
            ActivitySource.AddActivityListener(listener);
        }

        private static bool InRequest(Activity activity)
        {
            for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent.Source.Name == "Microsoft.AspNetCore")
                {
                    return true;
                }
            }

            return false;
        }

        public void Clear() => seen.Clear();

        public IReadOnlyList<(string Sql, bool Prepared, object? Connection)> Take() => [.. seen];

        public void Dispose() => listener.Dispose();
    }
}
