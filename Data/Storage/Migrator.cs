using System.Data.Common;
using System.Reflection;
using Dapper;
using DbUp;
using DbUp.Builder;
using DbUp.Engine.Output;

namespace AllianceBot.Data.Storage;

public sealed record MigrationResult(bool Successful, IReadOnlyList<string> Applied, string? Error);

/// <summary>
/// Applies the embedded DbUp scripts of the configured provider (Migrations/Sqlite, Migrations/Postgres,
/// Migrations/SqlServer). Several bot instances starting at once are serialized by a database lock, so only one
/// runs the scripts and the others find nothing left to do.
/// </summary>
public static class Migrator
{
    private static readonly Assembly Scripts = typeof(Migrator).Assembly;

    // SQLite serves one bot instance; this keeps two migrations in that process (host start-up and a test) apart.
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public static string ScriptFolder(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => "Sqlite",
        StorageProvider.Postgres => "Postgres",
        _ => "SqlServer",
    };

    /// <summary>Names of the embedded scripts of one provider, in the order they run.</summary>
    public static IReadOnlyList<string> ScriptNames(StorageProvider provider) =>
        Scripts.GetManifestResourceNames().Where(name => IsScriptOf(provider, name)).Order(StringComparer.Ordinal).ToList();

    public static string ReadScript(string resourceName)
    {
        using var stream = Scripts.GetManifestResourceStream(resourceName)
            ?? throw new ArgumentException($"No embedded script {resourceName}.", nameof(resourceName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static async Task<MigrationResult> MigrateAsync(Database database, TextWriter? log, CancellationToken cancellationToken)
    {
        var upgradeLog = new TextWriterLog(log ?? TextWriter.Null);
        try
        {
            await using var lockConnection = await database.OpenAsync(cancellationToken);
            await AcquireLockAsync(database.Provider, lockConnection);
            try
            {
                return Upgrade(database, lockConnection, upgradeLog);
            }
            finally
            {
                // Released explicitly: a pooled connection keeps a session lock until it is reused.
                await ReleaseLockAsync(database.Provider, lockConnection);
            }
        }
        catch (DbException e)
        {
            return new MigrationResult(false, [], e.Message);
        }
    }

    private static MigrationResult Upgrade(Database database, DbConnection lockConnection, IUpgradeLog upgradeLog)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            // WAL is a property of the file: set once, every later connection reads concurrently with the writer.
            lockConnection.Execute("PRAGMA journal_mode = WAL;");
        }

        var engine = Builder(database)
            .WithScriptsEmbeddedInAssembly(Scripts, name => IsScriptOf(database.Provider, name))
            .WithTransactionPerScript()
            .LogTo(upgradeLog)
            .Build();
        var result = engine.PerformUpgrade();
        return new MigrationResult(result.Successful, result.Scripts.Select(s => s.Name).ToList(), result.Error?.Message);
    }

    private static bool IsScriptOf(StorageProvider provider, string resourceName) =>
        resourceName.Contains($".Migrations.{ScriptFolder(provider)}.", StringComparison.Ordinal)
        && resourceName.EndsWith(".sql", StringComparison.Ordinal);

    private static UpgradeEngineBuilder Builder(Database database) => database.Provider switch
    {
        StorageProvider.Sqlite => DeployChanges.To.SqliteDatabase(database.ConnectionString),
        StorageProvider.Postgres => DeployChanges.To.PostgresqlDatabase(database.ConnectionString),
        _ => DeployChanges.To.SqlDatabase(database.ConnectionString),
    };

    /// <summary>A session lock held by <paramref name="connection"/> until it closes.</summary>
    private static Task AcquireLockAsync(StorageProvider provider, DbConnection connection) => provider switch
    {
        StorageProvider.Postgres => connection.ExecuteAsync("SELECT pg_advisory_lock(7461726)", commandTimeout: 300),
        StorageProvider.SqlServer => connection.ExecuteAsync(
            "DECLARE @r int; EXEC @r = sp_getapplock @Resource = 'alliancebot-migrations', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 300000; IF @r < 0 THROW 50000, 'Could not take the migration lock.', 1;",
            commandTimeout: 310),
        _ => SqliteGate.WaitAsync(),
    };

    private static Task ReleaseLockAsync(StorageProvider provider, DbConnection connection) => provider switch
    {
        StorageProvider.Postgres => connection.ExecuteAsync("SELECT pg_advisory_unlock(7461726)"),
        StorageProvider.SqlServer => connection.ExecuteAsync("EXEC sp_releaseapplock @Resource = 'alliancebot-migrations', @LockOwner = 'Session';"),
        _ => Task.FromResult(SqliteGate.Release()),
    };

    private sealed class TextWriterLog(TextWriter writer) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args) => writer.WriteLine(format, args);

        public void LogWarning(string format, params object[] args) => writer.WriteLine("warning: " + format, args);

        public void LogError(string format, params object[] args) => writer.WriteLine("error: " + format, args);

        public void LogError(Exception ex, string format, params object[] args) => writer.WriteLine("error: " + format + " " + ex.Message, args);
    }
}
