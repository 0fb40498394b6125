using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AllianceBot.Inbound;

/// <summary>
/// The real bot (Release build of Bot) — or a peer (bench/peers) — as its own process: development mode (no app id, so no
/// inbound tokens), storage from the seed. Its CPU time and resident memory are read from /proc, so only the bot's own work is counted.
/// </summary>
internal sealed class BotHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private BotHost(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static Task<BotHost> StartAsync(string botDll, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { botDll },
            WorkingDirectory = Path.GetDirectoryName(botDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return StartAsync(start, port);
    }

    /// <summary>
    /// A peer bot (bench/peers, Node.js) as its own process: <c>node script</c> with PORT and PEER_DB (the SQLite file the
    /// seed prepared) in its environment, development mode (NODE_ENV=development: no app id, no tokens), like the bot.
    /// </summary>
    public static Task<BotHost> StartPeerAsync(string node, string script, string sqliteFile)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(node)
        {
            ArgumentList = { Path.GetFullPath(script) },
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(script))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NODE_ENV"] = "development";
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PEER_DB"] = sqliteFile;
        return StartAsync(start, port);
    }

    private static async Task<BotHost> StartAsync(ProcessStartInfo start, int port)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the bot");
        var host = new BotHost(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the bot exited:\n{host.Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(host.BaseUrl, "readyz"))).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"the bot was not ready within 60 s:\n{host.Output}");
    }

    /// <summary>User + system CPU time of the bot process so far (/proc/PID/stat, clock ticks of 10 ms... read via .NET).</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>Resident set size now, in MB (VmRSS).</summary>
    public double RssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }

    /// <summary>SIGKILL: no shutdown, no flush — what a crash or an OOM kill does.</summary>
    public void KillHard() => process.Kill(entireProcessTree: false);

    public Task WaitForExitAsync() => process.WaitForExitAsync();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 200_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
