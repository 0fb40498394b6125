using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Charts;

/// <summary>Which chart a URL points at. The signature binds every field, so no part can be swapped.</summary>
public sealed record ChartKey(string AllianceId, string RoundId, ChartKind Kind, Language Language);

public enum ChartSignatureCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Signs chart URLs so Teams can fetch them without credentials while nobody can guess or enumerate another alliance's
/// chart: <c>sig = base64url(HMAC-SHA256(key, "v1\n" + alliance + "\n" + round + "\n" + kind + "\n" + lang + "\n" + exp))</c>
/// with <c>exp</c> in Unix seconds.
/// </summary>
public sealed class ChartUrlSigner(IOptions<ChartOptions> options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.SigningKey);

    public string Sign(ChartKey key, long expiresUnixSeconds) =>
        Base64UrlEncode(HMACSHA256.HashData(_key, Payload(key, expiresUnixSeconds)));

    /// <summary>
    /// The signature is checked before the expiry, so a forged link is refused (403) whatever its <c>exp</c> says and
    /// only a genuine but old link is reported as expired (410).
    /// </summary>
    public ChartSignatureCheck Verify(ChartKey key, long expiresUnixSeconds, string? signature, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length > 64)
        {
            return ChartSignatureCheck.Invalid;
        }

        // Compare the canonical spelling, not the decoded bytes: base64's last character carries unused bits, so
        // decoding would accept several spellings of one signature (a changed last character could still pass).
        var expected = Encoding.ASCII.GetBytes(Sign(key, expiresUnixSeconds));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return ChartSignatureCheck.Invalid;
        }

        return now.ToUnixTimeSeconds() >= expiresUnixSeconds ? ChartSignatureCheck.Expired : ChartSignatureCheck.Valid;
    }

    private static byte[] Payload(ChartKey key, long exp) => Encoding.UTF8.GetBytes(string.Join('\n',
        "v1", key.AllianceId, key.RoundId, key.Kind.Slug(), key.Language.Code(), exp.ToString(CultureInfo.InvariantCulture)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
