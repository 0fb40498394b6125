namespace AllianceBot.Bot.Tests.Telemetry;

/// <summary>
/// OpenTelemetry's tracer and meter providers listen to the bot's ActivitySource and Meter process-wide, so a host
/// under test would also export the spans and metrics of every other test host running in parallel; under that flood
/// its batch queue can drop the very spans a test waits for. These tests therefore run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry exports (process-wide listeners)";
}
