using AllianceBot.Dialogs.Alliances;

namespace AllianceBot.Bot.Export;

public static class ExportSetup
{
    /// <summary>The CSV export behind a signed link (<see cref="ExportLinkSigner"/>). Needs AddSignedLinks.</summary>
    public static IHostApplicationBuilder AddExport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExportOptions>()
            .Bind(builder.Configuration.GetSection(ExportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ExportLinkSigner>();
        builder.Services.AddSingleton<IExportLinks>(sp => sp.GetRequiredService<ExportLinkSigner>());
        return builder;
    }

    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportEndpoint.Route, ExportEndpoint.GetAsync);
        return app;
    }
}
