// Inbound answers through the real bot: one member per request answering the open round, 16 connections.
//   bench/inbound.sh                       (builds, then runs invoke and submit on SQLite, 3 runs each)
//   dotnet bench/AllianceBot.Inbound/bin/Release/net10.0/AllianceBot.Inbound.dll --mode invoke --store sqlite \
//       [--members 20000] [--connections 16] [--seconds 10] [--warmup 15] [--postgres "<Npgsql>"] [--kill-after 5]
//       [--peer bench/peers/botbuilder.js [--peer-name "botbuilder 4.23.3"] [--node node]]   (a peer instead of the bot)
// Prints one markdown table row and a JSON line; exits non-zero when an acknowledged answer is missing or wrong.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AllianceBot.ConnectorStandIn;
using AllianceBot.Inbound;

if (args.Contains("--health"))
{
    // The health check at 500 members × 36 closed rounds (bench/health.sh).
    return await HealthBench.RunAsync(args);
}

var settings = Arguments.Parse(args);
var botDll = settings.BotDll ?? Path.Combine(RepositoryRoot(), "Bot", "bin", "Release", "net10.0", "AllianceBot.Bot.dll");
if (settings.Peer is null && !File.Exists(botDll))
{
    Console.Error.WriteLine($"{botDll} is missing: dotnet build Bot -c Release (bench/inbound.sh does)");
    return 2;
}

if (settings.Peer is { } peerScript && !File.Exists(peerScript))
{
    Console.Error.WriteLine($"{peerScript} is missing (bench/peers.sh installs and runs the peers)");
    return 2;
}

// The connector stand-in (tests/ConnectorStandIn) takes the submit path's card update (PUT) and any reply; no limits
// that a benchmark would hit (one update per member).
await using var standIn = await ConnectorStandInServer.StartAsync(new StandInOptions { TenantRate = 1_000_000, ConversationLimits = [(1000, 1)] });
await using var seed = await Seed.CreateAsync(settings.Store, settings.Postgres);
var prepareClock = Stopwatch.StartNew();
await seed.PrepareAsync(settings.Members, standIn, JsonSerializer.Serialize(Seed.Items));
Console.Error.WriteLine($"prepared {settings.Members} members in {prepareClock.Elapsed.TotalSeconds:0.0} s ({settings.Store})");

var environment = seed.Settings.Environment().ToList();
environment.AddRange(settings.BotEnvironment);
// A peer (bench/peers) answers from the same prepared SQLite file, so the same row check applies to its answers.
var bot = settings.Peer is { } peer
    ? await BotHost.StartPeerAsync(settings.Node, peer, seed.Settings.SqliteFile!)
    : await BotHost.StartAsync(botDll, environment);
