using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PosLink.Domain.Telemetry;
using PosLink.Web.Hosting;
using PosLink.Web.Jobs;

namespace PosLink.Web.Telemetry;

/// <summary>
/// OpenTelemetry for the operator: PosLink's meter and ASP.NET Core's, scraped by Prometheus at <c>/metrics</c>
/// (this machine and the addresses <see cref="TelemetryOptions.MetricsAllowedClients"/> names only); spans of page
/// actions, jobs and gateway calls, so log lines carry their trace id; both sent over OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector (with <c>OTEL_SERVICE_NAME</c> and the other <c>OTEL_*</c> settings).
/// </summary>
public static class TelemetryComposition
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddPosLinkTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.Section))
            .Validate(o => ClientAddresses.AreValid(o.MetricsAllowedClients) && o.LedgerFiguresCacheSeconds >= 0,
                $"{TelemetryOptions.Section}: MetricsAllowedClients must hold IP addresses (10.0.0.5) or networks (10.0.0.0/24); LedgerFiguresCacheSeconds must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<LedgerGauges>();
        services.AddSingleton<CircuitGauge>();
        services.AddScoped<CircuitHandler, CircuitGauge.Handler>();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(PosLinkTelemetry.Name))
            .WithMetrics(metrics => metrics
                .AddMeter(PosLinkTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(PosLinkTelemetry.Name)
                // Requests worth a span: pages, sign-in, exports. Not the circuit's long-lived socket, files, probes or scrapes.
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsNoise(context.Request.Path)));
        if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            telemetry.UseOtlpExporter();
        }
        // Every log line written inside a span carries its trace and span ids (a scope; the console shows scopes).
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddSimpleConsole(console => (console.IncludeScopes, console.SingleLine) = (true, true));
        return builder;
    }

    public static WebApplication MapPosLinkMetrics(this WebApplication app)
    {
        // Made now, so their observable instruments exist before the first scrape.
        _ = app.Services.GetRequiredService<LedgerGauges>();
        _ = app.Services.GetRequiredService<SweepFigures>();
        _ = app.Services.GetRequiredService<CircuitGauge>();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (!MayScrape(context))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        }), optionsName: null).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// This machine or a named address. A request still carrying X-Forwarded-For came through a proxy this app does not
    /// trust (a trusted one's header is consumed and the client's address put in its place), so its loopback address
    /// is the proxy's, not the client's: refused.
    /// </summary>
    private static bool MayScrape(HttpContext context) =>
        !context.Request.Headers.ContainsKey("X-Forwarded-For") &&
        ClientAddresses.IsLoopbackOrIn(context.Connection.RemoteIpAddress,
            context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<TelemetryOptions>>().CurrentValue.MetricsAllowedClients);

    private static bool IsNoise(PathString path) =>
        path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") ||
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health") || Path.HasExtension(path.Value);
}
