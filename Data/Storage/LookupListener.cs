using Npgsql;

namespace AllianceBot.Data.Storage;

/// <summary>
/// PostgreSQL: receives the change notifications of the watched tables (sent by the statement triggers of migration
/// 0009 when a transaction that changed them commits, from any instance) on one connection of its own, and makes the
/// <see cref="LookupCache"/> stale on each. Until it listens, and whenever its connection is lost, the cache is off
/// (every lookup reads the database) and every entry is stale, because notifications may have been missed; it
/// reconnects with a growing pause and turns the cache back on once it listens again.
/// </summary>
internal sealed class LookupListener : IAsyncDisposable
{
    public const string Channel = "alliancebot_lookups";

    private readonly CancellationTokenSource stopping = new();
    private readonly LookupCache lookups;
    private readonly string connectionString;
    private readonly Task loop;

    public LookupListener(LookupCache lookups, string connectionString)
    {
        this.lookups = lookups;
        // Its own, unpooled connection that the server pings, so a dead connection is noticed within seconds.
        this.connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5, MaxAutoPrepare = 0 }.ToString();
        lookups.Enabled = false;
        loop = Task.Run(() => RunAsync(stopping.Token));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, _) => lookups.Invalidate();
                await connection.OpenAsync(cancellationToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                lookups.Invalidate();
                lookups.Enabled = true;
                pause = TimeSpan.FromMilliseconds(250);
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException or TimeoutException)
            {
                lookups.Enabled = false;
                lookups.Invalidate();
                try
                {
                    await Task.Delay(pause, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }

        lookups.Enabled = false;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }
}
