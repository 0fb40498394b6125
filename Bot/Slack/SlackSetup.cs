using AllianceBot.Bot.Slack.Inbound;
using AllianceBot.Bot.Slack.Install;
using AllianceBot.Bot.Slack.Signing;
using AllianceBot.Bot.Slack.WebApi;
using AllianceBot.Dialogs.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Slack;

public static class SlackSetup
{
    /// <summary>
    /// Registers the Slack channel when it is switched on (<c>Slack:Enabled</c>, or a signing secret or bot token
    /// configured). Off, nothing is registered and no Slack URL exists.
    /// </summary>
    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SlackOptions.Section);
        if (!(section.Get<SlackOptions>() ?? new SlackOptions()).IsEnabled)
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<SlackOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackSecretsValidator>();
        services.AddHttpClient(SlackApiClient.HttpClientName);

        services.AddSingleton<SlackTokenCipher>();
        services.AddSingleton<SlackTokens>();
        services.AddSingleton<ISlackTokenSource>(sp => sp.GetRequiredService<SlackTokens>());
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<SlackMessenger>();
        services.AddSingleton<IChannelMessenger>(sp => sp.GetRequiredService<SlackMessenger>());
        services.AddSingleton<AllianceBot.Scheduling.Outbox.RateLimits.IChannelRateLimits, SlackRateLimits>();

        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackWorkQueue>();
        services.TryAddSingleton<TurnPipeline>(); // the one inbound pipeline, shared by every channel
        services.AddScoped<SlackChannel>();
        services.AddHostedService<SlackTurnWorker>();
        if (section.Get<SlackOptions>()?.IsDistributed == true)
        {
            services.AddSingleton<SlackTokenRefresher>();
            services.AddHostedService(sp => sp.GetRequiredService<SlackTokenRefresher>());
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<SlackWorkQueue>() is null)
        {
            return app;
        }

        app.MapSlackEndpoints();
        // The install URLs exist only when the app is distributed (Slack:ClientId).
        return app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value.IsDistributed ? app.MapSlackInstall() : app;
    }
}

/// <summary>
/// Outside Development a running Slack channel needs its signing secret, and a bot token (one workspace) or a client id
/// with encryption keys (many workspaces); the message names the setting to fill in. A client id always needs its secret.
/// </summary>
internal sealed class SlackSecretsValidator(IHostEnvironment environment) : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var missing = new List<string>(SlackTokenCipher.Problems(options.TokenEncryptionKeys));
        if (options.IsDistributed && string.IsNullOrEmpty(options.ClientSecret))
        {
            missing.Add("Slack:ClientSecret is required with Slack:ClientId (environment variable Slack__ClientSecret; Slack app → Basic Information → Client Secret).");
        }

        if (environment.IsDevelopment())
        {
            return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
        }

        if (string.IsNullOrEmpty(options.SigningSecret))
        {
            missing.Add("Slack:SigningSecret is required when Slack is enabled outside Development (environment variable Slack__SigningSecret; Slack app → Basic Information → Signing Secret).");
        }

        if (!options.IsDistributed && string.IsNullOrEmpty(options.BotToken))
        {
            missing.Add("Slack:BotToken is required when Slack is enabled outside Development without Slack:ClientId (environment variable Slack__BotToken; Slack app → OAuth & Permissions → Bot User OAuth Token). To serve several workspaces set Slack:ClientId instead.");
        }

        if (options.IsDistributed && options.TokenEncryptionKeys.Count == 0)
        {
            missing.Add("Slack:TokenEncryptionKeys is required with Slack:ClientId outside Development (environment variable Slack__TokenEncryptionKeys__v1 = openssl rand -base64 32): installation tokens are stored encrypted.");
        }

        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
