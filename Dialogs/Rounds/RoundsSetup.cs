using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Rounds.Schedules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AllianceBot.Dialogs.Rounds;

public static class RoundsSetup
{
    /// <summary>
    /// The pulse round slice (<see cref="IRoundLifecycle"/>: open, remind, close with their cards; <see cref="IRoundControl"/>:
    /// "pulse now" and schedules for the dialogs) and its options (<c>Scheduling:Pulse</c>, <c>Scheduling:Rounds</c>,
    /// validated at start-up). Needs storage (Database, IOutboxStore, TextCatalog) and <see cref="IRoundTriggers"/>
    /// (AddScheduling); registers the health check's <see cref="IRoundEvaluator"/> when AddHealthCheck has not.
    /// Scheduling's Quartz jobs call the lifecycle when the triggers the slice armed fire.
    /// </summary>
    public static IServiceCollection AddRounds(this IServiceCollection services)
    {
        services.AddOptions<PulseOptions>().BindConfiguration(PulseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoundTimingOptions>().BindConfiguration(RoundTimingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<HealthEvaluator>();
        services.TryAddSingleton<IRoundEvaluator>(sp => sp.GetRequiredService<HealthEvaluator>());
        services.AddSingleton<IRoundLifecycle, RoundLifecycle>();
        services.TryAddSingleton<IRoundControl, RoundControl>();
        return services;
    }
}
