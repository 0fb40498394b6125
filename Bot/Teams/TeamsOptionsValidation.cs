using System.Security.Cryptography;
using AllianceBot.Bot.Teams.Outbound;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Teams;

/// <summary>
/// Development mode (no app id) is only allowed in the Development environment. Outside it the host stops at start-up
/// naming exactly what the chosen <c>Teams:AppType</c> still needs: SingleTenant a tenant and one credential,
/// UserAssignedMSI the identity's client id and no secret, MultiTenant one credential.
/// </summary>
internal sealed class TeamsOptionsValidation(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<TeamsOptions>
{
    private const string Credentials = "Teams:AppPassword (Teams__AppPassword), Teams:ClientCertificatePath (Teams__ClientCertificatePath) " +
                                       "or a federated token file (Teams:FederatedTokenFile, or the AZURE_FEDERATED_TOKEN_FILE variable of workload identity)";

    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var failures = new List<string>();
        if (options.DevelopmentMode && !environment.IsDevelopment())
        {
            failures.Add($"Teams:AppId (environment variable Teams__AppId) is required in the {environment.EnvironmentName} environment; " +
                         "unauthenticated development mode only runs when ASPNETCORE_ENVIRONMENT=Development.");
        }

        if (!Enum.IsDefined(options.AppType))
        {
            failures.Add($"Teams:AppType must be SingleTenant, UserAssignedMSI or MultiTenant, got '{options.AppType}'.");
        }
        else if (!options.DevelopmentMode)
        {
            ValidateIdentity(options, failures);
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

    private void ValidateIdentity(TeamsOptions options, List<string> failures)
    {
        var type = options.AppType;
        if (type == TeamsAppType.UserAssignedMSI)
        {
            if (string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
            {
                failures.Add("Teams:ManagedIdentityClientId (Teams__ManagedIdentityClientId) is required for Teams:AppType=UserAssignedMSI: the client id of the bot's user-assigned managed identity.");
            }

            foreach (var (setting, value) in new[] { ("Teams:AppPassword", options.AppPassword), ("Teams:ClientCertificatePath", options.ClientCertificatePath), ("Teams:FederatedTokenFile", options.FederatedTokenFile) })
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    failures.Add($"{setting} must be empty for Teams:AppType=UserAssignedMSI: the managed identity needs no secret.");
                }
            }

            return;
        }

        if (type == TeamsAppType.SingleTenant && string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add("Teams:TenantId (Teams__TenantId) is required for Teams:AppType=SingleTenant (the default): the Entra tenant id of the bot's app registration. " +
                         "Only bots created before 31 July 2025 may use Teams:AppType=MultiTenant instead.");
        }

        var ambient = configuration[ConnectorTokens.FederatedTokenFileVariable];
        switch (options.Credential(ambient))
        {
            case null when string.IsNullOrWhiteSpace(options.AppPassword) && string.IsNullOrWhiteSpace(options.ClientCertificatePath) && string.IsNullOrWhiteSpace(options.FederatedTokenFile):
                failures.Add($"Teams:AppType={type} needs a credential: {Credentials}.");
                break;
            case null:
                failures.Add($"Teams:AppType={type} takes exactly one credential, but more than one of Teams:AppPassword, Teams:ClientCertificatePath and Teams:FederatedTokenFile is set.");
                break;
            case TeamsCredential.Certificate:
                try
                {
                    ClientCertificate.Load(options.ClientCertificatePath!, options.ClientCertificatePassword).Dispose();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
                {
                    failures.Add($"Teams:ClientCertificatePath '{options.ClientCertificatePath}' could not be loaded as a PEM or PFX certificate with a private key " +
                                 $"(Teams:ClientCertificatePassword if it is encrypted): {e.Message}");
                }

                break;
            case TeamsCredential.FederatedToken:
                var file = options.EffectiveFederatedTokenFile(ambient);
                if (!File.Exists(file))
                {
                    failures.Add($"The federated token file '{file}' (Teams:FederatedTokenFile or AZURE_FEDERATED_TOKEN_FILE) does not exist.");
                }

                break;
        }
    }
}
