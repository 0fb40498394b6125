using System.Globalization;
using System.Text;
using AllianceBot.Bot.Hosting;
using AllianceBot.Dialogs.Alliances;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Export;

public enum ExportSignatureCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Signs export links: <c>sig = base64url(HMAC-SHA256(key, "export-v1\n" + allianceId + "\n" + exp))</c>, exp in Unix
/// seconds. The alliance id is inside the signature, so a link cannot be edited to fetch another alliance.
/// </summary>
public sealed class ExportLinkSigner(IOptions<ExportOptions> options, TimeProvider time) : IExportLinks
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(options.Value.SigningKey);

    public ExportLink For(Guid allianceId)
    {
        var expires = time.GetUtcNow().Add(options.Value.LinkLifetime);
        var exp = expires.ToUnixTimeSeconds();
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{options.Value.PublicBaseUrl.TrimEnd('/')}/export/{allianceId:D}.csv?exp={exp}&sig={Sign(allianceId, exp)}");
        return new ExportLink(url, DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    public string Sign(Guid allianceId, long exp) => LinkSignature.Compute(key, Payload(allianceId, exp));

    /// <summary>Signature first, then expiry: a forged link is 403 whatever its exp says; only a genuine old one is 410.</summary>
    public ExportSignatureCheck Verify(Guid allianceId, long exp, string? signature)
    {
        if (!LinkSignature.Matches(key, Payload(allianceId, exp), signature))
        {
            return ExportSignatureCheck.Invalid;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() >= exp ? ExportSignatureCheck.Expired : ExportSignatureCheck.Valid;
    }

    private static string Payload(Guid allianceId, long exp) =>
        string.Create(CultureInfo.InvariantCulture, $"export-v1\n{allianceId:D}\n{exp}");
}
