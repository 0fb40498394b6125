using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Links;

public static class LinksSetup
{
    /// <summary>Older names of <c>Links:SigningKey</c>, still read (in this order) so a deployed bot's configuration keeps working.</summary>
    internal static readonly string[] OldKeyNames = ["Charts:SigningKey", "Export:SigningKey"];

    /// <summary>
    /// <see cref="SignedLinks"/> with its options (<c>Links:SigningKey</c>, <c>Bot:PublicBaseUrl</c>), validated at
    /// start-up: the charts, the report and the export sign and check their links with it, each under its own
    /// <see cref="LinkPurpose"/>.
    /// </summary>
    public static IHostApplicationBuilder AddSignedLinks(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<LinkOptions>()
            .Bind(configuration.GetSection(LinkOptions.Section))
            .Configure(o =>
            {
                o.PublicBaseUrl = configuration["Bot:PublicBaseUrl"] is { Length: > 0 } url ? url : o.PublicBaseUrl;
                if (o.SigningKey.Length == 0 && OldKeyNames.Select(n => configuration[n]).FirstOrDefault(k => k is { Length: > 0 }) is { } old)
                {
                    o.SigningKey = old;
                }
            })
            .Validate(o => o.SigningKey.Length >= 32,
                "Links:SigningKey (or the older Charts:SigningKey) is missing or shorter than 32 characters. Set it to a random secret, e.g. `openssl rand -base64 48`.")
            .Validate(o => o.HasValidBaseUrl, "Bot:PublicBaseUrl must be an absolute http(s) URL, e.g. https://bot.example.com.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IPostConfigureOptions<LinkOptions>, DevelopmentSigningKey>();
        builder.Services.AddSingleton<SignedLinks>();
        builder.Services.AddHostedService<OldKeyNamesWarning>();
        return builder;
    }

    /// <summary>In Development only: a random per-process key when none is configured, logged so links can be checked.</summary>
    private sealed class DevelopmentSigningKey(IHostEnvironment environment, ILogger<SignedLinks> log) : IPostConfigureOptions<LinkOptions>
    {
        public void PostConfigure(string? name, LinkOptions options)
        {
            if (options.SigningKey.Length > 0 || !environment.IsDevelopment())
            {
                return;
            }

            options.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            log.LogWarning("Links:SigningKey is not set; using a random key for this process (Development only): {SigningKey}", options.SigningKey);
        }
    }

    /// <summary>Says once at start-up which older key names are set, and which one signs now.</summary>
    private sealed class OldKeyNamesWarning(IConfiguration configuration, ILogger<SignedLinks> log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var own = configuration[LinkOptions.Section + ":SigningKey"] is { Length: > 0 };
            var set = OldKeyNames.Where(n => configuration[n] is { Length: > 0 }).ToList();
            if (set.Count > 0)
            {
                log.LogWarning("{OldNames} is an older name of Links:SigningKey; the link key is now taken from {Used}. Rename it to Links:SigningKey (environment: Links__SigningKey).",
                    string.Join(" and ", set), own ? "Links:SigningKey" : set[0]);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
