using System.Security.Cryptography;
using System.Text;

namespace AllianceBot.Data.JoinCodes;

/// <summary>
/// Codes are stored only as SHA-256 of their normalized form (upper case, without spaces or dashes), so a leaked
/// table does not hand out access. Codes carry 50 random bits, which makes an unsalted hash safe to store.
/// </summary>
public static class JoinCodeHash
{
    // No 0/O, 1/I/L: people read codes aloud and type them from a screen.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int Length = 10;

    public static string Normalize(string code) =>
        string.Concat(code.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));

    /// <summary>A new random code, shown as XXXXX-XXXXX.</summary>
    public static string Generate()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var text = new string(chars);
        return $"{text[..5]}-{text[5..]}";
    }
}
