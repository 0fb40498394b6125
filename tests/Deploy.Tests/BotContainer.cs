using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

using AllianceBot.Tests.Shared;

namespace AllianceBot.Deploy.Tests;

/// <summary>
/// One bot process from the published folder, run the way the image runs it: <c>dotnet AllianceBot.Bot.dll</c> as the
/// container user (setpriv when the tests run as root), HOME pointing nowhere writable, the port from
/// ASPNETCORE_HTTP_PORTS, settings in environment variables. <see cref="Terminate"/> sends SIGTERM (docker stop).
/// </summary>
internal sealed partial class BotContainer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private BotContainer(Process process, int port, IReadOnlyDictionary<string, string> environment)
    {
        this.process = process;
        Port = port;
        Environment = environment;
    }

    public int Port { get; }

    public int ProcessId => process.Id;

    public IReadOnlyDictionary<string, string> Environment { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

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

    public static async Task<BotContainer> StartAsync(string dataFolder, IReadOnlyDictionary<string, string> settings)
    {
        var app = await PublishedBot.AppFolderAsync();
        var port = ChildProcess.FreeLoopbackPort();
        var environment = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage__DataFolder"] = dataFolder,
            ["HOME"] = "/nonexistent",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        var start = Command(app, ["AllianceBot.Bot.dll"], environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException("the bot did not start");
        var container = new BotContainer(process, port, environment);
        process.OutputDataReceived += (_, e) => container.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => container.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return container;
    }

    /// <summary>The image's HEALTHCHECK: the bot's own <c>healthcheck</c> command, as the same user, same settings.</summary>
    public async Task<ProcessResult> HealthCheckAsync() =>
        await ChildProcess.RunAsync(Command(await PublishedBot.AppFolderAsync(), ["AllianceBot.Bot.dll", "healthcheck"], Environment), TimeSpan.FromMinutes(1));

    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            Assert.False(process.HasExited, $"the bot exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await client.GetAsync(new Uri($"http://127.0.0.1:{Port}/readyz"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the bot was not ready within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM, what <c>docker stop</c> and Container Apps send before they kill.</summary>
    public void Terminate() => Assert.Equal(0, Kill(process.Id, 15));

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the bot did not stop within {timeout} of SIGTERM:\n{Output}");
        }

        // Let the asynchronous output readers catch up.
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The user id the process runs as, from /proc.</summary>
    public int RunningUser() =>
        int.Parse(File.ReadAllLines($"/proc/{process.Id}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static ProcessStartInfo Command(string app, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(PublishedBot.RunsAsRoot ? "setpriv" : "dotnet")
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (PublishedBot.RunsAsRoot)
        {
            var user = PublishedBot.ContainerUser.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var arg in new[] { $"--reuid={user}", $"--regid={user}", "--clear-groups", "--", "dotnet" })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }


    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