try
{
    var load = new Load(bot.BaseUrl, standIn.BaseUrl.ToString(), seed, settings.Mode, settings.Connections);
    var startRss = bot.RssMb();

    if (settings.KillAfterSeconds is { } killAfter)
    {
        return await KillRunAsync(load, bot, seed, settings, killAfter);
    }

    // Warm-up (not measured), then the timed window.
    var warmUp = await load.RunAsync(TimeSpan.FromSeconds(settings.WarmupSeconds), measure: false);
    var cpuBefore = bot.CpuTime();
    // The load generator's own CPU (it also hosts the connector stand-in): on 2 cores it shares the machine with the bot,
    // so bot + harness CPU per answer bounds the rate the machine can reach.
    using var harness = Process.GetCurrentProcess();
    var harnessBefore = harness.TotalProcessorTime;
    var server = settings.Postgres is { } postgres ? await ServerCpu.FindAsync(postgres) : null;
    var serverBefore = server?.Now();
    var peakRss = 0.0;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peakRss = Math.Max(peakRss, bot.RssMb());
            try
            {
                await Task.Delay(200, sampling.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    });
    var window = await load.RunAsync(TimeSpan.FromSeconds(settings.Seconds), measure: true);
    var cpu = bot.CpuTime() - cpuBefore;
    harness.Refresh();
    var harnessCpu = harness.TotalProcessorTime - harnessBefore;
    var serverCpu = server?.Now() - serverBefore;
    sampling.Cancel();
    await sampler;
    peakRss = Math.Max(peakRss, bot.RssMb());

    var verification = await load.VerifyAsync();
    // What reached the connector stand-in (submit: one card update per answer; invoke: nothing, the card is in the reply).
    var connector = standIn.State.Snapshot(includeMembers: false);
    var latencies = window.Latencies.Order().ToArray();
    var rate = window.Acknowledged / window.Elapsed.TotalSeconds;
    var result = new
    {
        Store = settings.Label,
        Implementation = settings.PeerName ?? "AllianceBot",
        settings.Mode,
        settings.Members,
        settings.Connections,
        settings.WarmupSeconds,
        Seconds = Math.Round(window.Elapsed.TotalSeconds, 2),
        Answers = window.Acknowledged,
        Refused = window.Failed,
        AnswersPerSecond = Math.Round(rate, 1),
        P50Ms = Math.Round(Percentile(latencies, 0.50), 1),
        P99Ms = Math.Round(Percentile(latencies, 0.99), 1),
        CpuMsPerAnswer = Math.Round(cpu.TotalMilliseconds / Math.Max(1, window.Acknowledged), 2),
        ServerCpuMsPerAnswer = serverCpu is { } spent ? Math.Round(spent.TotalMilliseconds / Math.Max(1, window.Acknowledged), 2) : (double?)null,
        RssMb = Math.Round(peakRss, 0),
        StartRssMb = Math.Round(startRss, 0),
        verification.AcknowledgedMembers,
        verification.Missing,
        verification.Wrong,
        verification.Rows,
        ConnectorUpdates = connector.Tenants.Values.Sum(t => t.Updates),
        ConnectorMessages = connector.Messages,
        Load = Uptime(),
        HarnessCpuMsPerAnswer = Math.Round(harnessCpu.TotalMilliseconds / Math.Max(1, window.Acknowledged), 2),
    };
    Console.WriteLine($"| {result.Store} | {result.Mode} | {result.Members} | {result.Connections} | {result.WarmupSeconds} s | {result.Answers} | **{result.AnswersPerSecond}** | {result.P50Ms} | {result.P99Ms} | {result.CpuMsPerAnswer} | {result.RssMb} | {result.Missing} | {result.Wrong} | {result.Load} | {result.HarnessCpuMsPerAnswer} |");
    Console.WriteLine(JsonSerializer.Serialize(result));
    if (result.ServerCpuMsPerAnswer is { } serverMs)
    {
        Console.Error.WriteLine($"database server CPU: {serverMs} ms per answer (bot {result.CpuMsPerAnswer})");
    }
    Console.Error.WriteLine($"connector stand-in: {result.ConnectorUpdates} card updates, {result.ConnectorMessages} messages for {warmUp.Acknowledged + window.Acknowledged} acknowledged answers (warm-up included)");
    if (window.Failed > 0)
    {
        Console.Error.WriteLine($"{window.Failed} requests were not acknowledged; first: {window.FirstFailure}");
    }

    return verification.Missing == 0 && verification.Wrong == 0 && window.Acknowledged > 0 ? 0 : 1;
}
catch
{
    Console.Error.WriteLine(bot.Output);
    throw;
}
finally
{
    await bot.DisposeAsync();
}

static async Task<int> KillRunAsync(Load load, BotHost bot, Seed seed, Arguments settings, double killAfter)
{
    // kill -9 while 16 connections are answering: every answer the bot acknowledged must be stored.
    using var stop = new CancellationTokenSource();
    var running = load.RunAsync(TimeSpan.FromSeconds(killAfter + 30), measure: true, stop.Token);
    await Task.Delay(TimeSpan.FromSeconds(killAfter));
    bot.KillHard();
    await bot.WaitForExitAsync();
    stop.Cancel();
    var window = await running;
    var verification = await load.VerifyAsync();
    Console.WriteLine($"kill -9 after {killAfter} s ({settings.Label}, {settings.Mode}): acknowledged {window.Acknowledged} answers of {verification.AcknowledgedMembers} members, " +
                      $"requests refused or cut off by the kill {window.Failed}, missing {verification.Missing}, wrong {verification.Wrong}, rows {verification.Rows}, load {Uptime()}");
    return verification.Missing == 0 && verification.Wrong == 0 && window.Acknowledged > 0 ? 0 : 1;
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static string Uptime()
{
    try
    {
        return File.ReadAllText("/proc/loadavg").Split(' ')[0];
    }
    catch (IOException)
    {
        return "?";
    }
}

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "AllianceBot.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("AllianceBot.sln not found above " + AppContext.BaseDirectory);
}

