using AllianceBot.Bot.Links;
using System.Globalization;
using AllianceBot.Bot.Charts;
using AllianceBot.Data.Commitments;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Report;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Report;

/// <summary>
/// <c>GET /report/{allianceId}/{lang}?exp=&amp;sig=</c>: the steering-committee report as an HTML page. Same rules as the
/// charts and the export: a malformed address is 404, a missing, forged or edited signature 403, a genuine but old
/// link 410, a link to an alliance deleted since 410 — each a small page that says what to do, never a 5xx.
/// </summary>
internal static class ReportEndpoint
{
    public const string Route = "/report/{allianceId}/{lang}";

    public static async Task<IResult> GetAsync(
        string allianceId, string lang, string? exp, string? sig, HttpContext http,
        ReportLinks links, HealthEvaluator evaluator, Database database, IHealthChartLinks charts, TextCatalog catalog, SignedLinks signedLinks,
        CancellationToken cancellationToken)
    {
        Secure(http, signedLinks.BaseUrl);
        var language = Languages.Supported.Cast<Language?>().FirstOrDefault(l => string.Equals(l!.Value.Code(), lang, StringComparison.Ordinal));
        var texts = catalog.For(language ?? Language.Fallback);
        if (language is null || !Guid.TryParseExact(allianceId, "D", out var id))
        {
            return Page(ReportHtml.Error(texts, "report.error.notfound"), StatusCodes.Status404NotFound);
        }

        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return Page(ReportHtml.Error(texts, "report.error.forbidden"), StatusCodes.Status403Forbidden);
        }

        switch (links.Verify(id, language.Value, expires, sig))
        {
            case LinkCheck.Invalid:
                return Page(ReportHtml.Error(texts, "report.error.forbidden"), StatusCodes.Status403Forbidden);
            case LinkCheck.Expired:
                return Page(ReportHtml.Error(texts, "report.error.expired"), StatusCodes.Status410Gone);
        }

        var health = await evaluator.EvaluateAsync(id, language.Value, null, cancellationToken);
        if (health is null)
        {
            // A genuine link to an alliance deleted since: gone, like an expired one.
            return Page(ReportHtml.Error(texts, "report.error.gone"), StatusCodes.Status410Gone);
        }

        return Page(ReportHtml.Render(ReportDocument.Build(health, texts, charts, await database.ListCommitmentsAsync(id, cancellationToken)), texts), StatusCodes.Status200OK);
    }

    private static IResult Page(string html, int status) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    /// <summary>
    /// The link carries its signature: no caching, no referrer to the chart host or anywhere else, no indexing, no
    /// framing, and no script at all (the page has none).
    /// </summary>
    private static void Secure(HttpContext http, string publicBaseUrl)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        var images = Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) ? $"{uri.GetLeftPart(UriPartial.Authority)} 'self'" : "'self'";
        headers.ContentSecurityPolicy = $"default-src 'none'; img-src {images}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}
