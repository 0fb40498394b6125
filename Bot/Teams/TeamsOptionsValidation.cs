using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Teams;

/// <summary>
/// Development mode (no app id) is only allowed in the Development environment; outside it a missing app id or
/// secret stops the host at start-up with the name of the setting to fill in.
/// </summary>
internal sealed class TeamsOptionsValidation(IHostEnvironment environment) : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var failures = new List<string>();
        if (options.DevelopmentMode && !environment.IsDevelopment())
        {
            failures.Add($"Teams:AppId (environment variable Teams__AppId) is required in the {environment.EnvironmentName} environment; " +
                         "unauthenticated development mode only runs when ASPNETCORE_ENVIRONMENT=Development.");
        }

        if (!options.DevelopmentMode && string.IsNullOrWhiteSpace(options.AppPassword))
        {
            failures.Add("Teams:AppPassword (environment variable Teams__AppPassword) is required when Teams:AppId is set.");
        }

        foreach (var (setting, url) in new[] { ("Teams:OpenIdMetadataUrl", options.OpenIdMetadataUrl), ("Teams:EntraOpenIdMetadataUrl", options.EntraOpenIdMetadataUrl), ("Teams:LoginAuthorityHost", options.LoginAuthorityHost) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback))
            {
                failures.Add($"{setting} must be an absolute https URL (plain http only on loopback), got '{url}'.");
            }
        }

        foreach (var pattern in options.AllowedServiceUrlHosts ?? [])
        {
            if (!Auth.ServiceUrlPolicy.IsValidPattern(pattern))
            {
                failures.Add($"Teams:AllowedServiceUrlHosts holds '{pattern}': a host name whose labels may be '*', without scheme, port or path.");
            }
        }

        if (options.AllowedCallers.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Teams:AllowedCallers holds an empty entry; list the app ids (GUIDs) of the callers to accept.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
