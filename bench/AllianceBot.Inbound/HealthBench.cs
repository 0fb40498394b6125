using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AllianceBot.Bot.Charts;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Inbound;

/// <summary>
/// The health check at scale (issue 18): an alliance of 500 members with 36 closed rounds (<see cref="HealthSeed"/>),
/// the real bot in its own process, and a manager asking "where are we?" in the personal chat through
/// <c>POST /api/messages</c> one request after the other; each turn is timed from the request to the bot's HTTP answer,
/// which comes after the card was posted to the connector (a stand-in in this process that keeps the card). Then the
/// chart PNGs: the card's own signed links (the first request renders, later ones may come from the bot's PNG cache),
/// and, so that every request renders, links signed with the same key for every closed round × chart × language
/// (each one a different chart "as of" that round, never cached).
/// </summary>
internal static partial class HealthBench
{
    private const string SigningKey = "bench-signing-key-0123456789abcdef0123456789abcdef";

    public static async Task<int> RunAsync(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var store = Get("--store", "sqlite");
        var postgres = Get("--postgres", "") is { Length: > 0 } pg ? pg : null;
        var members = int.Parse(Get("--members", "500"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(Get("--rounds", "36"), CultureInfo.InvariantCulture);
        var turns = int.Parse(Get("--turns", "100"), CultureInfo.InvariantCulture);
        var botDll = Get("--bot", "") is { Length: > 0 } dll ? dll : Path.Combine(Root(), "Bot", "bin", "Release", "net10.0", "AllianceBot.Bot.dll");

        using var connector = new CapturingConnector();
        await using var seed = await Seed.CreateAsync(store, postgres);
        var clock = Stopwatch.StartNew();
        var prepared = await HealthSeed.PrepareAsync(seed.Database, members, rounds, connector.BaseUrl);
        Console.Error.WriteLine($"prepared {members} members, {rounds} closed rounds, {prepared.Answers} answers in {clock.Elapsed.TotalSeconds:0.0} s ({store})");

        // Where the time goes: the evaluation alone (database reads + trust model over the last 18 closed rounds), in
        // this process, before the bot starts.
        var evaluator = new AllianceBot.Dialogs.HealthCheck.HealthEvaluator(seed.Database, Options.Create(new TrustOptions()));
        for (var i = 0; i < 5; i++)
        {
            await evaluator.EvaluateAsync(prepared.AllianceId, Language.En, null, CancellationToken.None);
        }

        var evaluations = new List<double>();
        var evaluationCpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < 50; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await evaluator.EvaluateAsync(prepared.AllianceId, Language.En, null, CancellationToken.None);
            evaluations.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"evaluation alone (in the benchmark's process): p50 {evaluations.Order().ElementAt(25):0.0} ms, CPU {(Process.GetCurrentProcess().TotalProcessorTime - evaluationCpu).TotalMilliseconds / 50:0.0} ms each"));

        var environment = seed.Settings.Environment().ToList();
        environment.Add(new("Links__SigningKey", SigningKey));
        var bot = await BotHost.StartAsync(botDll, environment);
        try
        {
            using var http = new HttpClient { BaseAddress = bot.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
            var server = postgres is not null ? await ServerCpu.FindAsync(postgres) : null;

            // The turn: warm-up (JIT, first reads), then timed one after the other.
            for (var i = 0; i < 10; i++)
            {
                await AskAsync(http, connector, prepared, i);
            }

            var (turnTimes, turnCpu, turnServer) = await MeasureAsync(bot, server, turns, i => AskAsync(http, connector, prepared, 1000 + i));
            Row(store, members, rounds, "\"where are we?\" turn (card with chart links)", turnTimes, turnCpu, turnServer);

            var links = ChartLink().Matches(connector.LastBody ?? "").Select(m => WebUtility.HtmlDecode(m.Value).Replace("\\u0026", "&", StringComparison.Ordinal)).Distinct().ToList();
            if (links.Count == 0)
            {
                throw new InvalidOperationException($"the card has no chart link:\n{connector.LastBody}");
            }

            var paths = links.Select(l => new Uri(l).PathAndQuery).ToList();
            var first = new List<double>();
            foreach (var path in paths)
            {
                first.Add(await GetPngAsync(http, path));
            }

            Row(store, members, rounds, $"chart PNG, the card's {paths.Count} links, first request (renders)", first, null, null);
            var (cached, cachedCpu, cachedServer) = await MeasureAsync(bot, server, turns, i => GetPngAsync(http, paths[i % paths.Count]));
            Row(store, members, rounds, "chart PNG, the card's links again (PNG cache)", cached, cachedCpu, cachedServer);

            // Every request a different chart: as of each closed round, both kinds, three languages.
            var signer = new ChartUrlSigner(new AllianceBot.Bot.Links.SignedLinks(Options.Create(new AllianceBot.Bot.Links.LinkOptions { SigningKey = SigningKey }), TimeProvider.System));
            var exp = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
            var uncachedPaths = (from round in prepared.ClosedRounds
                                 from kind in new[] { ChartKind.Nav, ChartKind.Trend }
                                 from language in new[] { Language.En, Language.Nl, Language.De }
                                 let key = new ChartKey(prepared.AllianceId.ToString(), round.ToString(), kind, language)
                                 select $"/charts/{key.AllianceId}/{key.RoundId}/{kind.Slug()}.{language.Code()}.png?exp={exp}&sig={signer.Sign(key, exp)}").ToList();
            var (uncached, uncachedCpu, uncachedServer) = await MeasureAsync(bot, server, uncachedPaths.Count, i => GetPngAsync(http, uncachedPaths[i]));
            Row(store, members, rounds, "chart PNG, every request a new chart (rendered)", uncached, uncachedCpu, uncachedServer);
            return 0;
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
    }

    private static async Task<(List<double> Times, double CpuMs, double? ServerMs)> MeasureAsync(BotHost bot, ServerCpu? server, int count, Func<int, Task<double>> request)
    {
        var cpu = bot.CpuTime();
        var serverBefore = server?.Now();
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            times.Add(await request(i));
        }

        var serverMs = server?.Now() - serverBefore;
        return (times, (bot.CpuTime() - cpu).TotalMilliseconds / count, serverMs?.TotalMilliseconds / count);
    }

    private static async Task<double> AskAsync(HttpClient http, CapturingConnector connector, HealthSeed.Prepared prepared, int n)
    {
        var activity = string.Concat(
            "{\"type\":\"message\",\"id\":\"health-", n.ToString(CultureInfo.InvariantCulture), "\",\"timestamp\":\"", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            "\",\"serviceUrl\":\"", connector.BaseUrl, "\",\"channelId\":\"msteams\",\"text\":\"where are we?\",",
            "\"from\":{\"id\":\"", prepared.ManagerUser, "\",\"name\":\"Manager\",\"aadObjectId\":\"aad-manager\"},",
            "\"conversation\":{\"id\":\"", prepared.ManagerConversation, "\",\"conversationType\":\"personal\",\"tenantId\":\"tenant-0\"},",
            "\"recipient\":{\"id\":\"28:alliancebot\",\"name\":\"AllianceBot\"},\"locale\":\"en-US\",\"localTimezone\":\"Europe/Amsterdam\",",
            "\"channelData\":{\"tenant\":{\"id\":\"tenant-0\"}}}");
        var before = connector.Received;
        var started = Stopwatch.GetTimestamp();
        using var content = new StringContent(activity, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("api/messages", content);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || connector.Received == before || connector.LastBody?.Contains("/charts/", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"turn {n}: HTTP {(int)response.StatusCode}, reply: {connector.LastBody}");
        }

        return elapsed;
    }

    private static async Task<double> GetPngAsync(HttpClient http, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path);
        var png = await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "image/png" || png.Length < 100)
        {
            throw new InvalidOperationException($"GET {path}: HTTP {(int)response.StatusCode} {response.Content.Headers.ContentType}");
        }

