using AllianceBot.Data.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AllianceBot.Scheduling.Maintenance;

internal static class MaintenanceSetup
{
    /// <summary>Daily retention pruning unless switched off (needs the storage layer's <see cref="Database"/>).</summary>
    public static void AddMaintenance(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RetentionPruningOptions>().BindConfiguration(RetentionPruningOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(RetentionPruningOptions.Section).Get<RetentionPruningOptions>() ?? new RetentionPruningOptions();
        if (options.Enabled)
        {
            services.AddSingleton<RetentionPruning>();
            services.AddHostedService(sp => sp.GetRequiredService<RetentionPruning>());
        }
    }
}
