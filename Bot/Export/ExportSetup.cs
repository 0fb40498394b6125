using System.Security.Cryptography;
using AllianceBot.Dialogs.Alliances;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Export;

public static class ExportSetup
{
    public static IHostApplicationBuilder AddExport(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<ExportOptions>()
            .Bind(configuration.GetSection(ExportOptions.Section))
            .Configure(o =>
            {
                o.PublicBaseUrl = configuration["Bot:PublicBaseUrl"] is { Length: > 0 } url ? url : o.PublicBaseUrl;

                // One secret fewer to manage: without its own key the export signs with the chart key. The payloads
                // differ ("export-v1" vs "v1"), so a chart signature can never pass as an export signature.
                if (o.SigningKey.Length == 0 && configuration["Charts:SigningKey"] is { Length: > 0 } chartKey)
                {
                    o.SigningKey = chartKey;
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => o.SigningKey.Length >= 32,
                "Export:SigningKey (or Charts:SigningKey) is missing or shorter than 32 characters. Set it to a random secret, e.g. `openssl rand -base64 48`.")
            .Validate(o => o.HasValidBaseUrl, "Bot:PublicBaseUrl must be an absolute http(s) URL, e.g. https://bot.example.com.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IPostConfigureOptions<ExportOptions>, DevelopmentSigningKey>();
        builder.Services.AddSingleton<ExportLinkSigner>();
        builder.Services.AddSingleton<IExportLinks>(sp => sp.GetRequiredService<ExportLinkSigner>());
        return builder;
    }

    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportEndpoint.Route, ExportEndpoint.GetAsync);
        return app;
    }

    /// <summary>In Development only: a random per-process key when none is configured (links die with the process).</summary>
    private sealed class DevelopmentSigningKey(IHostEnvironment environment) : IPostConfigureOptions<ExportOptions>
    {
        public void PostConfigure(string? name, ExportOptions options)
        {
            if (options.SigningKey.Length == 0 && environment.IsDevelopment())
            {
                options.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            }
        }
    }
}
