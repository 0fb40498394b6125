using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Scheduling.Maintenance;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Rounds;
using AllianceBot.Scheduling.Schedules;
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
    /// Rounds (Quartz, persistent store in the app's database) and the outbox dispatcher. Call after AddStorage:
    /// the dispatcher runs only when the storage layer registered <see cref="IOutboxStore"/> and
    /// <see cref="IContactStore"/>. The round use cases (<see cref="IRoundLifecycle"/>) are registered by the
    /// dialog layer.
    /// </summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoundTimingOptions>().BindConfiguration(RoundTimingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxDispatcherOptions>().BindConfiguration(OutboxDispatcherOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var scheduling = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (scheduling.Enabled)
        {
            AddQuartz(builder, scheduling);
            services.AddSingleton<IRoundScheduler, QuartzRoundScheduler>();
            services.AddHostedService<LifecycleCheck>();
        }
        else
        {
            services.AddSingleton<IRoundScheduler, DisabledRoundScheduler>();
        }

        AddRounds(services, builder.Configuration);

        var dispatcher = builder.Configuration.GetSection(OutboxDispatcherOptions.Section).Get<OutboxDispatcherOptions>() ?? new OutboxDispatcherOptions();
        services.AddSingleton<OutboxDispatcherStats>();
        if (dispatcher.Enabled && IsRegistered<IOutboxStore>(services) && IsRegistered<IContactStore>(services))
        {
            services.AddHostedService<OutboxDispatcher>();
        }

        builder.AddMaintenance();
        return builder;
    }

    /// <summary>
    /// The pulse round use cases (<see cref="IRoundLifecycle"/>) and the dialogs' port (<see cref="IRoundControl"/>).
    /// Registered when storage is (they need the <see cref="Database"/> and the outbox).
    /// </summary>
    private static void AddRounds(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PulseOptions>().BindConfiguration(PulseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TrustOptions>().Bind(configuration.GetSection("Trust"));
        if (!IsRegistered<Database>(services) || !IsRegistered<IOutboxStore>(services))
        {
            return;
        }

        services.TryAddSingleton<RoundEvaluation>();
        services.TryAddSingleton<IRoundLifecycle, RoundLifecycle>();
        services.TryAddSingleton<IRoundControl, RoundControl>();
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

    private static bool IsRegistered<T>(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(T));
}
