using System.Net;
using AllianceBot.Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public void ProductionWithoutAnAppIdRefusesToStartAndNamesTheSetting()
    {
        var error = StartupFailure.Of(() => new TeamsHost("Production"));

        Assert.Contains("Teams:AppId", error, StringComparison.Ordinal);
        Assert.Contains("Teams__AppId", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAppIdWithoutASecretRefusesToStartAndNamesTheSetting()
    {
        var error = StartupFailure.Of(() => new TeamsHost("Production", new Dictionary<string, string?> { ["Teams:AppId"] = "app" }));

        Assert.Contains("Teams:AppPassword", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AServiceUrlHostPatternWithASchemeRefusesToStartAndNamesTheSetting()
    {
        var error = StartupFailure.Of(() => new TeamsHost("Production", new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "app",
            ["Teams:AppPassword"] = "secret",
            ["Teams:AllowedServiceUrlHosts:0"] = "https://smba.trafficmanager.net/",
        }));

        Assert.Contains("Teams:AllowedServiceUrlHosts", error, StringComparison.Ordinal);
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
