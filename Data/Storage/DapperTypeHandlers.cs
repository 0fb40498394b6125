using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AllianceBot.Data.Storage;

/// <summary>
/// The one typed parameter path for instants and ids, on every provider. Every <see cref="DateTimeOffset"/> is written
/// in UTC, whatever offset the caller used: SQLite gets fixed-width ISO-8601 text ending in Z (<see cref="InstantFormat"/>,
/// so text order is time order); PostgreSQL (timestamptz) and SQL Server (datetimeoffset) get a native value with
/// offset 0 (Npgsql refuses any other offset). Every <see cref="Guid"/> is lower-case "D" text on SQLite, native
/// elsewhere. Dapper's handlers are process-wide, so they are registered once and decide per parameter.
/// </summary>
public static class DapperTypeHandlers
{
    /// <summary>How SQLite stores an instant: always UTC, always 28 characters, e.g. 2026-03-03T09:00:00.0000000Z.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new GuidHandler());

        // Dapper consults its built-in type map before any handler when it binds a parameter, so for these types a
        // handler alone only ever applies to reading: a DateTimeOffset parameter went to the driver with its local
        // offset and a Guid as upper-case text on SQLite. Removing them from the map (after adding the handlers,
        // which put built-in types back into it) routes parameters through the handlers below too.
        foreach (var type in new[] { typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(Guid), typeof(Guid?) })
        {
            SqlMapper.RemoveTypeMap(type);
        }
    }

    /// <summary>An instant as SQLite stores it (also the spelling of instants in exports).</summary>
    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    /// <summary>A Guid as SQLite stores it.</summary>
    public static string ToText(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = ToText(value);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value.ToUniversalTime();
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset offset => offset.ToUniversalTime(),
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
            _ => throw new InvalidCastException($"Cannot read a DateTimeOffset from {value.GetType().Name}."),
        };
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = ToText(value);
            }
            else
            {
                parameter.DbType = DbType.Guid;
                parameter.Value = value;
            }
        }

        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => throw new InvalidCastException($"Cannot read a Guid from {value.GetType().Name}."),
        };
    }
}
