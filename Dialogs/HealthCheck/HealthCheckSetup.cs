using AllianceBot.Dialogs.Demo;
using AllianceBot.Trust;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AllianceBot.Dialogs.HealthCheck;

public static class HealthCheckSetup
{
    /// <summary>
    /// The health check, drift and demo dialogs with their services: trust-model options (section <c>Trust</c>,
    /// validated at start-up), <see cref="HealthEvaluator"/>, <see cref="DemoAlliances"/> (section <c>Demo</c>).
    /// Needs storage (Database, IContactStore, AllianceScopes) and an <see cref="IHealthChartLinks"/> from the host.
    /// </summary>
    public static IServiceCollection AddHealthCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrustOptions>()
            .Bind(configuration.GetSection("Trust"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustOptions>, TrustOptionsValidator>();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.TryAddSingleton<HealthEvaluator>();
        services.TryAddSingleton<IRoundEvaluator>(sp => sp.GetRequiredService<HealthEvaluator>());
        services.AddSingleton<DemoAlliances>();
        services.AddSingleton<Commitments.CommitmentBoard>();
        services.TryAddSingleton<Alliances.AllianceDirectory>();
        services.AddDialog<HealthCheckDialog>();
        services.AddDialog<Commitments.CommitmentsDialog>();
        services.AddDialog<DemoDialog>();
        return services;
    }

    private sealed class TrustOptionsValidator : IValidateOptions<TrustOptions>
    {
        public ValidateOptionsResult Validate(string? name, TrustOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
