using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AllianceBot.Bot.Slack.Signing;

public enum SignatureVerdict
{
    Valid,
    MissingHeaders,
    MalformedTimestamp,
    OutsideWindow,
    Mismatch,
}

/// <summary>
/// Slack's v0 request signature: <c>"v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + rawBody))</c>,
/// compared in constant time, with the timestamp within 300 s of now in either direction.
/// Pure: the caller passes the raw body bytes exactly as received and the current time.
/// </summary>
public static class SlackSignature
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(300);

    public static SignatureVerdict Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> rawBody, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureVerdict.MissingHeaders;
        }

        // Stricter than Bolt, which feeds a non-numeric timestamp into the HMAC: a garbled header is refused.
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureVerdict.MalformedTimestamp;
        }

        // Both directions (Bolt only rejects stale ones): a timestamp far in the future is as suspect as an old one.
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)Window.TotalSeconds)
        {
            return SignatureVerdict.OutsideWindow;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, rawBody));
        var given = Encoding.UTF8.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureVerdict.Valid : SignatureVerdict.Mismatch;
    }

    /// <summary>The signature Slack would send for this body; also what tests use to sign requests.</summary>
    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(prefix.Length));
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return "v0=" + Convert.ToHexStringLower(hash);
    }
}
