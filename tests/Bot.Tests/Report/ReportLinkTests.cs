using System.Globalization;
using AllianceBot.Bot.Charts;
using AllianceBot.Bot.Export;
using AllianceBot.Bot.Links;
using AllianceBot.Bot.Report;
using AllianceBot.Trust;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Bot.Tests.Report;

/// <summary>The report's signed links: the one signed-links service under the purpose "report-v1", binding alliance, language and expiry.</summary>
public sealed class ReportLinkTests
{
    private static readonly Guid Alliance = Guid.Parse("6f1c2a7e-0000-4000-8000-00000000a11a");
    private static readonly Guid Other = Guid.Parse("6f1c2a7e-0000-4000-8000-00000000b22b");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly SignedLinks signed;
    private readonly ChartUrlSigner signer;
    private readonly ExportLinkSigner export;
    private readonly ReportLinks links;

    public ReportLinkTests()
    {
        signed = new SignedLinks(Options.Create(new LinkOptions { SigningKey = "report-test-key-0123456789-0123456789-0123", PublicBaseUrl = "https://bot.example.com/" }), time);
        signer = new ChartUrlSigner(signed);
        export = new ExportLinkSigner(signed, Options.Create(new ExportOptions()), time);
        links = new ReportLinks(signed, Options.Create(new ReportOptions { LinkLifetime = TimeSpan.FromDays(7) }), time);
    }

    [Fact]
    public void AGenuineLinkWorksUntilItsTimeIsUpAndThenHasExpired()
    {
        var link = links.For(Alliance, Language.Nl);
        var (path, exp, sig) = Parts(link.Url);
        Assert.Equal($"/report/{Alliance:D}/nl", path);
        Assert.Equal(time.GetUtcNow().AddDays(7), link.ExpiresAt);
        Assert.Equal(link.ExpiresAt.ToUnixTimeSeconds(), exp);

        Assert.Equal(LinkCheck.Valid, links.Verify(Alliance, Language.Nl, exp, sig));
        time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(LinkCheck.Valid, links.Verify(Alliance, Language.Nl, exp, sig));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(LinkCheck.Expired, links.Verify(Alliance, Language.Nl, exp, sig));
    }

    [Fact]
    public void AnEditedLinkIsForgedWhateverWasChanged()
    {
        var (_, exp, sig) = Parts(links.For(Alliance, Language.En).Url);

        Assert.Equal(LinkCheck.Invalid, links.Verify(Other, Language.En, exp, sig));            // another alliance
        Assert.Equal(LinkCheck.Invalid, links.Verify(Alliance, Language.Nl, exp, sig));         // another language
        Assert.Equal(LinkCheck.Invalid, links.Verify(Alliance, Language.En, exp + 86_400, sig)); // a longer life
        Assert.Equal(LinkCheck.Invalid, links.Verify(Alliance, Language.En, exp, sig[..^1] + (sig[^1] == 'A' ? 'B' : 'A')));
        Assert.Equal(LinkCheck.Invalid, links.Verify(Alliance, Language.En, exp, null));
        Assert.Equal(LinkCheck.Invalid, links.Verify(Alliance, Language.En, exp, ""));
        Assert.Equal(LinkCheck.Invalid, links.Verify(Alliance, Language.En, exp, new string('A', 500)));

        // An expired but forged link is forged, not expired: the signature is checked first.
        time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(LinkCheck.Invalid, links.Verify(Other, Language.En, exp, sig));
    }

    [Fact]
    public void ASignatureOpensOnlyWhatItWasMadeFor()
    {
        // One key signs charts, reports and exports; the purpose in the payload keeps them apart.
        var exp = time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();
        var chartKey = new ChartKey(Alliance.ToString("D"), "en", ChartKind.Nav, Language.En);
        var chart = signer.Sign(chartKey, exp);
        var report = links.Sign(Alliance, Language.En, exp);
        var csv = export.Sign(Alliance, exp);
        Assert.Equal(LinkCheck.Valid, signer.Verify(chartKey, exp, chart));
        Assert.Equal(LinkCheck.Valid, links.Verify(Alliance, Language.En, exp, report));
        Assert.Equal(LinkCheck.Valid, export.Verify(Alliance, exp, csv));

        Assert.Equal(LinkCheck.Invalid, links.Verify(Alliance, Language.En, exp, chart));
        Assert.Equal(LinkCheck.Invalid, export.Verify(Alliance, exp, chart));
        Assert.Equal(LinkCheck.Invalid, signer.Verify(chartKey, exp, report));
        Assert.Equal(LinkCheck.Invalid, export.Verify(Alliance, exp, report));
        Assert.Equal(LinkCheck.Invalid, signer.Verify(chartKey, exp, csv));
        Assert.Equal(LinkCheck.Invalid, links.Verify(Alliance, Language.En, exp, csv));

        // The same fields under another purpose give another signature; a field cannot smuggle in a line break.
        Assert.NotEqual(signed.Sign(LinkPurpose.Export, exp, Alliance.ToString("D")), signed.Sign(LinkPurpose.Report, exp, Alliance.ToString("D")));
        Assert.Throws<ArgumentException>(() => signed.Sign(LinkPurpose.Report, exp, "a\nb"));
        Assert.Throws<ArgumentException>(() => signed.Sign("", exp, "x"));
    }

    private static (string Path, long Exp, string Sig) Parts(string url)
    {
        var uri = new Uri(url);
        var query = QueryHelpers.ParseQuery(uri.Query);
        return (uri.AbsolutePath, long.Parse(query["exp"]!, CultureInfo.InvariantCulture), query["sig"]!);
    }
}
