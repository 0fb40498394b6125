using System.Net;
using AllianceBot.Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task ProductionWithoutAnAppIdRefusesToStartAndNamesTheSetting()
    {
        await using var host = new TeamsHost("Production");

        var error = StartFailure(host);

        Assert.Contains("Teams:AppId", error, StringComparison.Ordinal);
        Assert.Contains("Teams__AppId", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppIdWithoutASecretRefusesToStartAndNamesTheSetting()
    {
        await using var host = new TeamsHost("Production", new Dictionary<string, string?> { ["Teams:AppId"] = "app" });

        var error = StartFailure(host);

        Assert.Contains("Teams:AppPassword", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServiceUrlHostPatternWithASchemeRefusesToStartAndNamesTheSetting()
    {
        await using var host = new TeamsHost("Production", new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "app",
            ["Teams:AppPassword"] = "secret",
            ["Teams:AllowedServiceUrlHosts:0"] = "https://smba.trafficmanager.net/",
        });

        var error = StartFailure(host);

        Assert.Contains("Teams:AllowedServiceUrlHosts", error, StringComparison.Ordinal);
    }

    /// <summary>The options validation failure that stopped the host (ValidateOnStart runs when the host starts).</summary>
    private static string StartFailure(TeamsHost host)
    {
        var error = Record.Exception(() => host.CreateClient());
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
            {
                return validation.Message;
            }
        }

        throw new Xunit.Sdk.XunitException($"expected the host to stop with an options validation failure, got {error}");
    }

    [Fact]
    public async Task DevelopmentModeStartsWithoutCredentials()
    {
        await using var host = new TeamsHost("Development");

        var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadinessReportsChecksTaggedReady()
    {
        var healthy = true;
        await using var host = new TeamsHost(services: s => s.AddHealthChecks()
            .AddCheck("probe", () => healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down"), [HealthEndpoints.ReadyTag])
            .AddCheck("not-for-readiness", () => HealthCheckResult.Unhealthy("ignored")));
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        healthy = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ReadinessFollowsTheRealDatabase()
    {
        await using var host = new TeamsHost();
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        Assert.True(File.Exists(host.Data.DatabaseFile), "the host migrated its SQLite file at start-up");

        // The folder disappears (a lost volume): SQLite cannot open the file, so the host is not ready, but alive.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(host.Data.Path, recursive: true);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
