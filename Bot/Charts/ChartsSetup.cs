using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Charts;

public static class ChartsSetup
{
    public static IHostApplicationBuilder AddCharts(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<ChartOptions>()
            .Bind(configuration.GetSection(ChartOptions.Section))
            .Configure(o => o.PublicBaseUrl = configuration["Bot:PublicBaseUrl"] is { Length: > 0 } url ? url : o.PublicBaseUrl)
            .ValidateDataAnnotations()
            .Validate(o => o.SigningKey.Length >= 32,
                "Charts:SigningKey is missing or shorter than 32 characters. Set it to a random secret, e.g. `openssl rand -base64 48`.")
            .Validate(o => o.HasValidBaseUrl, "Bot:PublicBaseUrl must be an absolute http(s) URL, e.g. https://bot.example.com.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IPostConfigureOptions<ChartOptions>, DevelopmentSigningKey>();
        builder.Services.AddSingleton<ChartUrlSigner>();
        builder.Services.AddSingleton<ChartCache>();
        builder.Services.AddSingleton<IChartLinks, ChartLinks>();

        // Real charts for the health check: data from the same evaluation as the cards, links for the dialogs.
        builder.Services.AddSingleton<IChartDataSource, HealthChartDataSource>();
        builder.Services.AddSingleton<AllianceBot.Dialogs.HealthCheck.IHealthChartLinks, HealthChartLinks>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        app.MapGet(ChartEndpoint.Route, ChartEndpoint.GetAsync);
        return app;
    }

    /// <summary>In Development only: a random per-process key when none is configured, logged so links can be checked.</summary>
    private sealed class DevelopmentSigningKey(IHostEnvironment environment, ILogger<ChartUrlSigner> log) : IPostConfigureOptions<ChartOptions>
    {
        public void PostConfigure(string? name, ChartOptions options)
        {
            if (options.SigningKey.Length > 0 || !environment.IsDevelopment())
            {
                return;
            }

            options.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            log.LogWarning("Charts:SigningKey is not set; using a random key for this process (Development only): {SigningKey}", options.SigningKey);
        }
    }
}
