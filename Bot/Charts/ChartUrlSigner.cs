using System.Globalization;
using System.Text;
using AllianceBot.Bot.Hosting;
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

    public string Sign(ChartKey key, long expiresUnixSeconds) => LinkSignature.Compute(_key, Payload(key, expiresUnixSeconds));

    /// <summary>
    /// The signature is checked before the expiry, so a forged link is refused (403) whatever its <c>exp</c> says and
    /// only a genuine but old link is reported as expired (410).
    /// </summary>
    public ChartSignatureCheck Verify(ChartKey key, long expiresUnixSeconds, string? signature, DateTimeOffset now)
    {
        if (!LinkSignature.Matches(_key, Payload(key, expiresUnixSeconds), signature))
        {
            return ChartSignatureCheck.Invalid;
        }

        return now.ToUnixTimeSeconds() >= expiresUnixSeconds ? ChartSignatureCheck.Expired : ChartSignatureCheck.Valid;
    }

    private static string Payload(ChartKey key, long exp) => string.Join('\n',
        "v1", key.AllianceId, key.RoundId, key.Kind.Slug(), key.Language.Code(), exp.ToString(CultureInfo.InvariantCulture));
}
