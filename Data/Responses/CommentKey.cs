using System.Security.Cryptography;
using System.Text;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Responses;

/// <summary>
/// Comments carry no member id. Their author_key is HMAC-SHA256(comment key, round id + member id): it lets the
/// author edit their comment and lets "forget me" find it, but without the key no query can tell who wrote what.
/// </summary>
internal static class CommentKey
{
    public static async Task<string> AuthorKeyAsync(Database database, Guid roundId, Guid memberId, CancellationToken cancellationToken)
    {
        var key = await database.CommentKeyAsync(cancellationToken);
        return AuthorKey(key, roundId, memberId);
    }

    public static string AuthorKey(byte[] key, Guid roundId, Guid memberId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{roundId:D}/{memberId:D}")));
}
