using System.Globalization;
using AllianceBot.Bot.Links;
using AllianceBot.Dialogs.Report;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Report;

/// <summary>
/// The report's signed links, and the one place that touches signing for it: the signed-links service under the purpose
/// <see cref="LinkPurpose.Report"/>, binding the alliance and the language, so a link cannot be edited to show another
/// alliance or be passed off as a chart or an export. <c>GET /report/{allianceId}/{lang}?exp=&amp;sig=</c>.
/// </summary>
public sealed class ReportLinks(SignedLinks links, IOptions<ReportOptions> options, TimeProvider time) : IReportLinks
{

    public ReportLink For(Guid allianceId, Language language)
    {
        var exp = time.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds();
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{links.BaseUrl}/report/{allianceId:D}/{language.Code()}?exp={exp}&sig={Sign(allianceId, language, exp)}");
        return new ReportLink(url, DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    public string Sign(Guid allianceId, Language language, long exp) => links.Sign(LinkPurpose.Report, exp, Fields(allianceId, language));

    /// <summary>Signature first, then expiry: a forged link is refused whatever its exp says; only a genuine old one has expired.</summary>
    public LinkCheck Verify(Guid allianceId, Language language, long exp, string? signature) =>
        links.Verify(LinkPurpose.Report, exp, signature, Fields(allianceId, language));

    private static string[] Fields(Guid allianceId, Language language) => [allianceId.ToString("D"), language.Code()];
}
