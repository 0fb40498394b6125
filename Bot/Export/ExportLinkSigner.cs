using System.Globalization;
using AllianceBot.Bot.Links;
using AllianceBot.Dialogs.Alliances;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Export;

/// <summary>
/// Export links on the one signed-links service (<see cref="SignedLinks"/>, purpose <see cref="LinkPurpose.Export"/>):
/// <c>sig = base64url(HMAC-SHA256(key, "export-v1\n" + allianceId + "\n" + exp))</c>, exp in Unix seconds. The alliance
/// id is inside the signature, so a link cannot be edited to fetch another alliance.
/// </summary>
public sealed class ExportLinkSigner(SignedLinks links, IOptions<ExportOptions> options, TimeProvider time) : IExportLinks
{
    public ExportLink For(Guid allianceId)
    {
        var exp = time.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds();
        var url = string.Create(CultureInfo.InvariantCulture, $"{links.BaseUrl}/export/{allianceId:D}.csv?exp={exp}&sig={Sign(allianceId, exp)}");
        return new ExportLink(url, DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    public string Sign(Guid allianceId, long exp) => links.Sign(LinkPurpose.Export, exp, allianceId.ToString("D"));

    /// <summary>Signature first, then expiry: a forged link is 403 whatever its exp says; only a genuine old one is 410.</summary>
    public LinkCheck Verify(Guid allianceId, long exp, string? signature) => links.Verify(LinkPurpose.Export, exp, signature, allianceId.ToString("D"));
}
