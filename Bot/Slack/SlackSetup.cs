using AllianceBot.Bot.Slack.Inbound;
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
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SlackApiClient.HttpClientName);

        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<SlackBotIdentity>();
        services.AddSingleton<SlackMessenger>();
        services.AddSingleton<IChannelMessenger>(sp => sp.GetRequiredService<SlackMessenger>());

        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackWorkQueue>();
        services.AddScoped<SlackTurnProcessor>();
        services.AddHostedService<SlackTurnWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app) =>
        app.ServiceProvider.GetService<SlackWorkQueue>() is null ? app : app.MapSlackEndpoints();
}

/// <summary>Outside Development a running Slack channel needs both secrets; the message names the setting to fill in.</summary>
internal sealed class SlackSecretsValidator(IHostEnvironment environment) : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var missing = new List<string>();
        if (string.IsNullOrEmpty(options.SigningSecret))
        {
            missing.Add("Slack:SigningSecret is required when Slack is enabled outside Development (environment variable Slack__SigningSecret; Slack app → Basic Information → Signing Secret).");
        }

        if (string.IsNullOrEmpty(options.BotToken))
        {
            missing.Add("Slack:BotToken is required when Slack is enabled outside Development (environment variable Slack__BotToken; Slack app → OAuth & Permissions → Bot User OAuth Token).");
        }

        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