        return elapsed;
    }

    private static void Row(string store, int members, int rounds, string what, List<double> times, double? cpuMs, double? serverMs)
    {
        var sorted = times.Order().ToArray();
        double P(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {store} | {members} × {rounds} | {what} | {sorted.Length} | **{P(0.5):0.0}** | {P(0.99):0.0} | {sorted[^1]:0.0} | {(cpuMs is { } c ? c.ToString("0.0", CultureInfo.InvariantCulture) : "–")} | {(serverMs is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "–")} | {Load()} |"));
    }

    private static string Load()
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

    private static string Root()
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

    [GeneratedRegex(@"https?://[^""\s]+/charts/[^""\s]+")]
    private static partial Regex ChartLink();

    /// <summary>The Bot Connector as far as a reply needs it: accepts any POST/PUT, answers an id, keeps the last body.</summary>
    private sealed class CapturingConnector : IDisposable
    {
        private readonly HttpListener listener = new();
        private int received;

        public CapturingConnector()
        {
            var port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(BaseUrl);
            listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string BaseUrl { get; }

        public int Received => Volatile.Read(ref received);

        public string? LastBody { get; private set; }

        private async Task LoopAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    LastBody = await reader.ReadToEndAsync();
                }

                Interlocked.Increment(ref received);
                var answer = Encoding.UTF8.GetBytes("{\"id\":\"1\"}");
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(answer);
                context.Response.Close();
            }
        }

        public void Dispose() => listener.Close();

        private static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
