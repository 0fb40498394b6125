using AllianceBot.Data;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Scheduling.Maintenance;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Rounds;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AllianceBot.Scheduling.Tests.Rounds;

/// <summary>
/// AddScheduling registers everything whatever the order of the Add* calls; what is missing is found when the
/// container is built, not at the first round.
/// </summary>
public sealed class RegistrationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("alliancebot-registration-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void SchedulingAddedBeforeStorageStillRegistersTheRoundsTheDispatcherAndPruning()
    {
        var builder = Builder();
        builder.AddScheduling();
        builder.AddStorage();
        using var host = builder.Build();

        var hosted = host.Services.GetServices<IHostedService>().ToList();
        Assert.Contains(hosted, s => s is OutboxDispatcher);
        Assert.Contains(hosted, s => s is RetentionPruning);
        Assert.IsType<RoundLifecycle>(host.Services.GetRequiredService<IRoundLifecycle>());
        Assert.IsType<RoundControl>(host.Services.GetRequiredService<IRoundControl>());
    }

    [Fact]
    public void WithoutStorageTheHostDoesNotBuildAndNamesWhatIsMissing()
    {
        var builder = Builder();
        builder.AddScheduling();

        var error = Assert.Throws<AggregateException>(() => builder.Build());
        Assert.Contains(nameof(AllianceBot.Data.Storage.Database), error.Message, StringComparison.Ordinal);
    }

    private HostApplicationBuilder Builder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = Path.Combine(folder, "data"),
            ["Scheduling:Enabled"] = "false",
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => TextCatalog.LoadEmbedded());
        builder.Services.AddRounds(); // the round slice the jobs call (AddDialogs registers it in the app)
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        return builder;
    }
}
