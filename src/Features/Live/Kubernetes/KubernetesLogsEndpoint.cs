using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Integrations.Kubernetes;
using Microsoft.AspNetCore.Mvc;

namespace Fawkes.Portal.Features.Live.Kubernetes;

/// <summary>
/// <c>GET …/kubernetes/logs?cluster=&amp;namespace=&amp;pod=&amp;container=&amp;tailLines=</c>: the tail of one container's log, for
/// the entity's owners, PlatformLead and Admin (the permission service's <c>live.logs</c> rule), and only of the entity's own pods; audited.
/// </summary>
public static class KubernetesLogsEndpoint
{
    public static RouteGroupBuilder MapKubernetesLogs(this RouteGroupBuilder live)
    {
        ArgumentNullException.ThrowIfNull(live);
        live.MapGet("/kubernetes/logs", GetAsync).RequireAuthorization(Policies.LiveLogs);
        return live;
    }

    private static async Task<IResult> GetAsync(string kind, [FromRoute(Name = "namespace")] string entityNamespace, string name,
        string? cluster, [FromQuery(Name = "namespace")] string? podNamespace, string? pod, string? container, int? tailLines,
        CatalogQueries catalog, PermissionService permissions, AuditedKubernetesLogs logs, HttpContext context, CancellationToken ct)
    {
        var missing = new[] { ("cluster", cluster), ("namespace", podNamespace), ("pod", pod), ("container", container) }
            .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count > 0 || tailLines is < 1 or > KubernetesLogs.MaxTailLines)
        {
            return Results.Problem(title: "Invalid log request", statusCode: StatusCodes.Status400BadRequest,
                detail: missing.Count > 0 ? $"Query parameter(s) {string.Join(", ", missing)} required (the pod and container to read)."
                    : $"tailLines must be between 1 and {KubernetesLogs.MaxTailLines} (is {tailLines}).");
        }
        if (await catalog.ByRefAsync(new EntityRef(kind, entityNamespace, name), ct) is not { } entity)
        {
            return Results.Problem(title: "Entity not found", detail: $"There is no {kind} '{name}' in namespace '{entityNamespace}' in the catalog.",
                statusCode: StatusCodes.Status404NotFound);
        }
        var decision = await permissions.DecideAsync(context.User, PortalAction.LiveLogs, CatalogOwnership.OfEntity(entity), ct);
        if (!decision.Allowed)
        {
            return PermissionProblems.Result(decision);
        }
        if (LiveExtensions.SelectorOf(entity) is not { } selector)
        {
            return Results.Problem(title: "No Kubernetes mapping", statusCode: StatusCodes.Status404NotFound,
                detail: $"{kind} '{name}' has no {KubernetesSelector.IdAnnotation} or {KubernetesSelector.LabelSelectorAnnotation} annotation.");
        }
        var answer = await logs.ReadAsync(context.User, new EntityRef(kind, entityNamespace, name), selector, cluster!, podNamespace!, pod!, container!,
            tailLines ?? KubernetesLogs.DefaultTailLines, ct);
        return answer.Status switch
        {
            IntegrationStatus.Ok => Results.Ok(answer),
            IntegrationStatus.NotFound or IntegrationStatus.NotConfigured => Results.Problem(title: "No such container of this entity",
                detail: answer.Error, statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["status"] = answer.Status }),
            _ => Results.Problem(title: "The cluster did not give the log", detail: answer.Error, statusCode: StatusCodes.Status502BadGateway,
                extensions: new Dictionary<string, object?> { ["status"] = answer.Status, ["cluster"] = answer.Cluster }),
        };
    }
}
