using AllianceBot.Data.Alliances;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AllianceBot.Data.Tests;

public class StorageSetupTests
{
    [Fact]
    public async Task TheHostMigratesAtStartUpAndReportsTheDatabaseReady()
    {
        var folder = Directory.CreateTempSubdirectory("alliancebot-host-");
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration["Storage:DataFolder"] = folder.FullName;
            builder.AddStorage();
            using var host = builder.Build();

            await host.StartAsync();
            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains(StorageSetup.ReadyTag));
            var deduplicator = host.Services.GetRequiredService<IInboundDeduplicator>();
            await host.StopAsync();

            Assert.Equal(HealthStatus.Healthy, health.Status);
            Assert.Contains("database", health.Entries.Keys);
            Assert.True(File.Exists(Path.Combine(folder.FullName, "alliancebot.db")));
            Assert.True(await deduplicator.TryBeginAsync("msteams", "activity-1", DateTimeOffset.UnixEpoch, CancellationToken.None));
            Assert.IsType<ContactStore>(host.Services.GetRequiredService<IContactStore>());
            Assert.IsType<OutboxStore>(host.Services.GetRequiredService<IOutboxStore>());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AWrongProviderStopsTheHostNamingTheSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Storage:Provider"] = "oracle";
        builder.AddStorage();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Storage:Provider 'oracle' is not one of sqlite, postgres, sqlserver", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableServerMakesTheReadyCheckUnhealthyNotAnException()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Storage:Provider"] = "postgres";
        builder.Configuration["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=2";
        builder.Configuration["Storage:MigrateOnStart"] = "false";
        builder.AddStorage();
        using var host = builder.Build();

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        var failure = await Assert.ThrowsAsync<StorageException>(() => host.Services.GetRequiredService<Database>().GetAllianceAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Equal(StorageErrorKind.Unavailable, failure.Kind);
    }
}
