using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AllianceBot.Bot.Hosting;

public static class HealthEndpoints
{
    /// <summary>Health checks tagged with this are part of <c>/readyz</c> (e.g. the database check).</summary>
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers. Readiness: every check tagged "ready" passes (503 otherwise).
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