internal sealed record Arguments(string Store, string? Postgres, string Mode, int Members, int Connections, double Seconds, double WarmupSeconds,
    double? KillAfterSeconds, string? BotDll, IReadOnlyList<KeyValuePair<string, string>> BotEnvironment,
    string? Peer = null, string? PeerName = null, string Node = "node")
{
    /// <summary>The table's store column: the store, and which peer answered when it was not the bot.</summary>
    public string Label => PeerName is null ? Store : $"{Store}, {PeerName}";

    public static Arguments Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var env = new List<KeyValuePair<string, string>>();
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--bot-env" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                env.Add(new(key, value));
            }
        }

        var kill = Get("--kill-after", "");
        var mode = Get("--mode", "invoke");
        if (mode is not ("invoke" or "submit"))
        {
            throw new ArgumentException("--mode must be invoke or submit");
        }

        var peer = Get("--peer", "") is { Length: > 0 } script ? script : null;
        var store = Get("--store", "sqlite");
        if (peer is not null && store != "sqlite")
        {
            throw new ArgumentException("--peer answers from the prepared SQLite file: use --store sqlite");
        }

        return new Arguments(
            store,
            Get("--postgres", "") is { Length: > 0 } pg ? pg : null,
            mode,
            int.Parse(Get("--members", "20000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--connections", "16"), CultureInfo.InvariantCulture),
            double.Parse(Get("--seconds", "10"), CultureInfo.InvariantCulture),
            double.Parse(Get("--warmup", "15"), CultureInfo.InvariantCulture),
            kill.Length > 0 ? double.Parse(kill, CultureInfo.InvariantCulture) : null,
            Get("--bot", "") is { Length: > 0 } dll ? dll : null,
            env,
            peer,
            peer is null ? null : Get("--peer-name", Path.GetFileNameWithoutExtension(peer)),
            Get("--node", "node"));
    }
}

/// <summary>
/// The load generator: <c>connections</c> workers on one SocketsHttpHandler (keep-alive), each request the next member
/// answering all three statements. A member's answers depend on how often they answered (a second pass over the members
/// changes every answer), so the stored rows show which acknowledged answer won.
/// </summary>
internal sealed class Load
{
    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly string serviceUrl;
    private readonly Seed seed;
    private readonly string mode;
    private readonly int connections;
    private readonly int[] acknowledgedPass;
    private long next = -1;

    public Load(Uri bot, string serviceUrl, Seed seed, string mode, int connections)
    {
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        endpoint = new Uri(bot, "api/messages");
        this.serviceUrl = serviceUrl;
        this.seed = seed;
        this.mode = mode;
        this.connections = connections;
        acknowledgedPass = Enumerable.Repeat(-1, seed.Members.Count).ToArray();
    }

    public sealed record Window(TimeSpan Elapsed, int Acknowledged, int Failed, string? FirstFailure, List<double> Latencies);

    public sealed record Verification(int AcknowledgedMembers, int Missing, int Wrong, int Rows);

