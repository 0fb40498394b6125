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

    /// <summary>
    /// Signs another page the bot serves under a link (the steering-committee report) with the same key:
    /// <c>purpose + "\n" + fields… + "\n" + exp</c>. The purpose leads the payload and is never "v1", so such a signature
    /// can never pass as a chart's, and a chart's never as one of these.
    /// </summary>
    public string Sign(string purpose, long expiresUnixSeconds, params string[] fields) =>
        LinkSignature.Compute(_key, Payload(purpose, expiresUnixSeconds, fields));

    /// <summary>Signature first, then expiry, as for charts: forged → Invalid whatever <c>exp</c> says.</summary>
    public ChartSignatureCheck Verify(string purpose, long expiresUnixSeconds, string? signature, DateTimeOffset now, params string[] fields)
    {
        if (!LinkSignature.Matches(_key, Payload(purpose, expiresUnixSeconds, fields), signature))
        {
            return ChartSignatureCheck.Invalid;
        }

        return now.ToUnixTimeSeconds() >= expiresUnixSeconds ? ChartSignatureCheck.Expired : ChartSignatureCheck.Valid;
    }

    private static string Payload(string purpose, long exp, string[] fields)
    {
        if (string.IsNullOrEmpty(purpose) || string.Equals(purpose, "v1", StringComparison.Ordinal) || fields.Any(f => f.Contains('\n', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A link purpose must be set and not \"v1\" (the charts' own), and no field may hold a line break.");
        }

        return string.Join('\n', [purpose, .. fields, exp.ToString(CultureInfo.InvariantCulture)]);
    }

    private static string Payload(ChartKey key, long exp) => string.Join('\n',
        "v1", key.AllianceId, key.RoundId, key.Kind.Slug(), key.Language.Code(), exp.ToString(CultureInfo.InvariantCulture));
}
