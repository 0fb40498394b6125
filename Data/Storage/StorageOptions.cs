using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Data.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>The <c>Storage</c> configuration section (env vars <c>Storage__Provider</c>, <c>Storage__ConnectionString</c>...).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>sqlite (default), postgres or sqlserver.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Required for postgres and sqlserver; for sqlite it overrides the file under <see cref="DataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of the SQLite file <c>alliancebot.db</c>; a relative folder is taken from the host's content root (<see cref="SqliteFile"/>).</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The SQLite file's name inside <see cref="DataFolder"/>.</summary>
    public const string SqliteFileName = "alliancebot.db";

    /// <summary>
    /// The full path of the SQLite file. A relative <see cref="DataFolder"/> is taken from <paramref name="contentRoot"/>,
    /// the host's content root (where its appsettings.json is read), not from the working directory: the one rule by
    /// which the Data layer and Quartz's job store (Scheduling/Rounds/QuartzStore.cs) find the same file.
    /// </summary>
    public string SqliteFile(string contentRoot) => Path.Combine(Path.GetFullPath(DataFolder, contentRoot), SqliteFileName);

    /// <summary>How long SQLite waits for the single writer lock before giving up.</summary>
    [Range(1, 300)]
    public int BusyTimeoutSeconds { get; set; } = 10;

    /// <summary>Apply pending migrations when the host starts (the <c>migrate</c> command applies them by hand).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Rounds (with their answers and comments) older than this are pruned.</summary>
    [Range(1, 1200)]
    public int RetentionMonths { get; set; } = 36;

    /// <summary>Processed Teams activity ids / Slack event ids are remembered this long (both retry within minutes).</summary>
    [Range(1, 365)]
    public int InboundRetentionDays { get; set; } = 7;

    /// <summary>
    /// Base64 key (≥ 32 bytes) for the keyed hash that lets "forget me" find a person's comments. When empty a key is
    /// generated once and kept in the database; set it in production so a database dump alone cannot link comments.
    /// </summary>
    public string? CommentKey { get; set; }

    public StorageProvider ParsedProvider() => ParseProvider(Provider)
        ?? throw new InvalidOperationException($"Storage:Provider '{Provider}' is not one of sqlite, postgres, sqlserver.");

    internal static StorageProvider? ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "sqlite" or "" or null => StorageProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => StorageProvider.Postgres,
        "sqlserver" or "mssql" or "azuresql" => StorageProvider.SqlServer,
        _ => null,
    };

    /// <summary>The pruning policy these settings ask for (for PruneAsync).</summary>
    public Privacy.RetentionPolicy RetentionPolicy() => new(RetentionMonths, InboundRetentionDays);

    /// <summary>Every reason these settings cannot work, phrased as the setting to fix; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var provider = ParseProvider(Provider);
        if (provider is null)
        {
            problems.Add($"Storage:Provider '{Provider}' is not one of sqlite, postgres, sqlserver.");
        }
        else if (provider != StorageProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add($"Storage:ConnectionString is required when Storage:Provider is {Provider} (env var Storage__ConnectionString).");
        }

        if (provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(DataFolder))
        {
            problems.Add("Storage:DataFolder must name a folder for the SQLite file.");
        }

        if (!string.IsNullOrWhiteSpace(CommentKey))
        {
            var key = new byte[CommentKey.Length];
            if (!Convert.TryFromBase64String(CommentKey, key, out var length) || length < 32)
            {
                problems.Add("Storage:CommentKey must be base64 of at least 32 random bytes (openssl rand -base64 32).");
            }
        }

        return problems;
    }
}
