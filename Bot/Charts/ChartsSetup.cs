namespace AllianceBot.Bot.Charts;

public static class ChartsSetup
{
    public static IHostApplicationBuilder AddCharts(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<ChartOptions>()
            .Bind(configuration.GetSection(ChartOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
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
}
