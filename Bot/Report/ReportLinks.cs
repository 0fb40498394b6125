using System.Globalization;
using AllianceBot.Bot.Charts;
using AllianceBot.Dialogs.Report;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Report;

/// <summary>
/// The report's signed links, and the one place that touches signing for it: the charts' signer with its own purpose
/// ("report-v1"), binding the alliance and the language, so a link cannot be edited to show another alliance or be
/// passed off as a chart. <c>GET /report/{allianceId}/{lang}?exp=&amp;sig=</c>.
/// </summary>
public sealed class ReportLinks(ChartUrlSigner signer, IOptions<ChartOptions> charts, IOptions<ReportOptions> options, TimeProvider time) : IReportLinks
{
    private const string Purpose = "report-v1";

    public ReportLink For(Guid allianceId, Language language)
    {
        var exp = time.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds();
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{charts.Value.PublicBaseUrl.TrimEnd('/')}/report/{allianceId:D}/{language.Code()}?exp={exp}&sig={Sign(allianceId, language, exp)}");
        return new ReportLink(url, DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    public string Sign(Guid allianceId, Language language, long exp) => signer.Sign(Purpose, exp, Fields(allianceId, language));

    /// <summary>Signature first, then expiry: a forged link is refused whatever its exp says; only a genuine old one has expired.</summary>
    public ChartSignatureCheck Verify(Guid allianceId, Language language, long exp, string? signature) =>
        signer.Verify(Purpose, exp, signature, time.GetUtcNow(), Fields(allianceId, language));

    private static string[] Fields(Guid allianceId, Language language) => [allianceId.ToString("D"), language.Code()];
}
