namespace AllianceBot.Bot.Links;

/// <summary>Configuration section <c>Links</c>: the one key and base URL of every signed link (charts, report, export).</summary>
public sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>
    /// HMAC-SHA256 key for every signed link (at least 32 characters). Required outside Development; in Development a
    /// random per-process key is generated when empty (links then die with the process, which is fine for a try-out).
    /// The older names <c>Charts:SigningKey</c> and <c>Export:SigningKey</c> are still read, in that order, when this
    /// one is empty (with a warning at start-up).
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Absolute base of the links put into cards (Teams fetches images from there): <c>Bot:PublicBaseUrl</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:3978";

    internal bool HasValidBaseUrl =>
        Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
