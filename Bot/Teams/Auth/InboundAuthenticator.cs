using System.Text.Json;
using AllianceBot.Bot.Teams.Activities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AllianceBot.Bot.Teams.Auth;

public enum InboundAuthStatus
{
    Authenticated,

    /// <summary>401: no or malformed credentials, or a token that fails issuer/audience/lifetime/signature/serviceurl.</summary>
    Unauthorized,

    /// <summary>403: a valid token whose signing key is not endorsed for the activity's channel.</summary>
    Forbidden,

    /// <summary>503: the signing keys could not be fetched (our side, not the caller's).</summary>
    KeysUnavailable,
}

public sealed record InboundAuthResult(InboundAuthStatus Status, string Reason)
{
    public static InboundAuthResult Ok(string reason) => new(InboundAuthStatus.Authenticated, reason);

    public static InboundAuthResult Unauthorized(string reason) => new(InboundAuthStatus.Unauthorized, reason);
}

/// <summary>
/// Validates the bearer token of an inbound activity as the Bot Framework requires (PROTOCOLS.md): issuer,
/// audience = app id, lifetime with 5 minutes of skew, an RS256/384/512 signature by a key from the published JWKS,
/// the <c>serviceurl</c> claim equal to the activity's serviceUrl, and the key endorsed for the channel.
/// Entra-issued tokens are accepted only from the bot's tenant (its two issuers) and from a caller named in
/// <see cref="TeamsOptions.AllowedCallers"/>.
/// </summary>
internal sealed class InboundAuthenticator
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly TeamsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InboundAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SigningKeySource _botFramework;
    private readonly SigningKeySource _entra;

    public InboundAuthenticator(IOptions<TeamsOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<InboundAuthenticator> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _botFramework = Source(_options.OpenIdMetadataUrl, httpClients);
        _entra = Source(_options.EntraOpenIdMetadataUrl, httpClients);
    }

    private SigningKeySource Source(string url, IHttpClientFactory httpClients) =>
        new(url, new HttpDocumentRetriever(httpClients.CreateClient(nameof(InboundAuthenticator)))
        {
            // Plain http is accepted for a metadata document on loopback only (tests serve their own keys there).
            RequireHttps = !new Uri(url).IsLoopback,
        }, _options.SigningKeyRefreshInterval, _time, _logger);

    public async Task<InboundAuthResult> AuthenticateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (_options.DevelopmentMode)
        {
            // Only reachable in the Development environment: TeamsOptionsValidation stops any other host at start.
            return InboundAuthResult.Ok("development mode");
        }

        if (string.IsNullOrWhiteSpace(authorization))
        {
            return InboundAuthResult.Unauthorized("missing Authorization header");
        }

        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == scheme.Length)
        {
            return InboundAuthResult.Unauthorized("Authorization scheme is not Bearer");
        }

        var token = authorization[scheme.Length..].Trim();
        var issuer = TryReadIssuer(token, out var unreadable);
        if (issuer is null)
        {
            return InboundAuthResult.Unauthorized(unreadable);
        }

        var source = SourceFor(issuer);
        if (source is null)
        {
            return InboundAuthResult.Unauthorized($"issuer '{issuer}' is not trusted");
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await source.GetAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or ArgumentException or JsonException)
        {
            // Our side (the metadata or key document could not be fetched or read), not the caller's: 503, retryable.
            _logger.LogError(e, "Could not load the OpenID metadata / signing keys");
            return new InboundAuthResult(InboundAuthStatus.KeysUnavailable, "signing keys unavailable");
        }

        var result = await ValidateAsync(token, issuer, configuration);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The channel may have rolled its keys: fetch them again and try once more. SigningKeySource grants such a
            // refresh at most once per 5 minutes, so unknown key ids cannot make us refetch on every request; otherwise
            // the same configuration comes back and the token stays refused.
            var refreshed = await TryRefreshAsync(source, cancellationToken);
            if (refreshed is not null && !ReferenceEquals(refreshed, configuration))
            {
                configuration = refreshed;
                result = await ValidateAsync(token, issuer, configuration);
            }
        }

        if (!result.IsValid)
        {
            return InboundAuthResult.Unauthorized(result.Exception?.GetType().Name ?? "invalid token");
        }

        var serviceUrl = result.Claims.TryGetValue("serviceurl", out var claim) ? claim as string : null;
        var isBotFramework = ReferenceEquals(source, _botFramework);
        if ((isBotFramework || serviceUrl is not null) && !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return InboundAuthResult.Unauthorized("serviceurl claim does not match the activity's serviceUrl");
        }

        if (!isBotFramework && CallerRefusal(result.Claims) is { } refusal)
        {
            return InboundAuthResult.Unauthorized(refusal);
        }

        // Entra's keys carry no endorsements; the Bot Framework's do, and only endorsed channels may use a key.
        if (isBotFramework)
        {
            var kid = ((JsonWebToken)result.SecurityToken).Kid;
            var channel = ChannelId.Parse(activity.ChannelId).Channel;
            if (!Endorsements(configuration, kid).Contains(channel, StringComparer.Ordinal))
            {
                return new InboundAuthResult(InboundAuthStatus.Forbidden, $"signing key is not endorsed for channel '{channel}'");
            }
        }

        return InboundAuthResult.Ok(issuer);
    }

    /// <summary>
    /// The issuer of a signed compact JWT (three parts), or null with the reason when the token cannot be read: not a
    /// JWT, an encrypted (five-part) token, unparsable JSON, or an <c>iss</c> that is not a string. Parsing is of
    /// untrusted input, so every way it fails is a refusal (401), never an exception out of the endpoint.
    /// </summary>
    internal static string? TryReadIssuer(string token, out string reason)
    {
        reason = "token is not a JWT";
        if (token.Split('.').Length != 3)
        {
            reason = token.Split('.').Length == 5 ? "encrypted tokens (JWE) are not accepted" : reason;
            return null;
        }

        try
        {
            var jwt = new JsonWebToken(token);
            if (!jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Iss, out var issuer) || string.IsNullOrEmpty(issuer))
            {
                reason = "the token has no string issuer";
                return null;
            }

            return issuer;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or JsonException or FormatException or InvalidOperationException)
        {
            reason = $"token is not readable: {e.GetType().Name}";
            return null;
        }
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, string issuer, OpenIdConnectConfiguration configuration)
    {
        try
        {
            return await _handler.ValidateTokenAsync(token, Parameters(issuer, configuration));
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or JsonException or FormatException or InvalidOperationException)
        {
            return new TokenValidationResult { IsValid = false, Exception = e };
        }
    }

    private async Task<OpenIdConnectConfiguration?> TryRefreshAsync(SigningKeySource source, CancellationToken cancellationToken)
    {
        try
        {
            return await source.RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or ArgumentException or JsonException)
        {
            _logger.LogWarning(e, "Could not refresh the signing keys");
            return null;
        }
    }

    /// <summary>
    /// An Entra-issued token proves only that some app of our tenant asked for a token with our app id as audience. It
    /// is accepted when its caller (<c>appid</c> in v1 tokens, <c>azp</c> in v2) is listed in Teams:AllowedCallers and,
    /// when it names one, its tenant (<c>tid</c>) is ours.
    /// </summary>
    private string? CallerRefusal(IDictionary<string, object> claims)
    {
        var caller = Claim(claims, "azp") ?? Claim(claims, "appid");
        if (caller is null || !_options.AllowedCallers.Contains(caller, StringComparer.OrdinalIgnoreCase))
        {
            return $"Entra-issued token of caller '{caller}', which is not in Teams:AllowedCallers";
        }

        return Claim(claims, "tid") is { } tenant && !string.Equals(tenant, _options.TenantId, StringComparison.OrdinalIgnoreCase)
            ? $"Entra-issued token of tenant '{tenant}'"
            : null;
    }

    private static string? Claim(IDictionary<string, object> claims, string name) =>
        claims.TryGetValue(name, out var value) && value is string text && text.Length > 0 ? text : null;

    private SigningKeySource? SourceFor(string issuer)
    {
        if (string.Equals(issuer, BotFrameworkIssuer, StringComparison.Ordinal))
        {
            return _botFramework;
        }

        return EntraIssuers().Contains(issuer, StringComparer.Ordinal) ? _entra : null;
    }

    private IEnumerable<string> EntraIssuers() => string.IsNullOrWhiteSpace(_options.TenantId)
        ? []
        : [$"https://sts.windows.net/{_options.TenantId}/", $"https://login.microsoftonline.com/{_options.TenantId}/v2.0"];

    private TokenValidationParameters Parameters(string issuer, OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = issuer == BotFrameworkIssuer ? BotFrameworkIssuer : null,
        ValidIssuers = issuer == BotFrameworkIssuer ? null : EntraIssuers(),
        ValidAudience = _options.AppId,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = ClockSkew,
        ValidAlgorithms = Algorithms,
        IssuerSigningKeys = configuration.SigningKeys,
        LifetimeValidator = WithinLifetime,
    };

    /// <summary>Lifetime against the injected clock (IdentityModel would read the system clock), with 5 minutes of skew.</summary>
    private bool WithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp.ToUniversalTime() + ClockSkew
               && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - ClockSkew);
    }

    /// <summary>
    /// <c>endorsements</c> is not a standard JWK member: IdentityModel keeps it in <see cref="JsonWebKey.AdditionalData"/>
    /// as a <see cref="JsonElement"/> array (or a string list, depending on how the key set was built).
    /// </summary>
    internal static IReadOnlyList<string> Endorsements(OpenIdConnectConfiguration configuration, string? kid)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            IEnumerable<object> items => items.OfType<string>().ToList(),
            _ => [],
        };
    }
}
