using System.Text;
using AllianceBot.Bot.Links;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Storage;

namespace AllianceBot.Bot.Export;

/// <summary><c>GET /export/{allianceId}.csv?exp=&amp;sig=</c>: the aggregates CSV behind a signed, expiring link.</summary>
internal static class ExportEndpoint
{
    public const string Route = "/export/{file}";

    public static async Task<IResult> GetAsync(string file, long? exp, string? sig, HttpContext http, ExportLinkSigner signer, Database database,
        CancellationToken cancellationToken)
    {
        if (!file.EndsWith(".csv", StringComparison.Ordinal) || !Guid.TryParseExact(file[..^4], "D", out var allianceId))
        {
            return Results.NotFound();
        }

        switch (exp is null ? LinkCheck.Invalid : signer.Verify(allianceId, exp.Value, sig))
        {
            case LinkCheck.Invalid:
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            case LinkCheck.Expired:
                return Results.StatusCode(StatusCodes.Status410Gone);
        }

        string csv;
        try
        {
            csv = await database.ExportAggregatesCsvAsync(allianceId, cancellationToken);
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound)
        {
            // A genuine link to an alliance deleted since: gone, like an expired one.
            return Results.StatusCode(StatusCodes.Status410Gone);
        }

        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"alliance-{allianceId:D}.csv");
    }
}
