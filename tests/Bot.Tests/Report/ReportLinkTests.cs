using System.Globalization;
using AllianceBot.Bot.Charts;
using AllianceBot.Bot.Report;
using AllianceBot.Trust;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Bot.Tests.Report;

/// <summary>The report's signed links: the charts' signer under the purpose "report-v1", binding alliance, language and expiry.</summary>
public sealed class ReportLinkTests
{
    private static readonly Guid Alliance = Guid.Parse("6f1c2a7e-0000-4000-8000-00000000a11a");
    private static readonly Guid Other = Guid.Parse("6f1c2a7e-0000-4000-8000-00000000b22b");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ChartUrlSigner signer = new(Options.Create(new ChartOptions { SigningKey = "report-test-key-0123456789-0123456789-0123" }));
    private readonly ReportLinks links;

    public ReportLinkTests() => links = new ReportLinks(signer,
        Options.Create(new ChartOptions { PublicBaseUrl = "https://bot.example.com/" }),
        Options.Create(new ReportOptions { LinkLifetime = TimeSpan.FromDays(7) }), time);

    [Fact]
    public void AGenuineLinkWorksUntilItsTimeIsUpAndThenHasExpired()
    {
        var link = links.For(Alliance, Language.Nl);
        var (path, exp, sig) = Parts(link.Url);
        Assert.Equal($"/report/{Alliance:D}/nl", path);
        Assert.Equal(time.GetUtcNow().AddDays(7), link.ExpiresAt);
        Assert.Equal(link.ExpiresAt.ToUnixTimeSeconds(), exp);

        Assert.Equal(ChartSignatureCheck.Valid, links.Verify(Alliance, Language.Nl, exp, sig));
        time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(ChartSignatureCheck.Valid, links.Verify(Alliance, Language.Nl, exp, sig));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ChartSignatureCheck.Expired, links.Verify(Alliance, Language.Nl, exp, sig));
    }

    [Fact]
    public void AnEditedLinkIsForgedWhateverWasChanged()
    {
        var (_, exp, sig) = Parts(links.For(Alliance, Language.En).Url);

        Assert.Equal(ChartSignatureCheck.Invalid, links.Verify(Other, Language.En, exp, sig));            // another alliance
        Assert.Equal(ChartSignatureCheck.Invalid, links.Verify(Alliance, Language.Nl, exp, sig));         // another language
        Assert.Equal(ChartSignatureCheck.Invalid, links.Verify(Alliance, Language.En, exp + 86_400, sig)); // a longer life
        Assert.Equal(ChartSignatureCheck.Invalid, links.Verify(Alliance, Language.En, exp, sig[..^1] + (sig[^1] == 'A' ? 'B' : 'A')));
        Assert.Equal(ChartSignatureCheck.Invalid, links.Verify(Alliance, Language.En, exp, null));
        Assert.Equal(ChartSignatureCheck.Invalid, links.Verify(Alliance, Language.En, exp, ""));
        Assert.Equal(ChartSignatureCheck.Invalid, links.Verify(Alliance, Language.En, exp, new string('A', 500)));

        // An expired but forged link is forged, not expired: the signature is checked first.
        time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(ChartSignatureCheck.Invalid, links.Verify(Other, Language.En, exp, sig));
    }

    [Fact]
    public void AChartSignatureNeverPassesAsAReportSignatureNorTheOtherWayRound()
    {
        var exp = time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();
        var chart = signer.Sign(new ChartKey(Alliance.ToString("D"), "en", ChartKind.Nav, Language.En), exp);
        Assert.Equal(ChartSignatureCheck.Invalid, links.Verify(Alliance, Language.En, exp, chart));

        var report = links.Sign(Alliance, Language.En, exp);
        Assert.Equal(ChartSignatureCheck.Invalid, signer.Verify(new ChartKey(Alliance.ToString("D"), "en", ChartKind.Nav, Language.En), exp, report, time.GetUtcNow()));
        Assert.Throws<ArgumentException>(() => signer.Sign("v1", exp, "x"));
        Assert.Throws<ArgumentException>(() => signer.Sign("report-v1", exp, "a\nb"));
    }

    private static (string Path, long Exp, string Sig) Parts(string url)
    {
        var uri = new Uri(url);
        var query = QueryHelpers.ParseQuery(uri.Query);
        return (uri.AbsolutePath, long.Parse(query["exp"]!, CultureInfo.InvariantCulture), query["sig"]!);
    }
}
