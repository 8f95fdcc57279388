using Fawkes.Portal.Identity;
using Fawkes.Portal.Integrations.Jenkins;
using Fawkes.Portal.Integrations.ArgoCd;
using Fawkes.Portal.Integrations.Kubernetes;
using Fawkes.Portal.Integrations.SonarQube;

namespace Fawkes.Portal.Integrations;

/// <summary>
/// The integration layer: one <c>Add&lt;System&gt;()</c> per external system under <c>Integrations:&lt;System&gt;</c>, each
/// with named instances, a client behind the portal's resilience pipeline, a short shared cache and a health source.
/// Jenkins, ArgoCD, SonarQube and GitHub instances slot in the same way (an <see cref="IIntegrationHealthSource"/> each).
/// </summary>
public static class IntegrationsExtensions
{
    public static WebApplicationBuilder AddIntegrations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IntegrationHealthBoard>();
        builder.Services.AddKubernetes();
        builder.Services.AddJenkins();
        builder.Services.AddArgoCd();
        builder.Services.AddSonarQube();
        return builder;
    }

    /// <summary><c>GET /api/admin/integrations</c>: every instance's name, kind, status, last error and latency (Admin only).</summary>
    public static IEndpointRouteBuilder MapIntegrations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/integrations", async (IntegrationHealthBoard board, CancellationToken ct) =>
            Results.Ok(new { items = await board.CheckAsync(ct) }))
            .RequireAuthorization(Policies.Admin).WithTags("Integrations");
        return app;
    }
}
