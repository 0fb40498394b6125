using AllianceBot.Dialogs.Report;

namespace AllianceBot.Bot.Report;

public static class ReportSetup
{
    /// <summary>The steering-committee report: the "report" command and the page behind its signed link. Needs AddSignedLinks.</summary>
    public static IHostApplicationBuilder AddReport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>()
            .Bind(builder.Configuration.GetSection(ReportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ReportLinks>();
        builder.Services.AddSingleton<IReportLinks>(sp => sp.GetRequiredService<ReportLinks>());
        builder.Services.AddReportDialog();
        return builder;
    }

    public static IEndpointRouteBuilder MapReport(this IEndpointRouteBuilder app)
    {
        app.MapGet(ReportEndpoint.Route, ReportEndpoint.GetAsync);
        return app;
    }
}
