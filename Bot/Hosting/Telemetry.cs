using System.Diagnostics;
using System.Text.RegularExpressions;
using AllianceBot.Data.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AllianceBot.Bot.Hosting;

/// <summary>
/// OpenTelemetry: traces (ASP.NET Core, HttpClient, PostgreSQL through Npgsql, and the bot's own <c>AllianceBot</c>
/// source), metrics (the same plus .NET runtime and the bot's <c>AllianceBot</c> meter) and logs. Exported over OTLP
/// when — and only as — the standard variables say: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal
/// <c>OTEL_EXPORTER_OTLP_{TRACES,METRICS,LOGS}_ENDPOINT</c>) turns it on; <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>,
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>,
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c> and the rest are read by the SDK itself. Without an endpoint nothing is collected.
/// </summary>
public static partial class Telemetry
{
    public const string DefaultServiceName = "alliancebot";

    private static readonly string[] EndpointVariables =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!EndpointVariables.Any(v => !string.IsNullOrWhiteSpace(configuration[v])))
        {
            return builder;
        }

        return Export(builder, configuration);
    }

    /// <summary>
    /// Apart from <see cref="AddTelemetry"/> so that without an endpoint the OpenTelemetry assemblies are never loaded
    /// (issue 18: the runtime resolves what a method refers to before it runs it, which mapped them for nothing).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IHostApplicationBuilder Export(IHostApplicationBuilder builder, IConfiguration configuration)
    {
        builder.Logging.AddOpenTelemetry(logs =>
        {
            logs.IncludeFormattedMessage = true;
            logs.IncludeScopes = false;
        });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME wins (the SDK reads it); otherwise the bot names itself.
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(DefaultServiceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString());
                }
            })
            .WithTracing(tracing => tracing
                .AddSource(AllianceTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation(o =>
                {
                    o.EnrichWithHttpRequestMessage = (activity, request) => RedactConversation(activity, request.RequestUri);
                })
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(AllianceTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation())
            .WithLogging()
            .UseOtlpExporter();
        return builder;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    /// <summary>
    /// Connector URLs carry conversation ids (a personal chat's id stands for a person): the span keeps the route
    /// shape, <c>/v3/conversations/{id}/activities/{id}</c>, not the ids.
    /// </summary>
    private static void RedactConversation(Activity activity, Uri? uri)
    {
        if (uri is null || !uri.AbsolutePath.Contains("/v3/conversations/", StringComparison.Ordinal))
        {
            return;
        }

        var path = ConversationIds().Replace(uri.AbsolutePath, "/$1/{id}");
        activity.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}{path}");
        activity.DisplayName = $"{activity.GetTagItem("http.request.method")} {path}";
    }

    [GeneratedRegex(@"/(conversations|activities|members)/[^/]+")]
    private static partial Regex ConversationIds();
}
