using System.Security.Cryptography;
using System.Text;

namespace AllianceBot.Bot.Hosting;

/// <summary>
/// The HMAC behind every signed link the bot serves (chart images, CSV exports): base64url(HMAC-SHA256(key, payload)),
/// checked in constant time against its one canonical spelling.
/// </summary>
internal static class LinkSignature
{
    public static string Compute(byte[] key, string payload) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Compares spellings, not decoded bytes: base64's last character carries unused bits, so decoding would accept
    /// several spellings of one signature.
    /// </summary>
    public static bool Matches(byte[] key, string payload, string? signature) =>
        !string.IsNullOrEmpty(signature)
        && signature.Length <= 64
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(key, payload)), Encoding.ASCII.GetBytes(signature));
}
