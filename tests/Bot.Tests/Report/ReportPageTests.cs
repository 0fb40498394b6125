using System.Net;
using AllianceBot.Bot.Report;
using AllianceBot.Bot.Tests.HealthCheck;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Bot.Tests.Report;

/// <summary>
/// The report page served by the real host from real SQLite (the demo alliance): its structure (one h1, heading order,
/// sections, alt texts, lang), its headers, and the same link rules as charts and export: every bad link is a clear 4xx page.
/// </summary>
public sealed class ReportPageTests : IClassFixture<HealthHost>
{
    private static readonly string[] SectionIds = ["position", "course", "trend", "partners", "findings", "advice", "commitments", "participation", "unknowns"];
    private readonly HealthHost host;

    public ReportPageTests(HealthHost host) => this.host = host;

    [Theory]
    [InlineData("en-US", "report", "en", "Position and phase")]
    [InlineData("nl-NL", "rapport", "nl", "Positie en fase")]
    [InlineData("de-DE", "bericht", "de", "Position und Phase")]
    public async Task AManagersLinkOpensAnAccessiblePrintablePageInTheirLanguage(string locale, string command, string lang, string firstHeading)
    {
        var user = $"29:report-{lang}";
        await host.CardAsync(user, locale, "demo", CardKind.Info);
        var card = await host.CardAsync(user, locale, command, CardKind.Info);
        var url = Assert.IsType<OpenUrlAction>(Assert.Single(card.Actions)).Url;
        Assert.StartsWith("https://bot.example.com/report/", url, StringComparison.Ordinal);

        var client = host.CreateClient();
        using var response = await client.GetAsync(Local(url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);

        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Empty(page.QuerySelectorAll("script"));
        var h1 = Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Contains("demo", h1.TextContent, StringComparison.OrdinalIgnoreCase);

        // Heading order: one h1, then h2 per section with h3 inside; never a skipped level.
        var levels = page.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"heading h{pair.First} followed by h{pair.Second}"));

        var sections = page.QuerySelectorAll("main > section").ToList();
        Assert.Equal(SectionIds, sections.Select(s => s.Id));
        Assert.All(sections, s => Assert.Equal(s.Id + "-h", s.QuerySelector("h2")!.Id));
        Assert.Equal(firstHeading, sections[0].QuerySelector("h2")!.TextContent);

        // Every image has alt text, and every image is a signed chart that loads.
        var images = page.QuerySelectorAll("img").ToList();
        Assert.Equal(2, images.Count);
        foreach (var image in images)
        {
            Assert.True(image.GetAttribute("alt") is { Length: > 20 }, "alt text");
            var src = image.GetAttribute("src")!;
            Assert.Contains($".{lang}.png?exp=", src, StringComparison.Ordinal);
            using var png = await client.GetAsync(Local(src));
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        }

        // The per-partner comparison (the demo's partners all answer above k), the findings with their evidence, the advice.
        Assert.NotNull(Section(page, "partners").QuerySelector("table th[scope=col]"));
        Assert.NotEmpty(Section(page, "findings").QuerySelectorAll("h3"));
        Assert.NotEmpty(Section(page, "findings").QuerySelectorAll("dl.facts dt"));
        Assert.NotEmpty(Section(page, "advice").QuerySelectorAll("li"));
        Assert.NotEmpty(Section(page, "participation").QuerySelectorAll("tbody tr"));
        Assert.DoesNotContain("⟦", page.Body!.TextContent, StringComparison.Ordinal);

        // The print stylesheet: A4 pages, no navigation, page breaks.
        var css = page.QuerySelector("style")!.TextContent;
        Assert.Contains("@media print", css, StringComparison.Ordinal);
        Assert.Contains("break-before: page", css, StringComparison.Ordinal);
        Assert.Contains("nav.contents, .hint { display: none; }", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedEditedExpiredMovedOrMalformedLinksGetAClearPageAndNever500()
    {
        await host.CardAsync("29:report-owner", "en-US", "demo", CardKind.Info);
        await host.CardAsync("29:report-other", "en-US", "demo", CardKind.Info);
        var mine = Local(Assert.IsType<OpenUrlAction>((await host.CardAsync("29:report-owner", "en-US", "report", CardKind.Info)).Actions[0]).Url);
        var theirs = Local(Assert.IsType<OpenUrlAction>((await host.CardAsync("29:report-other", "en-US", "report", CardKind.Info)).Actions[0]).Url);
        var myAlliance = mine.Split('/')[2];
        var theirAlliance = theirs.Split('/')[2];
        Assert.NotEqual(myAlliance, theirAlliance);
        var links = host.Services.GetRequiredService<ReportLinks>();
        var past = host.Time.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds();
        var deleted = Guid.NewGuid();
        var future = host.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();

        var cases = new (string Url, HttpStatusCode Status, string Says)[]
        {
            (mine.Replace(myAlliance, theirAlliance, StringComparison.Ordinal), HttpStatusCode.Forbidden, "not valid"),  // A's link edited to show B
            (mine.Replace("/en?", "/nl?", StringComparison.Ordinal), HttpStatusCode.Forbidden, "niet geldig"),          // language edited
            (mine[..^1] + (mine[^1] == 'A' ? 'B' : 'A'), HttpStatusCode.Forbidden, "not valid"),                       // signature edited
            (mine.Split('?')[0], HttpStatusCode.Forbidden, "not valid"),                                                // no signature
            (mine.Replace("exp=", "exp=9", StringComparison.Ordinal), HttpStatusCode.Forbidden, "not valid"),           // longer life
            (mine.Split('?')[0] + "?exp=soon&sig=x", HttpStatusCode.Forbidden, "not valid"),                           // not a number
            ($"/report/{myAlliance}/en?exp={past}&sig={links.Sign(Guid.Parse(myAlliance), Language.En, past)}", HttpStatusCode.Gone, "expired"),
            ($"/report/{deleted:D}/en?exp={future}&sig={links.Sign(deleted, Language.En, future)}", HttpStatusCode.Gone, "no longer exists"),
            ("/report/not-a-guid/en?exp=1&sig=x", HttpStatusCode.NotFound, "no report at this address"),
            ($"/report/{myAlliance}/xx?exp=1&sig=x", HttpStatusCode.NotFound, "no report at this address"),
            ($"/report/{myAlliance.ToUpperInvariant()}/en?exp=1&sig=x", HttpStatusCode.Forbidden, "not valid"),
        };

        var client = host.CreateClient();
        foreach (var (url, status, says) in cases)
        {
            using var response = await client.GetAsync(url);
            Assert.True(status == response.StatusCode, $"{url}: {response.StatusCode}, expected {status}");
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            Assert.Single(page.QuerySelectorAll("h1"));
            Assert.Contains(says, page.Body!.TextContent, StringComparison.Ordinal);
            Assert.Empty(page.QuerySelectorAll("section, img"));
        }

        // The genuine links still work: each shows its own alliance.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(mine)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(theirs)).StatusCode);
    }

    [Fact]
    public async Task SomeoneInNoAllianceGetsNoLink()
    {
        var card = await host.CardAsync("29:no-alliance", "en-US", "report", CardKind.Info);
        Assert.Empty(card.Actions.OfType<OpenUrlAction>());
    }

    private static IElement Section(IDocument page, string id) => page.QuerySelector($"section#{id}")!;

    private static string Local(string url)
    {
        var uri = new Uri(url);
        return uri.PathAndQuery;
    }
}
