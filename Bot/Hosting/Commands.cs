using AllianceBot.Bot.Teams.Package;
using AllianceBot.Data;

namespace AllianceBot.Bot.Hosting;

/// <summary>
/// The bot's one-shot commands, run instead of the host: <c>migrate</c> (apply database migrations and exit),
/// <c>teams-package</c> (write the Teams app zip) and <c>healthcheck</c> (ask a running bot's /healthz; exit code
/// 0 or 1, for a container HEALTHCHECK in images without curl).
/// </summary>
public static class Commands
{
    /// <summary>The exit code when <paramref name="args"/> names a command; null when the host should run.</summary>
    public static async Task<int?> TryRunAsync(string[] args, IConfiguration configuration) => args switch
    {
        ["migrate", ..] => await StorageSetup.MigrateAsync(configuration, Console.Out),
        ["teams-package", ..] => TeamsPackage.Run(args, Console.Out, Console.Error),
        ["healthcheck", ..] => await HealthCheckAsync(HealthUrl(configuration), Console.Error),
        _ => null,
    };

    /// <summary>
    /// /healthz on loopback at the port the host binds: <c>HTTP_PORTS</c> (ASPNETCORE_HTTP_PORTS, as container images
    /// set it), else the first of <c>urls</c> (ASPNETCORE_URLS), else 8080.
    /// </summary>
    public static Uri HealthUrl(IConfiguration configuration)
    {
        var port = configuration["HTTP_PORTS"]?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (port is null && configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } url)
        {
            // Kestrel's wildcard hosts (*, +, 0.0.0.0, [::]) are not valid in a Uri; only the port matters here.
            var afterScheme = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
            var colon = afterScheme.LastIndexOf(':');
            port = colon < 0 ? "80" : afterScheme[(colon + 1)..].TrimEnd('/');
        }

        return new Uri($"http://127.0.0.1:{port ?? "8080"}/healthz");
    }

    public static async Task<int> HealthCheckAsync(Uri url, TextWriter errors)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await errors.WriteLineAsync($"healthcheck: {url} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await errors.WriteLineAsync($"healthcheck: {url} did not answer: {e.Message}");
        }

        return 1;
    }
}
