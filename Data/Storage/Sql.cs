using System.Data.Common;
using Dapper;

namespace AllianceBot.Data.Storage;

/// <summary>The few places where the three SQL dialects differ, and Dapper calls that always carry the token.</summary>
internal static class Sql
{
    /// <summary>An INSERT that silently does nothing when it would break a unique key (idempotent writes).</summary>
    public static string InsertIgnore(StorageProvider provider, string insert) => provider == StorageProvider.SqlServer
        ? $"BEGIN TRY {insert}; END TRY BEGIN CATCH IF ERROR_NUMBER() NOT IN (2601, 2627) THROW; END CATCH"
        : $"{insert} ON CONFLICT DO NOTHING";

    /// <summary>Escapes a value for LIKE ... ESCAPE '\' on all three providers.</summary>
    public static string LikeContains(string value) =>
        "%" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";

    public static Task<int> ExecAsync(this DbConnection connection, string sql, object? param, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        LookupWrites.Saw(sql);
        return connection.ExecuteAsync(new CommandDefinition(sql, param, transaction, cancellationToken: cancellationToken));
    }

    public static async Task<IReadOnlyList<T>> ListAsync<T>(this DbConnection connection, string sql, object? param, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        LookupWrites.Saw(sql);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, param, transaction, cancellationToken: cancellationToken))).AsList();
    }

    public static Task<T?> OneOrDefaultAsync<T>(this DbConnection connection, string sql, object? param, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        LookupWrites.Saw(sql);
        return connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, param, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// PostgreSQL: a statement and <c>COMMIT</c> in one command (one round trip instead of two), the statement's one row
    /// or default. The COMMIT's own outcome is read before this returns: a failure of either throws, and then nothing of
    /// the transaction is kept (a failed statement makes the server skip the COMMIT; the caller's rollback ends it).
    /// </summary>
    public static async Task<T?> OneOrDefaultThenCommitAsync<T>(this DbConnection connection, string sql, object? param, DbTransaction? transaction,
        CancellationToken cancellationToken)
    {
        LookupWrites.Saw(sql);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql + ";\nCOMMIT", param, transaction, cancellationToken: cancellationToken));
        var parse = reader.GetRowParser<T>();
        var row = await reader.ReadAsync(cancellationToken) ? parse(reader) : default;
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return row;
    }

    /// <summary>Three statements in one command (one round trip), each with its own result.</summary>
    public static async Task<(IReadOnlyList<T1>, IReadOnlyList<T2>, IReadOnlyList<T3>)> ThreeAsync<T1, T2, T3>(this DbConnection connection, string sql, object? param,
        DbTransaction? transaction, CancellationToken cancellationToken)
    {
        LookupWrites.Saw(sql);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, param, transaction, cancellationToken: cancellationToken));
        var first = (await results.ReadAsync<T1>()).AsList();
        var second = (await results.ReadAsync<T2>()).AsList();
        var third = (await results.ReadAsync<T3>()).AsList();
        return (first, second, third);
    }

    /// <summary>Four statements in one command (one round trip), each with its own result.</summary>
    public static async Task<(IReadOnlyList<T1>, IReadOnlyList<T2>, IReadOnlyList<T3>, IReadOnlyList<T4>)> FourAsync<T1, T2, T3, T4>(this DbConnection connection, string sql,
        object? param, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        LookupWrites.Saw(sql);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, param, transaction, cancellationToken: cancellationToken));
        var first = (await results.ReadAsync<T1>()).AsList();
        var second = (await results.ReadAsync<T2>()).AsList();
        var third = (await results.ReadAsync<T3>()).AsList();
        var fourth = (await results.ReadAsync<T4>()).AsList();
        return (first, second, third, fourth);
    }

    public static Task<T> ScalarAsync<T>(this DbConnection connection, string sql, object? param, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        LookupWrites.Saw(sql);
        return connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, param, transaction, cancellationToken: cancellationToken))!;
    }
}
