using System.Text.RegularExpressions;
using AllianceBot.Data.Storage;
using Dapper;

namespace AllianceBot.Data.Tests.Support;

/// <summary>
/// What the database itself holds for instants and ids, read from the catalog so a new column cannot be missed:
/// every time column (named *_at or *_until) in UTC, every Guid in its one spelling.
/// </summary>
public static partial class StoredForm
{
    /// <summary>Every way an instant or an id is stored that is not the canonical one, as "table.column = value".</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(TestDatabase test)
    {
        var problems = new List<string>();
        await using var connection = await test.OpenAsync();
        foreach (var (table, column, type) in await TimeColumnsAsync(test))
        {
            switch (test.Provider)
            {
                case StorageProvider.Sqlite:
                    foreach (var value in await connection.QueryAsync<string>($"SELECT CAST({column} AS TEXT) FROM {table} WHERE {column} IS NOT NULL"))
                    {
                        if (!SqliteInstant().IsMatch(value))
                        {
                            problems.Add($"{table}.{column} = {value}");
                        }
                    }

                    break;
                case StorageProvider.Postgres when !string.Equals(type, "timestamp with time zone", StringComparison.Ordinal):
                    problems.Add($"{table}.{column} is {type}");
                    break;
                case StorageProvider.SqlServer:
                    var offsets = await connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {table} WHERE {column} IS NOT NULL AND DATEPART(TZOFFSET, {column}) <> 0");
                    if (!string.Equals(type, "datetimeoffset", StringComparison.Ordinal) || offsets > 0)
                    {
                        problems.Add($"{table}.{column} is {type} with {offsets} non-UTC value(s)");
                    }

                    break;
            }
        }

        if (test.Provider == StorageProvider.Sqlite)
        {
            // Ids are TEXT on SQLite: no Guid anywhere may be spelled in upper case.
            problems.AddRange((await test.AllCellsAsync())
                .Where(cell => GuidSpelling().Matches(cell.Value).Any(m => m.Value.Any(c => c is >= 'A' and <= 'F')))
                .Select(cell => $"{cell.Table}.{cell.Column} = {cell.Value}"));
        }

        return problems;
    }

    /// <summary>Every column whose name says it holds an instant, with its declared type.</summary>
    public static async Task<IReadOnlyList<(string Table, string Column, string Type)>> TimeColumnsAsync(TestDatabase test)
    {
        await using var connection = await test.OpenAsync();
        var columns = new List<(string, string, string)>();
        foreach (var table in await test.TablesAsync())
        {
            var sql = test.Provider switch
            {
                StorageProvider.Sqlite => $"SELECT name AS Name, type AS Type FROM pragma_table_info('{table}')",
                StorageProvider.Postgres => "SELECT column_name AS Name, data_type AS Type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table",
                _ => "SELECT COLUMN_NAME AS Name, DATA_TYPE AS Type FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = @table",
            };
            foreach (var (name, type) in await connection.QueryAsync<(string Name, string Type)>(sql, new { table }))
            {
                if (name.EndsWith("_at", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_until", StringComparison.OrdinalIgnoreCase))
                {
                    columns.Add((table, name, type));
                }
            }
        }

        return columns;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$")]
    private static partial Regex SqliteInstant();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidSpelling();
}
