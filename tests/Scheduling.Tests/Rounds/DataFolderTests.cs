using AllianceBot.Data;
using AllianceBot.Data.Storage;
using AllianceBot.Scheduling.Rounds;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AllianceBot.Scheduling.Tests.Rounds;

/// <summary>
/// A relative Storage:DataFolder means one folder for the whole bot: the Data layer, Quartz's job store and the
/// <c>migrate</c> command all take it from the host's content root, whatever the working directory is.
/// </summary>
public sealed class DataFolderTests : IDisposable
{
    private readonly string contentRoot = Directory.CreateTempSubdirectory("alliancebot-contentroot-").FullName;
    private readonly string relative = $"data-{Guid.NewGuid():N}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(contentRoot, recursive: true);
        var underWorkingDirectory = Path.Combine(Directory.GetCurrentDirectory(), relative);
        if (Directory.Exists(underWorkingDirectory))
        {
            Directory.Delete(underWorkingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task TheDatabaseAndTheJobStoreLandInOneFolderUnderTheContentRoot()
    {
        Assert.NotEqual(Path.GetFullPath(contentRoot), Path.GetFullPath(Directory.GetCurrentDirectory()));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = relative });
        builder.AddStorage();
        using var host = builder.Build();

        await using (await host.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None))
        {
        }

        var expected = Path.Combine(contentRoot, relative, StorageOptions.SqliteFileName);
        Assert.True(File.Exists(expected), $"the database is not at {expected}");
        Assert.False(Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), relative)), "the database landed under the working directory");
        Assert.Equal($"Data Source={expected}", QuartzStore.FromConfiguration(builder.Configuration, builder.Environment).ConnectionString);
    }

    [Fact]
    public async Task TheMigrateCommandMigratesTheFileTheHostOpens()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [HostDefaults.ContentRootKey] = contentRoot,
            ["Storage:DataFolder"] = relative,
        }).Build();

        Assert.Equal(0, await StorageSetup.MigrateAsync(configuration, new StringWriter()));

        Assert.True(File.Exists(Path.Combine(contentRoot, relative, StorageOptions.SqliteFileName)));
        Assert.False(Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), relative)));
    }
}
