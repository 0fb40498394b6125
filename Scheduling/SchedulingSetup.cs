using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Scheduling.Maintenance;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Rounds;
using AllianceBot.Dialogs.Rounds.Schedules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using AllianceBot.Trust;
using Quartz;

namespace AllianceBot.Scheduling;

public static class SchedulingSetup
{
    /// <summary>
    /// Round triggers (Quartz, persistent store in the app's database) that call Dialogs' round slice
    /// (<see cref="IRoundLifecycle"/>, registered by AddDialogs), <see cref="IRoundTriggers"/> through which the slice
    /// arms them, the outbox dispatcher and retention pruning. Registers unconditionally: what it needs (<see cref="Database"/>,
    /// <see cref="IOutboxStore"/>, <see cref="IContactStore"/> from AddStorage; the round slice and the round timing
    /// options from AddDialogs; <see cref="TimeProvider"/> from the host) is checked when the container is built (ValidateOnBuild), so the order of the Add* calls
    /// does not matter and a missing layer fails at start-up, not at the first round.
    /// </summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxDispatcherOptions>().BindConfiguration(OutboxDispatcherOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var scheduling = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (scheduling.Enabled)
        {
            AddQuartz(builder, scheduling);
            services.AddSingleton<IRoundScheduler, QuartzRoundScheduler>();
            services.AddSingleton<IRoundTriggers, QuartzRoundTriggers>();
        }
        else
        {
            services.AddSingleton<IRoundTriggers, NoRoundTriggers>();
        }

        // The round use cases themselves (open, remind, close with their cards, "pulse now", a changed schedule) are
        // Dialogs' round slice (Dialogs/Rounds, registered by AddDialogs); Scheduling only arms triggers for it
        // (IRoundTriggers) and fires them (the jobs call IRoundLifecycle).

        var dispatcher = builder.Configuration.GetSection(OutboxDispatcherOptions.Section).Get<OutboxDispatcherOptions>() ?? new OutboxDispatcherOptions();
        services.AddSingleton<OutboxDispatcherStats>();
        if (dispatcher.Enabled)
        {
            services.AddHostedService<OutboxDispatcher>();
        }

        builder.AddMaintenance();
        return builder;
    }

    private static void AddQuartz(IHostApplicationBuilder builder, SchedulingOptions scheduling)
    {
        var store = QuartzStore.FromConfiguration(builder.Configuration, builder.Environment);
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(s =>
            {
                s.InstanceName = "AllianceBot";
                s.GenerateInstanceId = true;
            });
            quartz.UseDefaultThreadPool(scheduling.MaxConcurrency);
            quartz.UsePersistentStore(persistent =>
            {
                persistent.ConfigureStore(s =>
                {
                    s.MisfireThreshold = scheduling.MisfireThreshold;
                    s.StoreJobDataAsStrings = true;
                });
                persistent.ProvisionSchema();
                persistent.UseSystemTextJsonSerializer();
                switch (store.Provider)
                {
                    case QuartzStore.Postgres:
                        persistent.UsePostgres(store.ConnectionString);
                        break;
                    case QuartzStore.SqlServer:
                        persistent.UseSqlServer(store.ConnectionString);
                        break;
                    default:
                        persistent.UseSqlite(store.ConnectionString);
                        break;
                }

                if (store.Clustered)
                {
                    persistent.UseClustering(c => c.CheckinInterval = scheduling.ClusterCheckinInterval);
                }
            });
        });
        builder.Services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
    }
}
