namespace AllianceBot.Bot.Teams;

public static class TeamsSetup
{
    public static IHostApplicationBuilder AddTeams(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app) => app;
}
