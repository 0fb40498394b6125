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
        var parameters = Key.Rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (withEndorsements)
        {
            jwk["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode?)e).ToArray());
        }

        return new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString();
    }

    public string Token(
        string audience,
        string serviceUrl,
        string issuer = BotFrameworkIssuer,
        DateTime? expires = null,
        DateTime? notBefore = null,
        SecurityKey? signWith = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(signWith ?? Key, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity(),
        });
    }
}
