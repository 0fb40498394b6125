using System.Diagnostics;
using System.Text;

namespace AllianceBot.Crash.Tests;

/// <summary>
/// The real bot (Release build of Bot) as a child process: <c>dotnet AllianceBot.Bot.dll</c> with settings in
/// environment variables, output kept for the failure message, and <see cref="KillHard"/> = SIGKILL (kill -9).
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output;
    private bool disposed;

    private BotProcess(Process process, StringBuilder output)
    {
        this.process = process;
        this.output = output;
    }

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

    public static BotProcess Start(string botDll, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { botDll },
            WorkingDirectory = Path.GetDirectoryName(botDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the bot");
        void Keep(string? line)
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

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BotProcess(process, output);
    }

    /// <summary>SIGKILL on Unix: no shutdown hooks, no graceful stop of the dispatcher, sends cut off mid-flight.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
