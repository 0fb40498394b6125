namespace AllianceBot.Bot.Slack;

public static class SlackSetup
{
    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app) => app;
}
