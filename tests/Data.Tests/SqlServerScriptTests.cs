using System.Reflection;
using AllianceBot.Data.Storage;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace AllianceBot.Data.Tests;

/// <summary>No SQL Server here: every T-SQL text the code can send is at least parsed by Microsoft's own parser.</summary>
public class SqlServerScriptTests
{
    public static TheoryData<string> Scripts => new(Migrator.ScriptNames(StorageProvider.SqlServer));

    /// <summary>SQL Server-only statements in the use cases: constants whose name says SqlServer.</summary>
    public static TheoryData<string> Statements => new(typeof(Database).Assembly.GetTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.Contains("SqlServer", StringComparison.Ordinal))
        .Select(f => $"{f.DeclaringType!.Name}.{f.Name}"));

    [Theory]
    [MemberData(nameof(Scripts))]
    public void MigrationScriptParsesAsTSql(string resourceName)
    {
        var errors = Parse(Migrator.ReadScript(resourceName));

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void SqlServerStatementParsesAsTSql(string constant)
    {
        var (typeName, fieldName) = (constant[..constant.IndexOf('.', StringComparison.Ordinal)], constant[(constant.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        var field = typeof(Database).Assembly.GetTypes().Single(t => t.Name == typeName)
            .GetField(fieldName, BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!;

        var errors = Parse((string)field.GetValue(null)!);

        Assert.Empty(errors);
    }

    [Fact]
    public void TheIdempotentInsertWrapperParsesAsTSql()
    {
        var sql = Sql.InsertIgnore(StorageProvider.SqlServer, "INSERT INTO inbound_deliveries (channel, delivery_key, seen_at) VALUES (@Channel, @Key, @now)");

        Assert.Empty(Parse(sql));
    }

    [Fact]
    public void TheParserDoesReportBrokenTSql()
    {
        Assert.NotEmpty(Parse("CREATE TABLE broken (id int NOT NULL PRIMARY KEY,, name nvarchar(10))"));
    }

    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors.Select(e => e).ToList();
    }
}
