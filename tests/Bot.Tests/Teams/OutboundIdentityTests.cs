using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams;
using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Bot.Tests.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// Every kind of outbound identity against a local token endpoint playing Entra (HTTPS on 127.0.0.1) or the
/// managed-identity endpoint: the provider the bot builds from its settings must ask the right authority for the scope
/// https://api.botframework.com/.default with exactly the credential Entra expects (PROTOCOLS.md, outbound auth).
/// </summary>
public sealed class OutboundIdentityTests : IAsyncLifetime
{
    private const string AppId = "6f1b7a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string Scope = "https://api.botframework.com/.default";

    private readonly X509Certificate2 _tls = SelfSigned("CN=127.0.0.1", serverAuth: true);
    private LocalServer _entra = null!;
    private int _expiresIn = 3600;

    public async Task InitializeAsync()
    {
        _entra = await LocalServer.StartAsync(_tls);
        _entra.Respond = async (context, request) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = _expiresIn,
                ["access_token"] = $"token-{_entra.Requests.Count}",
            }.ToJsonString());
        };
    }

    public async Task DisposeAsync()
    {
        await _entra.DisposeAsync();
        _tls.Dispose();
    }

    [Fact]
    public async Task SingleTenantWithASecretAsksTheBotsTenantWithTheSecret()
    {
        var tokens = Provider(new() { ["Teams:TenantId"] = Tenant, ["Teams:AppPassword"] = "s3cret" });

        Assert.Equal("token-1", await tokens.GetTokenAsync(CancellationToken.None));

        var (path, form) = TheOnlyTokenRequest();
        Assert.Equal($"/{Tenant}/oauth2/v2.0/token", path);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(AppId, form["client_id"]);
        Assert.Equal(Scope, form["scope"]);
        Assert.Equal("s3cret", form["client_secret"]);
        Assert.False(form.ContainsKey("client_assertion"));
    }

    [Fact]
    public async Task MultiTenantAsksBotframeworkComEvenWhenATenantIsSet()
    {
        var tokens = Provider(new() { ["Teams:AppType"] = "MultiTenant", ["Teams:TenantId"] = Tenant, ["Teams:AppPassword"] = "s3cret" });

        await tokens.GetTokenAsync(CancellationToken.None);

        var (path, form) = TheOnlyTokenRequest();
        Assert.Equal("/botframework.com/oauth2/v2.0/token", path);
        Assert.Equal(Scope, form["scope"]);
        Assert.Equal("s3cret", form["client_secret"]);
    }

    [Fact]
    public async Task TheTokenIsCachedUntilShortlyBeforeItExpires()
    {
        var tokens = Provider(new() { ["Teams:TenantId"] = Tenant, ["Teams:AppPassword"] = "s3cret" });

        Assert.Equal("token-1", await tokens.GetTokenAsync(CancellationToken.None));
        Assert.Equal("token-1", await tokens.GetTokenAsync(CancellationToken.None));

        Assert.Single(_entra.Requests);
    }

    [Theory]
    [InlineData("pem", null)]
    [InlineData("pem", "key-password")]
    [InlineData("pfx", null)]
    [InlineData("pfx", "pfx-password")]
    [InlineData("pfx-base64", "pfx-password")]
    public async Task ACertificateSignsAClientAssertionForTheTokenEndpoint(string format, string? password)
    {
        using var certificate = SelfSigned("CN=alliancebot-client", serverAuth: false);
        using var folder = new TestDataFolder();
        var path = Path.Combine(folder.Path, "bot-cert." + format);
        await File.WriteAllBytesAsync(path, Export(certificate, format, password));
        var tokens = Provider(new() { ["Teams:TenantId"] = Tenant, ["Teams:ClientCertificatePath"] = path, ["Teams:ClientCertificatePassword"] = password });

        await tokens.GetTokenAsync(CancellationToken.None);

        var (requestPath, form) = TheOnlyTokenRequest();
        Assert.Equal($"/{Tenant}/oauth2/v2.0/token", requestPath);
        Assert.Equal(Scope, form["scope"]);
        Assert.False(form.ContainsKey("client_secret"));
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);

        // The assertion: signed with the certificate's key, naming the certificate by its thumbprint, for this app and endpoint.
        var assertion = new JsonWebToken(form["client_assertion"]);
        Assert.True(assertion.TryGetHeaderValue<string>("x5t", out var x5t) | assertion.TryGetHeaderValue<string>("x5t#S256", out var x5tS256));
        if (x5t is not null)
        {
            Assert.Equal(Base64UrlEncoder.Encode(certificate.GetCertHash()), x5t);
        }

        if (x5tS256 is not null)
        {
            Assert.Equal(Base64UrlEncoder.Encode(certificate.GetCertHash(HashAlgorithmName.SHA256)), x5tS256);
        }

        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(assertion.EncodedToken, new TokenValidationParameters
        {
            ValidIssuer = AppId,
            ValidAudience = $"{_entra.BaseUrl}{Tenant}/oauth2/v2.0/token",
            IssuerSigningKey = new X509SecurityKey(X509CertificateLoader.LoadCertificate(certificate.RawData)),
            ValidateLifetime = true,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal(AppId, assertion.Subject);
    }

    [Fact]
    public async Task AFederatedCredentialSendsTheTokenFileAndReadsItAgainForEveryRequest()
    {
        using var folder = new TestDataFolder();
        var file = Path.Combine(folder.Path, "azure-identity-token");
        await File.WriteAllTextAsync(file, "federated-assertion-1\n");
        // Configured the way workload identity does it: only the variable, no Teams setting.
        var tokens = Provider(new() { ["Teams:TenantId"] = Tenant, [ConnectorTokens.FederatedTokenFileVariable] = file });
        _expiresIn = 60; // MSAL renews tokens with less than 5 minutes left, so each call goes to the endpoint

        await tokens.GetTokenAsync(CancellationToken.None);
        await File.WriteAllTextAsync(file, "federated-assertion-2\n"); // the platform rotated it
        await tokens.GetTokenAsync(CancellationToken.None);

        var forms = _entra.Requests.Select(r => Form(r.Body)).ToList();
        Assert.Equal(2, forms.Count);
        Assert.All(forms, f => Assert.Equal(Scope, f["scope"]));
        Assert.All(forms, f => Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", f["client_assertion_type"]));
        Assert.All(forms, f => Assert.False(f.ContainsKey("client_secret")));
        Assert.Equal(["federated-assertion-1", "federated-assertion-2"], forms.Select(f => f["client_assertion"]));
        Assert.All(_entra.Requests, r => Assert.StartsWith($"/{Tenant}/oauth2/v2.0/token", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheFederatedTokenFileSettingOverridesTheWorkloadIdentityVariable()
    {
        using var folder = new TestDataFolder();
        var setting = Path.Combine(folder.Path, "setting");
        var variable = Path.Combine(folder.Path, "variable");
        await File.WriteAllTextAsync(setting, "from-setting");
        await File.WriteAllTextAsync(variable, "from-variable");
        var tokens = Provider(new() { ["Teams:TenantId"] = Tenant, ["Teams:FederatedTokenFile"] = setting, [ConnectorTokens.FederatedTokenFileVariable] = variable });

        await tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal("from-setting", TheOnlyTokenRequest().Form["client_assertion"]);
    }

    [Fact]
    public async Task AUserAssignedManagedIdentityAsksTheManagedIdentityEndpointForTheBotFrameworkResource()
    {
        // The platform's managed-identity endpoint as App Service and Container Apps announce it (IDENTITY_ENDPOINT,
        // IDENTITY_HEADER); plain http on the local host, like the real one.
        await using var identityEndpoint = await LocalServer.StartAsync();
        var headers = new List<string?>();
        identityEndpoint.Respond = async (context, _) =>
        {
            headers.Add(context.Request.Headers["X-IDENTITY-HEADER"].FirstOrDefault());
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["access_token"] = "msi-token",
                ["expires_on"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resource"] = "https://api.botframework.com",
                ["token_type"] = "Bearer",
            }.ToJsonString());
        };
        var clientId = Guid.NewGuid().ToString();
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", identityEndpoint.BaseUrl + "msi/token");
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", "platform-secret-header");
        try
        {
            var tokens = Provider(new() { ["Teams:AppType"] = "UserAssignedMSI", ["Teams:AppId"] = clientId, ["Teams:ManagedIdentityClientId"] = clientId });

            Assert.Equal("msi-token", await tokens.GetTokenAsync(CancellationToken.None));
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        }

        var request = Assert.Single(identityEndpoint.Requests);
        Assert.Equal("GET", request.Method);
        var uri = new Uri(new Uri(identityEndpoint.BaseUrl), request.PathAndQuery);
        Assert.Equal("/msi/token", uri.AbsolutePath);
        var query = QueryHelpers.ParseQuery(uri.Query);
        Assert.Equal("https://api.botframework.com", query["resource"].ToString());
        Assert.Equal(clientId, query["client_id"].ToString());
        Assert.Equal("platform-secret-header", Assert.Single(headers));
        Assert.Empty(_entra.Requests);
    }

    [Fact]
    public void DevelopmentModeSendsNoToken()
    {
        var services = Services(new() { ["Teams:AppId"] = "" });

        Assert.IsType<NoConnectorToken>(ConnectorTokens.Create(services));
    }

    /// <summary>The provider the bot builds (ConnectorTokens.Create) from these settings, talking HTTPS to the local Entra.</summary>
    private IConnectorTokenProvider Provider(Dictionary<string, string?> settings) => ConnectorTokens.Create(Services(settings));

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?> { ["Teams:AppId"] = AppId, ["Teams:LoginAuthorityHost"] = _entra.BaseUrl.TrimEnd('/') };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.Section));
        var tls = _tls;
        services.AddHttpClient(nameof(ConnectorTokens)).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
        {
            // Trust exactly the local Entra's certificate.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawData.SequenceEqual(tls.RawData),
        });
        return services.BuildServiceProvider();
    }

    private (string Path, Dictionary<string, string> Form) TheOnlyTokenRequest()
    {
        var request = Assert.Single(_entra.Requests);
        Assert.Equal("POST", request.Method);
        return (request.PathAndQuery.Split('?')[0], Form(request.Body));
    }

    private static Dictionary<string, string> Form(string body) =>
        QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private static X509Certificate2 SelfSigned(string subject, bool serverAuth)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Through PKCS#12 so Kestrel can use the key on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private static byte[] Export(X509Certificate2 certificate, string format, string? password)
    {
        switch (format)
        {
            case "pem":
                using (var key = certificate.GetRSAPrivateKey()!)
                {
                    var keyPem = password is null
                        ? key.ExportPkcs8PrivateKeyPem()
                        : key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
                    return System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n" + keyPem + "\n");
                }

            case "pfx":
                return certificate.Export(X509ContentType.Pkcs12, password);
            default: // Key Vault's secret of a certificate, mounted as a file: the PFX as base64 text
                return System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12, password)));
        }
    }
}
