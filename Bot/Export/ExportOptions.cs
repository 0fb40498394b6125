using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Bot.Export;

/// <summary>Configuration section <c>Export</c>.</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";

    /// <summary>
    /// HMAC-SHA256 key for export links (at least 32 characters). Falls back to <c>Charts:SigningKey</c>; required (one of them)
    /// outside Development; in Development a random per-process key is generated when both are empty.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>How long a download link works. Short: whoever holds the link gets the CSV.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Absolute base of the links (<c>Bot:PublicBaseUrl</c>).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:3978";

    internal bool HasValidBaseUrl =>
        Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
