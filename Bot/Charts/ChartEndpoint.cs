using AllianceBot.Bot.Links;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Charts;

/// <summary><c>GET /charts/{allianceId}/{roundId}/{kind}.{lang}.png?exp=&amp;sig=</c>: a signed chart image.</summary>
internal static class ChartEndpoint
{
    public const string Route = "/charts/{allianceId}/{roundId}/{kind}.{lang}.png";

    public static async Task<IResult> GetAsync(
        string allianceId, string roundId, string kind, string lang, long? exp, string? sig,
        HttpContext http, ChartUrlSigner signer, ChartCache cache, TimeProvider time, ILogger<ChartUrlSigner> log,
        CancellationToken cancellationToken)
    {
        if (!ChartIds.IsValid(allianceId) || !ChartIds.IsValid(roundId) || !ChartKinds.TryParse(kind, out var chartKind) || !TryLanguage(lang, out var language))
        {
            return Results.NotFound();
        }

        if (exp is null || string.IsNullOrEmpty(sig))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var key = new ChartKey(allianceId, roundId, chartKind, language);
        var now = time.GetUtcNow();
        switch (signer.Verify(key, exp.Value, sig))
        {
            case LinkCheck.Invalid:
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            case LinkCheck.Expired:
                return Results.StatusCode(StatusCodes.Status410Gone);
        }

        if (!cache.TryGet(key, out var png))
        {
            var source = http.RequestServices.GetService<IChartDataSource>();
            var input = source is null ? null : await source.GetAsync(allianceId, roundId, chartKind, language, cancellationToken);
            if (input is null)
            {
                return Results.NotFound();
            }

            if (input.Kind != chartKind)
            {
                log.LogWarning("Chart data source returned a {Returned} chart for a {Requested} request", input.Kind, chartKind);
                return Results.NotFound();
            }

            png = ChartRenderer.RenderPng(input);
            cache.Set(key, png);
        }

        // Cacheable by Teams' image proxy, but never beyond the link's own expiry.
        var maxAge = Math.Clamp(exp.Value - now.ToUnixTimeSeconds(), 0, 86_400);
        http.Response.Headers.CacheControl = $"public, max-age={maxAge}";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(png, "image/png");
    }

    private static bool TryLanguage(string code, out Language language)
    {
        // Only an exact supported code ("de"), as signed into the link; tags and names are not accepted here.
        language = Languages.Supported.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.Ordinal));
        return language.Code == code;
    }
}
