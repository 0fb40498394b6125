using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Slack.Install;

/// <summary>
/// Encrypts Slack tokens at rest with AES-256-GCM. Keys come from <c>Slack:TokenEncryptionKeys</c> (key id → base64 of
/// 32 bytes); the newest id (ordinal, so name them v1, v2... or by date) encrypts, every configured id decrypts, so a
/// new key can be added and the old one removed once every installation was re-saved or refreshed. The installation
/// key is bound as associated data: a ciphertext copied to another row does not decrypt there.
/// Format: <c>gcm1:{keyId}:{base64(nonce | ciphertext | tag)}</c>.
/// </summary>
public sealed class SlackTokenCipher
{
    private const string Prefix = "gcm1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly SortedDictionary<string, byte[]> keys = new(StringComparer.Ordinal);

    public SlackTokenCipher(IOptions<SlackOptions> options)
        : this(options.Value.TokenEncryptionKeys)
    {
    }

    public SlackTokenCipher(IReadOnlyDictionary<string, string>? configuredKeys)
    {
        foreach (var (id, value) in configuredKeys ?? new Dictionary<string, string>())
        {
            if (TryKey(value) is { } key && id.Length > 0 && !id.Contains(':', StringComparison.Ordinal))
            {
                keys[id] = key;
            }
        }
    }

    public bool IsConfigured => keys.Count > 0;

    /// <summary>Problems of a configured key set, for the options validator (empty when fine).</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string>? configuredKeys) =>
        [.. (configuredKeys ?? new Dictionary<string, string>())
            .Where(k => TryKey(k.Value) is null || k.Key.Length == 0 || k.Key.Contains(':', StringComparison.Ordinal))
            .Select(k => $"Slack:TokenEncryptionKeys:{k.Key} must be the base64 of exactly 32 random bytes (openssl rand -base64 32), under an id without ':'.")];

    public string Encrypt(string plaintext, string installationKey)
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException("Slack:TokenEncryptionKeys is not configured; Slack tokens are never stored in plain text.");
        }

        var (id, key) = keys.Last();
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + clear.Length + TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize, clear.Length), sealedBytes.AsSpan(NonceSize + clear.Length), Associated(installationKey));
        nonce.CopyTo(sealedBytes, 0);
        return $"{Prefix}:{id}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The token, or null when the text is not ours, its key is gone, or it was tampered with or moved.</summary>
    public string? Decrypt(string? stored, string installationKey)
    {
        var parts = stored?.Split(':', 3);
        if (parts is not [Prefix, var id, var payload] || !keys.TryGetValue(id, out var key))
        {
            return null;
        }

        try
        {
            var sealedBytes = Convert.FromBase64String(payload);
            if (sealedBytes.Length < NonceSize + TagSize)
            {
                return null;
            }

            var length = sealedBytes.Length - NonceSize - TagSize;
            var clear = new byte[length];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), clear, Associated(installationKey));
            return Encoding.UTF8.GetString(clear);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private static byte[] Associated(string installationKey) => Encoding.UTF8.GetBytes("alliancebot/slack-installation/" + installationKey);

    private static byte[]? TryKey(string? base64)
    {
        var buffer = new byte[33];
        return Convert.TryFromBase64String(base64 ?? "", buffer, out var written) && written == 32 ? buffer[..32] : null;
    }
}
