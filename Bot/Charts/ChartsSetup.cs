namespace AllianceBot.Bot.Charts;

public static class ChartsSetup
{
    public static IHostApplicationBuilder AddCharts(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder app) => app;
}
