using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// Plays the Bot Framework token service: an RSA key published in a JWKS (with the non-standard
/// <c>endorsements</c> member) behind an OpenID metadata document, and tokens signed with it.
/// </summary>
public sealed class TokenIssuer
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    public RsaSecurityKey Key { get; } = NewKey("bf-key-1");

    /// <summary>Signs like <see cref="Key"/> claims to (same kid) but with a different private key.</summary>
    public RsaSecurityKey Impostor { get; } = NewKey("bf-key-1");

    /// <summary>A well-formed key whose kid the JWKS does not list.</summary>
    public RsaSecurityKey Unpublished { get; } = NewKey("not-published");

    /// <summary>A second key, published only once <see cref="PublishNextKey"/> is true (the service rolled its keys).</summary>
    public RsaSecurityKey NextKey { get; } = NewKey("bf-key-2");

    public bool PublishNextKey { get; set; }

    public string[] Endorsements { get; set; } = ["msteams", "webchat"];

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    public string Metadata(string baseUrl, string issuer = BotFrameworkIssuer) => new JsonObject
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = "https://invalid.example/authorize",
        ["jwks_uri"] = baseUrl + "keys",
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    }.ToJsonString();

    public string Jwks(bool withEndorsements = true)
    {
        var keys = PublishNextKey ? new[] { Key, NextKey } : [Key];
        return new JsonObject { ["keys"] = new JsonArray(keys.Select(k => (JsonNode?)Jwk(k, withEndorsements)).ToArray()) }.ToJsonString();
    }

    private JsonObject Jwk(RsaSecurityKey key, bool withEndorsements)
    {
        var parameters = key.Rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (withEndorsements)
        {
            jwk["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode?)e).ToArray());
        }

        return jwk;
    }

    /// <summary>The published key's public modulus as an HMAC secret: the classic RS256-to-HS256 confusion attack.</summary>
    public SymmetricSecurityKey PublicKeyAsHmacSecret() =>
        new(Key.Rsa.ExportParameters(false).Modulus) { KeyId = Key.KeyId };

    /// <summary>A token put together by hand (header and payload as given, any signature): for tokens no library would make.</summary>
    public static string Raw(JsonObject header, JsonObject payload, string signature = "c2lnbmF0dXJl") =>
        $"{Base64UrlEncoder.Encode(header.ToJsonString())}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{signature}";

    public static long UnixTime(DateTime time) => new DateTimeOffset(time).ToUnixTimeSeconds();

    public string Token(
        string audience,
        string? serviceUrl,
        string issuer = BotFrameworkIssuer,
        DateTime? expires = null,
        DateTime? notBefore = null,
        SecurityKey? signWith = null,
        IReadOnlyDictionary<string, object>? claims = null,
        bool withExpiry = true,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        var all = new Dictionary<string, object>();
        if (serviceUrl is not null)
        {
            all["serviceurl"] = serviceUrl;
        }

        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            all[name] = value;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = all,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = withExpiry ? expires ?? now.AddMinutes(30) : null,
            SigningCredentials = new SigningCredentials(signWith ?? Key, algorithm),
            Subject = new ClaimsIdentity(),
        });
    }
}
