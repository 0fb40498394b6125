using System.Globalization;
using AllianceBot.Bot.Links;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Charts;

/// <summary>Absolute, signed, expiring chart URLs for cards (Image.url, LineChartBlock.FallbackImageUrl).</summary>
public interface IChartLinks
{
    /// <exception cref="ArgumentException">An id holds characters other than letters, digits, '-' and '_'.</exception>
    string For(string allianceId, string roundId, ChartKind kind, Language language);
}

internal sealed class ChartLinks(ChartUrlSigner signer, SignedLinks links, IOptions<ChartOptions> options, TimeProvider time) : IChartLinks
{
    public string For(string allianceId, string roundId, ChartKind kind, Language language)
    {
        if (!ChartIds.IsValid(allianceId) || !ChartIds.IsValid(roundId))
        {
            throw new ArgumentException("Chart ids may only hold letters, digits, '-' and '_' (at most 64).");
        }

        // Expiry rounded up to the hour: cards built within the same hour share one URL, so Teams' image cache hits.
        var expires = time.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds();
        expires = ((expires + 3599) / 3600) * 3600;
        var key = new ChartKey(allianceId, roundId, kind, language);
        var baseUrl = links.BaseUrl;
        return string.Create(CultureInfo.InvariantCulture,
            $"{baseUrl}/charts/{allianceId}/{roundId}/{kind.Slug()}.{language.Code()}.png?exp={expires}&sig={signer.Sign(key, expires)}");
    }
}

internal static class ChartIds
{
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