    public async Task<Window> RunAsync(TimeSpan duration, bool measure, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var acknowledged = 0;
        var failed = 0;
        string? firstFailure = null;
        var latencies = new List<double>[connections];
        async Task Worker(int w)
        {
            var mine = latencies[w] = new List<double>(32_768);
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                var index = (int)(n % seed.Members.Count);
                var pass = (int)(n / seed.Members.Count);
                var member = seed.Members[index];
                var started = Stopwatch.GetTimestamp();
                string? problem;
                try
                {
                    using var content = new StringContent(Activity(member, pass, n), Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(endpoint, content, cancellationToken);
                    var body = await response.Content.ReadAsStringAsync(cancellationToken);
                    problem = response.StatusCode != HttpStatusCode.OK ? $"{(int)response.StatusCode} {body}"
                        : mode == "invoke" && !body.Contains("\"statusCode\":200", StringComparison.Ordinal) ? body
                        : null;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
                {
                    problem = e.GetType().Name + ": " + e.Message;
                }

                if (problem is null)
                {
                    Volatile.Write(ref acknowledgedPass[index], pass);
                    if (measure)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }

                    Interlocked.Increment(ref acknowledged);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, problem.Length > 500 ? problem[..500] : problem, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(() => Worker(w), CancellationToken.None)));
        var elapsed = clock.Elapsed;
        return new Window(elapsed, acknowledged, failed, firstFailure, latencies.SelectMany(l => l).ToList());
    }

    /// <summary>Every acknowledged member has exactly their last acknowledged answers stored, three rows each.</summary>
    public async Task<Verification> VerifyAsync()
    {
        var (stored, rows) = await seed.StoredAsync();
        int missing = 0, wrong = 0, members = 0;
        for (var i = 0; i < acknowledgedPass.Length; i++)
        {
            var pass = acknowledgedPass[i];
            if (pass < 0)
            {
                continue;
            }

            members++;
            if (!stored.TryGetValue(seed.Members[i].MemberId, out var answers) || answers.Count != Seed.Items.Length)
            {
                missing++;
                continue;
            }

            // A later pass sent but not acknowledged (cut off by the end of the run or a kill) may have landed too.
            if (!Matches(answers, i, pass) && !Matches(answers, i, pass + 1))
            {
                wrong++;
            }
        }

        return new Verification(members, missing, wrong, rows);
    }

    private static bool Matches(Dictionary<string, int> answers, int index, int pass)
    {
        for (var k = 0; k < Seed.Items.Length; k++)
        {
            if (answers[Seed.Items[k]] != Answer(index, pass, k))
            {
                return false;
            }
        }

        return true;
    }

    private static int Answer(int index, int pass, int item) => 1 + ((index + pass + item) % 5);

    private string Activity(BenchMember member, int pass, long n)
    {
        var data = new StringBuilder(256);
        data.Append("\"alliance\":\"").Append(seed.AllianceId).Append("\",\"round\":\"").Append(seed.RoundId).Append("\",\"lang\":\"en\"");
        for (var k = 0; k < Seed.Items.Length; k++)
        {
            data.Append(",\"").Append(Seed.Items[k]).Append("\":\"").Append(Answer(member.Index, pass, k).ToString(CultureInfo.InvariantCulture)).Append('"');
        }

        var common = string.Concat(
            "\"id\":\"bench-", n.ToString(CultureInfo.InvariantCulture), "\",\"timestamp\":\"", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            "\",\"serviceUrl\":\"", serviceUrl, "\",\"channelId\":\"msteams\",",
            "\"from\":{\"id\":\"", member.UserId, "\",\"name\":\"Member ", member.Index.ToString(CultureInfo.InvariantCulture), "\",\"aadObjectId\":\"aad-", member.Index.ToString(CultureInfo.InvariantCulture), "\"},",
            "\"conversation\":{\"id\":\"", member.ConversationId, "\",\"conversationType\":\"personal\",\"tenantId\":\"", member.Tenant, "\"},",
            "\"recipient\":{\"id\":\"28:alliancebot\",\"name\":\"AllianceBot\"},\"locale\":\"en-US\",\"localTimezone\":\"Europe/Amsterdam\",",
            "\"channelData\":{\"tenant\":{\"id\":\"", member.Tenant, "\"}}");
        return mode == "invoke"
            ? "{\"type\":\"invoke\",\"name\":\"adaptiveCard/action\"," + common + ",\"value\":{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"pulse.submit\",\"data\":{" + data + "}},\"trigger\":\"manual\"}}"
            : "{\"type\":\"message\",\"replyToId\":\"card-" + member.Index.ToString(CultureInfo.InvariantCulture) + "\"," + common + ",\"value\":{\"verb\":\"pulse.submit\"," + data + "}}";
    }
}
