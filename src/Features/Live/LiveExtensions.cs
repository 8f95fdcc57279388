using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Browse;
using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Live.ArgoCd;
using Fawkes.Portal.Features.Live.SonarQube;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Integrations.Kubernetes;

namespace Fawkes.Portal.Features.Live;

/// <summary>
/// Live platform data on entity pages and under <c>/api/live</c>: each system's tab and JSON endpoint, both fed by the
/// integration layer's shared cache (the tab calls the same service the endpoint does).
/// </summary>
public static class LiveExtensions
{
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddEntityTab<Kubernetes.KubernetesTab>("kubernetes", "Kubernetes", MudBlazor.Icons.Material.Outlined.ViewInAr, 45,
            e => string.Equals(e.Kind, CatalogKinds.Component, StringComparison.OrdinalIgnoreCase)
                || string.Equals(e.Kind, CatalogKinds.Resource, StringComparison.OrdinalIgnoreCase));
        Jenkins.JenkinsTab.Register(builder.Services);
        builder.Services.AddArgoCdTab();
        builder.Services.AddSonarQubeTab();
        builder.Services.AddSingleton<Overview.LiveOverview>();
        builder.Services.AddSingleton<Kubernetes.AuditedKubernetesLogs>();
        builder.Services.AddCatalogHealthColumn<Overview.LiveHealthCell>("Health");
        builder.Services.AddEntityBanner<Overview.LiveStrip>(0, e => e.Annotation(KubernetesSelector.IdAnnotation) is not null
            || e.Annotation(KubernetesSelector.LabelSelectorAnnotation) is not null || e.Annotation(Integrations.Jenkins.JenkinsJobRef.Annotation) is not null
            || Integrations.ArgoCd.ArgoCdSelector.FromAnnotations(e.Annotation) is not null
            || e.Annotation(Integrations.SonarQube.SonarQubeProjectRef.Annotation) is not null);
        return builder;
    }

    /// <summary><c>GET /api/live/{kind}/{namespace}/{name}/kubernetes</c> (catalog:read): the tab's data, <c>problems</c> and <c>clusters</c>.</summary>
    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/api/live/{kind}/{namespace}/{name}").WithTags("Live").RequireAuthorization(Policies.CatalogRead);
        Jenkins.JenkinsEndpoints.MapJenkinsLive(live);
        live.MapGet("/kubernetes", async (string kind, string @namespace, string name, CatalogQueries catalog, KubernetesLiveService kubernetes,
            CancellationToken ct) =>
        {
            var entity = await catalog.ByRefAsync(new EntityRef(kind, @namespace, name), ct);
            if (entity is null)
            {
                return Results.Problem(title: "Entity not found", detail: $"There is no {kind} '{name}' in namespace '{@namespace}' in the catalog.",
                    statusCode: StatusCodes.Status404NotFound);
            }
            return Results.Ok(await kubernetes.GetAsync(SelectorOf(entity), ct));
        });
        live.MapArgoCd();
        live.MapSonarQube();
        Kubernetes.KubernetesLogsEndpoint.MapKubernetesLogs(live);
        return app;
    }

    internal static KubernetesSelector? SelectorOf(JsonObject entity) =>
        KubernetesSelector.FromAnnotations(key => entity["metadata"]?["annotations"]?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null);
}
