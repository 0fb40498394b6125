using AllianceBot.Bot.Links;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Charts;

/// <summary>Which chart a URL points at. The signature binds every field, so no part can be swapped.</summary>
public sealed record ChartKey(string AllianceId, string RoundId, ChartKind Kind, Language Language);

/// <summary>
/// Chart links on the one signed-links service (<see cref="SignedLinks"/>, purpose <see cref="LinkPurpose.Chart"/>):
/// <c>sig = base64url(HMAC-SHA256(key, "v1\n" + alliance + "\n" + round + "\n" + kind + "\n" + lang + "\n" + exp))</c>,
/// so Teams can fetch them without credentials while nobody can guess or enumerate another alliance's chart.
/// </summary>
public sealed class ChartUrlSigner(SignedLinks links)
{
    public string Sign(ChartKey key, long expiresUnixSeconds) => links.Sign(LinkPurpose.Chart, expiresUnixSeconds, Fields(key));

    /// <summary>Signature first, then expiry: a forged link is refused (403) whatever its <c>exp</c> says; only a genuine old one has expired (410).</summary>
    public LinkCheck Verify(ChartKey key, long expiresUnixSeconds, string? signature) =>
        links.Verify(LinkPurpose.Chart, expiresUnixSeconds, signature, Fields(key));

    private static string[] Fields(ChartKey key) => [key.AllianceId, key.RoundId, key.Kind.Slug(), key.Language.Code()];
}
