using AllianceBot.Data.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>
/// Where Quartz keeps its tables: the application's own database, read from the same keys the Data layer uses
/// (Storage:Provider sqlite|postgres|sqlserver, Storage:ConnectionString, Storage:DataFolder → data/alliancebot.db under the content root, by the one rule of
/// <see cref="StorageOptions.SqliteFile"/>).
/// </summary>
public sealed record QuartzStore(string Provider, string ConnectionString)
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string SqlServer = "sqlserver";

    /// <summary>Several bot instances share one trigger table only on a server database.</summary>
    public bool Clustered => Provider is Postgres or SqlServer;

    public static QuartzStore FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = (configuration["Storage:Provider"] ?? Sqlite).Trim().ToLowerInvariant();
        var connectionString = configuration["Storage:ConnectionString"];
        switch (provider)
        {
            case Sqlite:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
                    var file = storage.SqliteFile(environment.ContentRootPath);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    connectionString = $"Data Source={file}";
                }

                return new QuartzStore(Sqlite, connectionString);

            case Postgres or "postgresql" or SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"Storage:Provider is '{provider}' but Storage:ConnectionString (env Storage__ConnectionString) is empty.");
                }

                return new QuartzStore(provider == "postgresql" ? Postgres : provider, connectionString);

            default:
                throw new InvalidOperationException(
                    $"Storage:Provider '{provider}' is not supported; use sqlite, postgres or sqlserver.");
        }
    }
}
