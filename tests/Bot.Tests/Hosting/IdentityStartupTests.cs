using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Tests.Hosting;

/// <summary>
/// The real host in Production with each Azure Bot app type (Teams:AppType): it starts with a complete identity and
/// refuses an incomplete one at start-up, naming exactly the setting to fill in.
/// </summary>
public sealed class IdentityStartupTests : IDisposable
{
    private const string AppId = "6f1b7a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private readonly TestDataFolder _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string> CompleteIdentities => ["SingleTenant+secret", "SingleTenant+certificate", "SingleTenant+federated", "UserAssignedMSI", "MultiTenant+secret"];

    [Theory]
    [MemberData(nameof(CompleteIdentities))]
    public async Task ProductionStartsWithEachAppType(string identity)
    {
        await using var host = new TeamsHost("Production", Settings(identity));

        var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void ASingleTenantBotWithoutATenantIsRefused()
    {
        var settings = Settings("SingleTenant+secret");
        settings.Remove("Teams:TenantId");

        var error = StartFailure(settings);

        Assert.Contains("Teams:TenantId (Teams__TenantId) is required for Teams:AppType=SingleTenant", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleTenantIsTheDefaultSoAnAppIdAndSecretAloneAreRefused()
    {
        var error = StartFailure(new() { ["Teams:AppId"] = AppId, ["Teams:AppPassword"] = "s3cret" });

        Assert.Contains("Teams:TenantId", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Teams:AppPassword", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMultiTenantBotNeedsNoTenant()
    {
        var settings = Settings("MultiTenant+secret");

        Assert.False(settings.ContainsKey("Teams:TenantId"));
        await using var host = new TeamsHost("Production", settings);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public void WithoutACredentialEveryKindIsNamed()
    {
        var error = StartFailure(new() { ["Teams:AppId"] = AppId, ["Teams:TenantId"] = Tenant });

        Assert.Contains("Teams:AppType=SingleTenant needs a credential", error, StringComparison.Ordinal);
        Assert.Contains("Teams:AppPassword", error, StringComparison.Ordinal);
        Assert.Contains("Teams:ClientCertificatePath", error, StringComparison.Ordinal);
        Assert.Contains("AZURE_FEDERATED_TOKEN_FILE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoCredentialsAreRefusedRatherThanGuessed()
    {
        var settings = Settings("SingleTenant+certificate");
        settings["Teams:AppPassword"] = "s3cret";

        Assert.Contains("takes exactly one credential", StartFailure(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void AManagedIdentityBotNamesItsMissingClientIdAndRefusesASecret()
    {
        var error = StartFailure(new() { ["Teams:AppType"] = "UserAssignedMSI", ["Teams:AppId"] = AppId, ["Teams:AppPassword"] = "s3cret" });

        Assert.Contains("Teams:ManagedIdentityClientId (Teams__ManagedIdentityClientId) is required for Teams:AppType=UserAssignedMSI", error, StringComparison.Ordinal);
        Assert.Contains("Teams:AppPassword must be empty for Teams:AppType=UserAssignedMSI", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadableCertificateIsNamedWithItsPath()
    {
        var path = Path.Combine(_files.Path, "not-a-certificate.pem");
        File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        var error = StartFailure(new() { ["Teams:AppId"] = AppId, ["Teams:TenantId"] = Tenant, ["Teams:ClientCertificatePath"] = path });

        Assert.Contains($"Teams:ClientCertificatePath '{path}' could not be loaded", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFederatedTokenFileIsNamed()
    {
        var missing = Path.Combine(_files.Path, "no-such-token");

        var error = StartFailure(new() { ["Teams:AppId"] = AppId, ["Teams:TenantId"] = Tenant, ["AZURE_FEDERATED_TOKEN_FILE"] = missing });

        Assert.Contains($"The federated token file '{missing}'", error, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Settings(string identity)
    {
        var settings = new Dictionary<string, string?> { ["Teams:AppId"] = AppId };
        var (type, credential) = identity.Split('+') is [var t, var c] ? (t, c) : (identity, null);
        settings["Teams:AppType"] = type;
        if (type == "SingleTenant")
        {
            settings["Teams:TenantId"] = Tenant;
        }

        switch (credential)
        {
            case "secret":
                settings["Teams:AppPassword"] = "s3cret";
                break;
            case "certificate":
                var certificate = Path.Combine(_files.Path, "bot.pem");
                using (var rsa = RSA.Create(2048))
                {
                    using var created = new CertificateRequest("CN=alliancebot", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                        .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
                    File.WriteAllText(certificate, created.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n");
                }

                settings["Teams:ClientCertificatePath"] = certificate;
                break;
            case "federated":
                var token = Path.Combine(_files.Path, "azure-identity-token");
                File.WriteAllText(token, "assertion");
                settings["AZURE_FEDERATED_TOKEN_FILE"] = token;
                break;
            default: // UserAssignedMSI: the identity's client id is also the bot's app id
                settings["Teams:ManagedIdentityClientId"] = AppId;
                settings["Teams:TenantId"] = Tenant;
                break;
        }

        return settings;
    }

    private static string StartFailure(Dictionary<string, string?> settings) =>
        StartupFailure.Of(() => new TeamsHost("Production", settings));
}
