using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AllianceBot.Bot.Slack.Install;

/// <summary>
/// The OAuth <c>state</c> of one install attempt: <c>{nonce}.{expiry unix seconds}.{HMAC}</c>, signed with a key derived
/// from the client secret. The nonce also goes into a same-site cookie, so a state is only accepted from the browser
/// that started the install (a link with someone else's state and code cannot install into their session).
/// </summary>
public static class SlackInstallState
{
    public const string CookieName = "alliancebot_slack_install";

    public static (string State, string Nonce) Create(string clientSecret, DateTimeOffset expires)
    {
        var nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        var body = $"{nonce}.{expires.ToUnixTimeSeconds()}";
        return ($"{body}.{Sign(clientSecret, body)}", nonce);
    }

    /// <summary>Null when the state is genuine, unexpired and bound to <paramref name="cookieNonce"/>; else why not.</summary>
    public static string? Problem(string clientSecret, string? state, string? cookieNonce, DateTimeOffset now)
    {
        var parts = state?.Split('.');
        if (parts is not [var nonce, var expiry, var mac] || !long.TryParse(expiry, out var unix))
        {
            return "malformed state";
        }

        var expected = Encoding.ASCII.GetBytes(Sign(clientSecret, $"{nonce}.{expiry}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(mac)))
        {
            return "forged state";
        }

        if (DateTimeOffset.FromUnixTimeSeconds(unix) < now)
        {
            return "expired state";
        }

        return cookieNonce is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(nonce), Encoding.ASCII.GetBytes(cookieNonce))
            ? null
            : "state not started in this browser";
    }

    private static string Sign(string clientSecret, string body)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes("alliancebot/slack-install-state"));
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body)));
    }
}
