using AllianceBot.Data.Tests.Support;
using Dapper;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 18: SQLite's page cache is malloc'd memory that stays resident once filled. At 16 MB per connection it was a
/// tenth of the bot's peak resident set under the inbound benchmark; 4 MB cost no measurable time (docs/benchmarks.md,
/// "Resident set").
/// </summary>
public sealed class SqlitePageCacheTests
{
    [Fact]
    public async Task EveryConnectionTheStoreOpensKeepsAtMostFourMegabytesOfPages()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using var connection = await test.OpenAsync();

        // Negative: a limit in KiB rather than in pages.
        Assert.Equal(-4096, await connection.ExecuteScalarAsync<long>("PRAGMA cache_size"));
    }
}
