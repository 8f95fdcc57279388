using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Fawkes.Portal.Integrations.ArgoCd;

namespace Fawkes.Portal.Features.Live.ArgoCd;

/// <summary>The ArgoCD tab's registration and its API: <c>GET …/argocd</c> (catalog:read) and <c>POST …/argocd/sync</c> (live action).</summary>
public static class ArgoCdEndpoints
{
    /// <summary>What to sync; both optional (every application of the entity, on every instance that has it).</summary>
    public sealed record SyncRequest(string? Application, string? Instance);

    public static IServiceCollection AddArgoCdTab(this IServiceCollection services)
    {
        services.AddSingleton<ArgoCdSyncAction>();
        return services.AddEntityTab<ArgoCdTab>("argocd", "ArgoCD", MudBlazor.Icons.Material.Outlined.Sync, 46,
            e => ArgoCdSelector.FromAnnotations(e.Annotation) is not null);
    }

    /// <param name="live">The group <c>/api/live/{kind}/{namespace}/{name}</c>, already requiring catalog:read.</param>
    public static RouteGroupBuilder MapArgoCd(this RouteGroupBuilder live)
    {
        live.MapGet("/argocd", async (string kind, string @namespace, string name, CatalogQueries catalog, ArgoCdLiveService argo, CancellationToken ct) =>
            await FindAsync(catalog, kind, @namespace, name, ct) is { } entity
                ? Results.Ok(await argo.GetAsync(ArgoCdSyncAction.SelectorOf(entity), ct))
                : NotFound(kind, @namespace, name));
        live.MapPost("/argocd/sync", SyncAsync).RequireAuthorization(Policies.LiveAction);
        return live;
    }

    private static async Task<IResult> SyncAsync(string kind, string @namespace, string name, SyncRequest? body, CatalogQueries catalog,
        ArgoCdSyncAction sync, HttpContext context, CancellationToken ct)
    {
        if (await FindAsync(catalog, kind, @namespace, name, ct) is not { } entity)
        {
            return NotFound(kind, @namespace, name);
        }
        var result = await sync.SyncAsync(context.User, entity, body?.Application, body?.Instance, ct);
        if (!result.Decision.Allowed)
        {
            return PermissionProblems.Result(result.Decision);
        }
        if (result.Outcomes.Count == 0)
        {
            return Results.Problem(title: "No ArgoCD application to sync", statusCode: StatusCodes.Status404NotFound,
                detail: $"{kind} '{name}' has no ArgoCD application{(body?.Application is { } a ? $" named '{a}'" : "")}"
                    + $"{(body?.Instance is { } i ? $" on instance '{i}'" : "")} that answered (see GET …/argocd for each instance's status).");
        }
        if (result.Outcomes.All(o => o.Status != ArgoCdSyncAction.Started))
        {
            var refused = result.Outcomes.All(o => o.Status == ArgoCdLiveService.SyncRefused);
            return Results.Problem(title: refused ? "ArgoCD refused the sync" : "ArgoCD could not be asked to sync",
                statusCode: refused ? StatusCodes.Status409Conflict : StatusCodes.Status502BadGateway,
                detail: string.Join(" ", result.Outcomes.Select(o => o.Error)),
                extensions: new Dictionary<string, object?> { ["outcomes"] = result.Outcomes });
        }
        return Results.Accepted(value: new { outcomes = result.Outcomes });
    }

    private static Task<JsonObject?> FindAsync(CatalogQueries catalog, string kind, string @namespace, string name, CancellationToken ct) =>
        catalog.ByRefAsync(new EntityRef(kind, @namespace, name), ct);

    private static IResult NotFound(string kind, string @namespace, string name) =>
        Results.Problem(title: "Entity not found", detail: $"There is no {kind} '{name}' in namespace '{@namespace}' in the catalog.",
            statusCode: StatusCodes.Status404NotFound);
}
