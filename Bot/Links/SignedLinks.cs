using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Links;

/// <summary>What a signed link's check says; the endpoints answer 200, 403 (forged, edited, another purpose's) or 410.</summary>
public enum LinkCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// What a link opens. The purpose leads the signed payload, so a signature made for one purpose never opens another
/// (a chart's never a report or an export). Never change a purpose's text: links already on cards would stop working.
/// </summary>
public static class LinkPurpose
{
    /// <summary>A chart image (<c>/charts/…</c>); "v1" for history: chart links were signed so before the other purposes existed.</summary>
    public const string Chart = "v1";

    /// <summary>The steering-committee report page (<c>/report/…</c>).</summary>
    public const string Report = "report-v1";

    /// <summary>An alliance's aggregates CSV (<c>/export/…</c>).</summary>
    public const string Export = "export-v1";
}

/// <summary>
/// The one signed-links service: every link the bot hands out without credentials (chart images, the report page, the
/// CSV export) is <c>{Bot:PublicBaseUrl}/path?exp=&amp;sig=</c> with
/// <c>sig = base64url(HMAC-SHA256(Links:SigningKey, purpose + "\n" + fields… + "\n" + exp))</c>, exp in Unix seconds.
/// The fields bind everything the path names (alliance, round, language…), so no part can be edited.
/// </summary>
public sealed class SignedLinks(IOptions<LinkOptions> options, TimeProvider time)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(options.Value.SigningKey);

    /// <summary>The absolute base of every link, without a trailing slash.</summary>
    public string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    public string Sign(string purpose, long expiresUnixSeconds, params string[] fields) =>
        Compute(key, Payload(purpose, expiresUnixSeconds, fields));

    /// <summary>
    /// The signature is checked before the expiry, so a forged link is refused (403) whatever its <c>exp</c> says and
    /// only a genuine but old link is reported as expired (410).
    /// </summary>
    public LinkCheck Verify(string purpose, long expiresUnixSeconds, string? signature, params string[] fields)
    {
        if (!Matches(key, Payload(purpose, expiresUnixSeconds, fields), signature))
        {
            return LinkCheck.Invalid;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() >= expiresUnixSeconds ? LinkCheck.Expired : LinkCheck.Valid;
    }

    private static string Payload(string purpose, long exp, string[] fields)
    {
        if (string.IsNullOrEmpty(purpose) || purpose.Contains('\n', StringComparison.Ordinal) || fields.Any(f => f.Contains('\n', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A link purpose must be set, and neither it nor a field may hold a line break.");
        }

        return string.Join('\n', [purpose, .. fields, exp.ToString(CultureInfo.InvariantCulture)]);
    }

    private static string Compute(byte[] key, string payload) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Compares spellings, not decoded bytes: base64's last character carries unused bits, so decoding would accept
    /// several spellings of one signature.
    /// </summary>
    private static bool Matches(byte[] key, string payload, string? signature) =>
        !string.IsNullOrEmpty(signature)
        && signature.Length <= 64
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(key, payload)), Encoding.ASCII.GetBytes(signature));
}
