// Fan-out of one round through the real OutboxDispatcher to the rate-limited connector stand-in.
//   dotnet run -c Release --project bench/AllianceBot.Bench -- --members 10000 --tenants 1 --rate 30 [--store sqlite|postgres]
//   dotnet run -c Release --project bench/AllianceBot.Bench -- --members 10000 --tenants 4 --rate 30
// Prints one markdown table row and a JSON line; docs/benchmarks.md records the runs.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AllianceBot.Bench;
using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Channels;
using AllianceBot.ConnectorStandIn.Client;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

var settings = Arguments.Parse(args);
await using var standIn = await StandInProcess.StartAsync(settings.Rate);
await using var stores = await Stores.CreateAsync(settings.Store, settings.Postgres);
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.ConnectionClose = false;

// One round: a pulse card per member, members spread round-robin over the tenants, 1:1 conversations known
// (Teams hands the personal conversation id to the bot when the app is installed for a person).
var card = new CardView(CardKind.Pulse, "Monthly pulse: Acme × Globex", [new Paragraph("How did the alliance do this month?")], [], "Monthly pulse");
var now = DateTimeOffset.UtcNow;
var members = Enumerable.Range(0, settings.Members).Select(i =>
{
    var tenant = $"tenant-{i % settings.Tenants}";
    return new ConversationReference(MemberIdentity.Teams, tenant, $"29:{tenant}-{i}", standIn.BaseUrl.ToString(), $"a:{tenant}-{i}", "28:alliancebot");
}).ToList();
foreach (var member in members)
{
    await stores.Contacts.RecordSightingAsync(new ContactSighting(member, null, "en-US", null, now), CancellationToken.None);
}

var messages = members.Select(member => OutboxJson.Compose("pulse", member, card, now, deduplicationKey: $"round-1/{member.Identity}")).ToList();
await stores.Outbox.EnqueueAsync(messages, CancellationToken.None);

var options = new OutboxDispatcherOptions { TeamsTenantRequestsPerSecond = settings.Rate, MaxInFlight = settings.InFlight, PollInterval = TimeSpan.FromMilliseconds(100) };
var stats = new OutboxDispatcherStats();
// As the bot composes it: the messenger resolved per send from a container, the Teams rate limits of Bot/Teams.
using var container = new ServiceCollection().AddSingleton<IChannelMessenger>(new StandInTeamsMessenger(http)).BuildServiceProvider();
var dispatcher = new OutboxDispatcher(stores.Outbox, stores.Contacts, container.GetRequiredService<IServiceScopeFactory>(),
    [new TeamsRateLimits(Options.Create(options))], new OutboxSignal(), TimeProvider.System, Options.Create(options), stats, NullLogger<OutboxDispatcher>.Instance);

var self = Process.GetCurrentProcess();
GC.Collect();
var cpuBefore = self.TotalProcessorTime;
var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
var clock = Stopwatch.StartNew();
await dispatcher.StartAsync(CancellationToken.None);
while (await stores.UnfinishedAsync() > 0)
{
    await Task.Delay(1000);
    if (clock.Elapsed.TotalSeconds % 30 < 1)
    {
        Console.Error.WriteLine($"{clock.Elapsed:mm\\:ss} sent {stats.Sent}/{settings.Members}, 429s {stats.Throttled}");
    }
}

await dispatcher.StopAsync(CancellationToken.None);
clock.Stop();
self.Refresh();
var cpu = self.TotalProcessorTime - cpuBefore;
var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
var server = await standIn.StatsAsync(http);

// Sustained rate, as the server saw it: a limit of R per sliding second lets R through at once, so the first R
// messages are free and the rest are spread over (last - first). (n - 1) / span would flatter a bursty sender.
double Sustained(long messages, DateTimeOffset from, DateTimeOffset to, int allowance) =>
    to > from ? (messages - allowance) / (to - from).TotalSeconds : 0;
var perTenant = server.Tenants.Values
    .Select(t => Sustained(t.Messages, t.FirstMessageAt!.Value, t.LastMessageAt!.Value, settings.Rate))
    .OrderBy(r => r)
    .ToList();
var first = server.Tenants.Values.Min(t => t.FirstMessageAt!.Value);
var last = server.Tenants.Values.Max(t => t.LastMessageAt!.Value);
var overall = Sustained(server.Messages, first, last, settings.Rate * settings.Tenants);
var medianTenant = perTenant[perTenant.Count / 2];
var result = new
{
    settings.Members,
    settings.Tenants,
    settings.Rate,
    settings.InFlight,
    settings.Store,
    WallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
    OverallMessagesPerSecond = Math.Round(overall, 2),
    MedianTenantMessagesPerSecond = Math.Round(medianTenant, 2),
    FractionOfTenantLimit = Math.Round(medianTenant / settings.Rate, 3),
    OverallOverOneTenantLimit = Math.Round(overall / settings.Rate, 2),
    Throttled429 = server.Throttled,
    Lost = settings.Members - server.Members,
    server.Duplicates,
    CpuMsPer1000 = Math.Round(cpu.TotalMilliseconds / settings.Members * 1000, 1),
    AllocatedMBPer1000 = Math.Round(allocated / 1024.0 / 1024 / settings.Members * 1000, 2),
    PeakWorkingSetMB = Math.Round(self.PeakWorkingSet64 / 1024.0 / 1024, 1),
};

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {result.Store} | {result.Members} | {result.Tenants} | {result.Rate}/s | {result.WallSeconds} s | {result.OverallMessagesPerSecond} | {result.MedianTenantMessagesPerSecond} ({result.FractionOfTenantLimit}) | {result.OverallOverOneTenantLimit}× | {result.Throttled429} | {result.Lost} | {result.Duplicates} | {result.CpuMsPer1000} | {result.AllocatedMBPer1000} | {result.PeakWorkingSetMB} |"));
Console.WriteLine(JsonSerializer.Serialize(result));
return result.Lost == 0 && result.Duplicates == 0 ? 0 : 1;

internal sealed record Arguments(int Members, int Tenants, int Rate, int InFlight, string Store, string? Postgres)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback, int min)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
                ? value
                : throw new ArgumentException($"--{name} must be a whole number ≥ {min}");
        }

        return new Arguments(Int("members", 10_000, 1), Int("tenants", 1, 1), Int("rate", 30, 1), Int("in-flight", 32, 1), values.GetValueOrDefault("store", "sqlite"), values.GetValueOrDefault("postgres"));
    }
}
