using AllianceBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;

namespace AllianceBot.Bot.Tests.Hosting;

/// <summary>
/// The <c>healthcheck</c> command (the container's HEALTHCHECK; images have no curl) asks /healthz on loopback at
/// the port the host binds. Its exit codes against a running and a stopped bot are in
/// tests/Deploy.Tests/ContainerContractTests.cs.
/// </summary>
public sealed class HealthCheckCommandTests
{
    [Theory]
    [InlineData("HTTP_PORTS", "8080", "http://127.0.0.1:8080/healthz")]
    [InlineData("HTTP_PORTS", "9000;9001", "http://127.0.0.1:9000/healthz")]
    [InlineData("urls", "http://+:5000", "http://127.0.0.1:5000/healthz")]
    [InlineData("urls", "http://[::]:3978/;https://*:3979", "http://127.0.0.1:3978/healthz")]
    [InlineData("urls", "http://0.0.0.0", "http://127.0.0.1/healthz")]
    [InlineData("unrelated", "x", "http://127.0.0.1:8080/healthz")]
    public void TheUrlIsLoopbackAtTheConfiguredPort(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        Assert.Equal(new Uri(expected), Commands.HealthUrl(configuration));
    }

    [Fact]
    public async Task ItExitsZeroOnlyWhenTheServerAnswersSuccess()
    {
        var status = 200;
        var errors = new StringWriter();
        Uri url;
        await using (var server = await LocalServer.StartAsync())
        {
            server.Respond = (context, _) => { context.Response.StatusCode = status; return Task.CompletedTask; };
            url = new Uri($"{server.BaseUrl.TrimEnd('/')}/healthz");

            Assert.Equal(0, await Commands.HealthCheckAsync(url, errors));
            status = 503;
            Assert.Equal(1, await Commands.HealthCheckAsync(url, errors));
            Assert.Contains("answered 503", errors.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await Commands.HealthCheckAsync(url, errors));
        Assert.Contains("did not answer", errors.ToString(), StringComparison.Ordinal);
    }
}
