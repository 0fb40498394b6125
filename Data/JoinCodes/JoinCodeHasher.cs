using System.Security.Cryptography;
using System.Text;

namespace AllianceBot.Data.JoinCodes;

/// <summary>
/// Codes are stored only as HMAC-SHA256 of their normalized form (upper case, without spaces or dashes) under a
/// server-side key (<c>Dialogs:JoinCodes:HashKey</c>). A code has about 49 random bits: a plain hash of that could be
/// searched offline after a database leak within the code's lifetime; without the key, which never is in the
/// database, there is nothing to search.
/// </summary>
public sealed class JoinCodeHasher
{
    /// <summary>The shortest key accepted (characters), as for the chart and export keys.</summary>
    public const int MinKeyLength = 32;

    // No 0/O, 1/I/L: people read codes aloud and type them from a screen.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int Length = 10;

    private readonly byte[] key;

    public JoinCodeHasher(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinKeyLength)
        {
            throw new ArgumentException($"A join-code key needs at least {MinKeyLength} characters.", nameof(key));
        }

        this.key = Encoding.UTF8.GetBytes(key);
    }

    public static string Normalize(string code) =>
        string.Concat(code.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();

    /// <summary>Lower-case hex of HMAC-SHA256(key, normalized code): what the code_hash column holds.</summary>
    public string Hash(string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Normalize(code))));

    /// <summary>Whether a typed code is the one behind <paramref name="storedHash"/>, compared in constant time.</summary>
    public bool Matches(string code, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(code)), Encoding.ASCII.GetBytes(storedHash));

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
