using System.Net;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Teams.Auth;

/// <summary>
/// Which connector hosts a serviceUrl may name. Until a Bot Framework token binds it, an activity's serviceUrl is
/// whatever the caller wrote; the bot stores it as the person's contact and sends its connector token there, so only
/// Microsoft's connector hosts are accepted: https, a host matching one of <see cref="TeamsOptions.AllowedServiceUrlHosts"/>
/// (a <c>*</c> stands for exactly one label). Loopback (http or https) is accepted in the Development environment, or
/// when a loopback host is listed on purpose (tests, the Agents Playground).
/// </summary>
public sealed class ServiceUrlPolicy
{
    /// <summary>
    /// Teams' connector in the public cloud and the US government clouds (the well-known endpoints of Microsoft's Agents
    /// SDK, <c>TeamsProactiveServiceEndpoints</c>), and the Bot Framework's own channel hosts.
    /// </summary>
    public static readonly IReadOnlyList<string> MicrosoftConnectorHosts =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
        "*.botframework.com",
    ];

    private readonly string[][] _patterns;
    private readonly bool _loopbackAnywhere;

    public ServiceUrlPolicy(IOptions<TeamsOptions> options, IHostEnvironment environment)
        : this(options.Value.AllowedServiceUrlHosts ?? MicrosoftConnectorHosts, environment.IsDevelopment())
    {
    }

    public ServiceUrlPolicy(IEnumerable<string> hostPatterns, bool allowLoopback)
    {
        _patterns = hostPatterns.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim().ToLowerInvariant().Split('.')).ToArray();
        _loopbackAnywhere = allowLoopback;
    }

    /// <summary>A reason to refuse <paramref name="serviceUrl"/>, or null when the bot may talk to it.</summary>
    public string? Refusal(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "serviceUrl is not an absolute http(s) URL";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "serviceUrl carries user information";
        }

        var listed = Matches(uri.IdnHost);
        if (IsLoopback(uri))
        {
            return _loopbackAnywhere || listed ? null : $"serviceUrl host '{uri.Host}' is loopback, allowed only in Development or when listed";
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "serviceUrl must use https";
        }

        return listed ? null : $"serviceUrl host '{uri.Host}' is not an allowed connector host";
    }

    public bool IsAllowed(string? serviceUrl) => Refusal(serviceUrl) is null;

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private bool Matches(string host)
    {
        var labels = host.ToLowerInvariant().Split('.');
        return _patterns.Any(pattern => pattern.Length == labels.Length
            && pattern.Zip(labels).All(pair => pair.First == "*" ? pair.Second.Length > 0 : string.Equals(pair.First, pair.Second, StringComparison.Ordinal)));
    }

    /// <summary>Whether a configured pattern is well formed: labels of letters, digits and hyphens, or a whole-label <c>*</c>.</summary>
    internal static bool IsValidPattern(string pattern) =>
        !string.IsNullOrWhiteSpace(pattern)
        && pattern.Split('.') is { Length: >= 1 } labels
        && labels.All(l => l == "*" || (l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        && labels.Any(l => l != "*");
}
