using Fawkes.Portal.Operations.Audit;
using Fawkes.Portal.Operations.Demo;
using Fawkes.Portal.Operations.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Fawkes.Portal.Operations;

public static class OperationsExtensions
{
    public const string MeterName = "Fawkes.Portal";

    public static WebApplicationBuilder AddPortalOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddProblemDetails();
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("fawkes-portal"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MeterName)
                .AddPrometheusExporter())
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());

        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddPortalRateLimiting(limits);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddSingleton<DemoSeeder>();
        builder.ListenOnMetricsPort();
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalOperations(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live"), ResponseWriter = HealthResponses.WriteAsync })
            .AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponses.WriteAsync })
            .AllowAnonymous().DisableRateLimiting();
        // Scraped by Prometheus inside the cluster: on Portal:Metrics:Port when set, which no ingress routes to (see README).
        app.MapMetrics().AllowAnonymous().DisableRateLimiting();
        app.MapPortalApi();
        return app;
    }
}
