using System.Text.RegularExpressions;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 19: one typed parameter path for instants and ids. Every query passes its values as a Dapper anonymous
/// object, so DateTimeOffset and Guid go through <see cref="Storage.DapperTypeHandlers"/>; a hand-made parameter or a
/// DateTime would bypass it (the bug was exactly a bypass). This scans the source of Data/ and its migrations.
/// </summary>
public sealed partial class StorageConventionTests
{
    private const string HandlerFile = "DapperTypeHandlers.cs";

    /// <summary>
    /// Issue 18: the writer's kept prepared commands (Data/Storage/PreparedStatements.cs) take the parameters Dapper
    /// bound — through the type handlers — and move them to the command kept for the text when Dapper rewrites it (list
    /// expansion). That is the one place parameters are added by hand; every other rule applies to it as well.
    /// </summary>
    private const string KeptCommandsFile = "PreparedStatements.cs";

    private const string ParametersAdd = @"\.Parameters\.Add";

    public static TheoryData<string, string> ForbiddenInCode => new()
    {
        { @"\bDateTime\b(?!Offset)", "an instant is a DateTimeOffset (UTC), never a DateTime" },
        { ParametersAdd, "parameters are a Dapper anonymous object, never added by hand" },
        { @"\bDynamicParameters\b", "parameters are a Dapper anonymous object, never DynamicParameters" },
        { @"DbType\.(DateTime|DateTime2|Guid|String|AnsiString)\b", "only the type handlers choose a DbType" },
        { @"\bCreateParameter\(", "parameters are a Dapper anonymous object, never created by hand" },
    };

    public static TheoryData<string, string, string> ForbiddenInSql => new()
    {
        { "Postgres", @"\btimestamp\b(?!\s*with\s+time\s+zone)(?!tz)|\btimestamp\s+without\b", "PostgreSQL time columns are timestamptz" },
        { "SqlServer", @"\b(datetime2?|smalldatetime)\b", "SQL Server time columns are datetimeoffset" },
        { "Sqlite", @"^\s*[a-z_]+_(at|until)\s+(?!TEXT\b)[A-Z]+", "SQLite time columns are TEXT (fixed-width UTC)" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenInCode))]
    public void NoQueryInDataBypassesTheTypedParameterPath(string pattern, string rule)
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "Data"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith(HandlerFile, StringComparison.Ordinal))
            .ToList();

        var offenders = files.SelectMany(file => File.ReadLines(file)
                .Select((line, index) => (file, line, index))
                .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && Regex.IsMatch(x.line, pattern)
                    && !(pattern == ParametersAdd && Path.GetFileName(file) == KeptCommandsFile)))
            .Select(x => $"{Path.GetRelativePath(RepositoryRoot(), x.file)}:{x.index + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(files.Count > 20, "the scan found the Data/ sources");
        Assert.Contains(files, f => Path.GetFileName(f) == KeptCommandsFile); // the one exemption names a file that exists
        Assert.True(offenders.Count == 0, $"{rule}:\n{string.Join('\n', offenders)}");
    }

    [Theory]
    [MemberData(nameof(ForbiddenInSql))]
    public void EveryMigrationDeclaresInstantsInTheProvidersUtcType(string folder, string pattern, string rule)
    {
        var scripts = Directory.GetFiles(Path.Combine(RepositoryRoot(), "Data", "Migrations", folder), "*.sql");

        var offenders = scripts.SelectMany(file => File.ReadLines(file)
                .Select((line, index) => (file, line, index))
                .Where(x => !x.line.TrimStart().StartsWith("--", StringComparison.Ordinal)
                    && Regex.IsMatch(x.line, pattern, RegexOptions.IgnoreCase) is var hit && hit
                    && !IsConversionFromOldType(x.line)))
            .Select(x => $"{Path.GetFileName(x.file)}:{x.index + 1}: {x.line.Trim()}")
            .ToList();

        Assert.NotEmpty(scripts);
        Assert.True(offenders.Count == 0, $"{rule}:\n{string.Join('\n', offenders)}");
    }

    [Fact]
    public void TheScanRecognisesEachForbiddenSpelling()
    {
        // The patterns above must catch what they are meant to catch, or the scan would pass on anything.
        string[] code = ["DateTime now", "command.Parameters.Add(p)", "new DynamicParameters()", "DbType.Guid", "command.CreateParameter()"];
        var patterns = ForbiddenInCode.Select(row => (string)row[0]).ToList();
        Assert.All(code.Zip(patterns), pair => Assert.Matches(pair.Second, pair.First));
        Assert.DoesNotMatch(patterns[0], "DateTimeOffset now");

        Assert.Matches((string)ForbiddenInSql.First()[1], "    opened_at timestamp NOT NULL,");
        Assert.DoesNotMatch((string)ForbiddenInSql.First()[1], "    opened_at timestamptz NOT NULL,");
        Assert.Matches((string)ForbiddenInSql.Skip(1).First()[1], "    opened_at datetime2(7) NOT NULL,");
        Assert.DoesNotMatch((string)ForbiddenInSql.Skip(1).First()[1], "    opened_at datetimeoffset(7) NOT NULL,");
        Assert.Matches((string)ForbiddenInSql.Last()[1], "    opened_at INTEGER NOT NULL,");
        Assert.DoesNotMatch((string)ForbiddenInSql.Last()[1], "    opened_at TEXT NOT NULL,");
    }

    /// <summary>Migration 0002 names the old type in order to convert from it.</summary>
    private static bool IsConversionFromOldType(string line) =>
        line.Contains("data_type = 'timestamp without time zone'", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AllianceBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("AllianceBot.sln not found above the test output.");
    }
}
