using AllianceBot.Data.Outbox;
using AllianceBot.Scheduling.Tests.Fakes;

namespace AllianceBot.Bench;

/// <summary>Which outbox the benchmark drives. Add the Data layer's SQLite store here once it is merged.</summary>
internal static class Stores
{
    public static readonly string[] Known = ["memory"];

    public static IOutboxStore Create(string kind) => kind switch
    {
        "memory" => new InMemoryOutboxStore(),
        _ => throw new ArgumentException($"--store must be one of: {string.Join(", ", Known)}"),
    };

    public static int Unfinished(IOutboxStore store) => store switch
    {
        InMemoryOutboxStore memory => memory.Count(OutboxStatus.Pending) + memory.Count(OutboxStatus.Claimed),
        _ => throw new ArgumentException("unknown store"),
    };
}
