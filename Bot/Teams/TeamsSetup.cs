using AllianceBot.Bot.Teams.Auth;
using AllianceBot.Bot.Teams.Inbound;
using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Bot.Teams.Roster;
using AllianceBot.Dialogs.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Teams;

public static class TeamsSetup
{
    public static IHostApplicationBuilder AddTeams(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidation>();

        // Inbound: token validation with cached, refreshed signing keys.
        services.AddHttpClient(nameof(InboundAuthenticator));
        services.AddSingleton<InboundAuthenticator>();
        services.AddSingleton<ServiceUrlPolicy>();
        services.TryAddSingleton<TurnPipeline>(); // the one inbound pipeline, shared by every channel
        services.AddScoped<TeamsChannel>();
        services.AddScoped<ActivityProcessor>();

        // Outbound: the connector at each activity's serviceUrl, with client-credential tokens unless in development mode.
        // Outbound tokens per Teams:AppType: client secret, certificate or federated assertion from Entra, or the managed identity.
        services.AddHttpClient(nameof(ConnectorTokens));
        services.AddSingleton(ConnectorTokens.Create);
        services.AddHttpClient<ConnectorClient>((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<TeamsOptions>>().Value.ConnectorTimeout);
        services.AddTransient<TeamsMessenger>();
        services.AddTransient<IChannelMessenger>(sp => sp.GetRequiredService<TeamsMessenger>());
        services.AddSingleton<AllianceBot.Scheduling.Outbox.RateLimits.IChannelRateLimits, TeamsRateLimits>();
        builder.AddTeamsRoster(); // a team's roster, for "import roster"
        return builder;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
        return app;
    }
}
