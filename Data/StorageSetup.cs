using Microsoft.Extensions.DependencyInjection.Extensions;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AllianceBot.Data;

public static class StorageSetup
{
    /// <summary>Health checks with this tag gate readiness (/readyz).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Storage from the <c>Storage</c> section: validated options, the <see cref="Database"/>, the ports
    /// (contacts, outbox, inbound de-duplication), migrations before anything else starts, and a ready check.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(sp => Database.FromOptions(sp.GetRequiredService<IOptions<StorageOptions>>().Value, contentRoot));
        // Ports by interface, and the concrete stores for their few extra queries (ContactStore.GetAsync...).
        // The bot's own meter and activity source (Data/Telemetry), used by dialogs, scheduling and the channels.
        builder.Services.TryAddSingleton(sp => new AllianceBot.Data.Telemetry.AllianceTelemetry(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        builder.Services.AddSingleton<ContactStore>();
        builder.Services.AddSingleton<IContactStore>(sp => sp.GetRequiredService<ContactStore>());
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxStore>();
        builder.Services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<OutboxStore>());
        builder.Services.AddSingleton<InboundDeduplicator>();
        builder.Services.AddSingleton<IInboundDeduplicator>(sp => sp.GetRequiredService<InboundDeduplicator>());

        // Registered first in Program.cs, so the schema is in place before the scheduler and channels start.
        builder.Services.AddHostedService<MigrateOnStart>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>The operator's <c>migrate</c> command: applies pending migrations and says what it did. Exit code 0 on success.</summary>
    public static async Task<int> MigrateAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken = default)
    {
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await output.WriteLineAsync(problem);
            }

            return 2;
        }

        // The host's content root (the host builder puts it in its configuration), so `migrate` opens the file the bot opens.
        var database = Database.FromOptions(options, configuration[HostDefaults.ContentRootKey] is { Length: > 0 } root ? Path.GetFullPath(root) : null);
        await output.WriteLineAsync($"Migrating the {options.Provider} database...");
        var result = await Migrator.MigrateAsync(database, output, cancellationToken);
        await output.WriteLineAsync(result.Successful
            ? $"Done: {result.Applied.Count} script(s) applied."
            : $"Migration failed: {result.Error}");
        return result.Successful ? 0 : 1;
    }

    private sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    private sealed class MigrateOnStart(Database database, IOptions<StorageOptions> options, ILogger<MigrateOnStart> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.MigrateOnStart)
            {
                return;
            }

            using var log = new StringWriter();
            var result = await Migrator.MigrateAsync(database, log, cancellationToken);
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Database migration failed: {result.Error}. Check Storage:Provider and Storage:ConnectionString.");
            }

            logger.LogInformation("Storage ready on {Provider}; {Count} migration(s) applied", database.Provider, result.Applied.Count);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class DatabaseHealthCheck(Database database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy($"{database.Provider} answers");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"{database.Provider} does not answer", e);
            }
        }
    }
}
