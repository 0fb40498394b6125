namespace AllianceBot.Data.Storage;

public enum StorageErrorKind
{
    /// <summary>The caller's input cannot be stored (too long, out of range, malformed); retrying will not help.</summary>
    InvalidInput,

    /// <summary>An id the caller named does not exist (any more).</summary>
    NotFound,

    /// <summary>The change contradicts stored data (a duplicate name, a member of another alliance...).</summary>
    Conflict,

    /// <summary>The database could not be reached or failed; retrying later may help.</summary>
    Unavailable,
}

/// <summary>
/// The only exception the data layer lets out: a kind the caller can switch on and a message that can be shown to an
/// operator. Provider exceptions (SqliteException, PostgresException, SqlException) never leak past the use cases.
/// </summary>
public sealed class StorageException(StorageErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public StorageErrorKind Kind { get; } = kind;

    internal static StorageException Invalid(string message) => new(StorageErrorKind.InvalidInput, message);

    internal static StorageException NotFound(string what, Guid id) => new(StorageErrorKind.NotFound, $"{what} {id} does not exist.");
}
