using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using AllianceBot.ConnectorStandIn;

namespace AllianceBot.Bench;

/// <summary>The connector stand-in as its own process, so the bot's CPU and memory are measured alone.</summary>
internal sealed class StandInProcess : IAsyncDisposable
{
    private readonly Process process;

    private StandInProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<StandInProcess> StartAsync(int tenantRate)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "AllianceBot.ConnectorStandIn.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}", "--tenant-rate", tenantRate.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the stand-in");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[stand-in] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var standIn = new StandInProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await http.GetAsync(new Uri(standIn.BaseUrl, "_stats"));
                return standIn;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("the stand-in did not start");
    }

    public async Task<StandInStats> StatsAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<StandInStats>(new Uri(BaseUrl, "_stats?members=true")))!;

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
