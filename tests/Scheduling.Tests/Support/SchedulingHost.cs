using AllianceBot.Dialogs.Rounds;
using AllianceBot.Data;
using AllianceBot.Dialogs.Localization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AllianceBot.Scheduling.Tests.Support;

/// <summary>
/// A host with what the bot's Program.cs gives the scheduling layer: the storage layer, the one clock and the string
/// catalog. The container is validated when built (as in the bot), so a registration the layer forgot fails here.
/// Register test doubles (an <see cref="Rounds.IRoundLifecycle"/>) after calling this: the last registration wins.
/// </summary>
internal static class SchedulingHost
{
    /// <summary>Settings later in <paramref name="settings"/> win (AddScheduling reads some of them while registering).</summary>
    public static HostApplicationBuilder Create(string contentRoot, TimeProvider time, params IEnumerable<IDictionary<string, string?>?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot,
            DisableDefaults = true,
            EnvironmentName = "Test",
        });
        foreach (var layer in settings)
        {
            builder.Configuration.AddInMemoryCollection(layer ?? new Dictionary<string, string?>());
        }
        builder.Services.AddLogging();
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(_ => TextCatalog.LoadEmbedded());
        builder.Services.AddRounds(); // the round slice the jobs call (AddDialogs registers it in the app)
        builder.AddStorage();
        builder.AddScheduling();
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        return builder;
    }
}
