using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>Backstage catalog-backend's entity endpoints: same paths, parameters and JSON.</summary>
internal static class EntitiesApi
{
    public static RouteGroupBuilder MapEntitiesApi(this RouteGroupBuilder api)
    {
        const string read = Policies.CatalogRead;
        api.MapGet("/entities", ListAsync).RequireAuthorization(read);
        api.MapGet("/entities/by-query", ByQueryAsync).RequireAuthorization(read);
        api.MapPost("/entities/by-refs", EntitiesByRefs.HandleAsync).RequireAuthorization(read);
        api.MapGet("/entities/by-name/{kind}/{namespace}/{name}", ByNameAsync).RequireAuthorization(read);
        api.MapGet("/entities/by-name/{kind}/{namespace}/{name}/ancestry", AncestryAsync).RequireAuthorization(read);
        api.MapGet("/entities/by-uid/{uid}", async (string uid, CatalogQueries q, CancellationToken ct) =>
            await q.ByUidAsync(uid, ct) is { } e ? Results.Json(e) : CatalogProblems.NotFound($"No entity with uid {uid}")).RequireAuthorization(read);
        api.MapDelete("/entities/by-uid/{uid}", DeleteAsync).RequireAuthorization(Policies.CatalogUnregister);
        api.MapGet("/entity-facets", FacetsAsync).RequireAuthorization(read);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, CatalogQueries q, int? limit, int? offset, CancellationToken ct)
    {
        if (!TryFilter(request, out var filter, out var error))
        {
            return error!;
        }
        var items = await q.ListAsync(filter, limit is > 0 ? Math.Min(limit.Value, 10_000) : null, Math.Max(0, offset ?? 0), ct);
        var fields = Fields(request);
        return Results.Json(new JsonArray([.. items.Select(i => (JsonNode)EntityJson.Project(i, fields))]));
    }

    private static async Task<IResult> ByQueryAsync(HttpRequest request, CatalogQueries q, int? limit, string? cursor, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? EntityQuery.DefaultLimit, 0, EntityQuery.MaxLimit);
        EntityQuery query;
        try
        {
            query = !string.IsNullOrEmpty(cursor)
                ? EntityQuery.FromCursor(cursor, take)
                : new EntityQuery(EntityFilter.Parse(request.Query["filter"]), EntityQuery.ParseOrder(request.Query["orderField"]),
                    request.Query["fullTextFilterTerm"], SplitList(request.Query["fullTextFilterFields"]), take, 0);
        }
        catch (FormatException ex)
        {
            return CatalogProblems.Input(ex.Message);
        }
        var page = await q.QueryAsync(query, ct);
        var fields = Fields(request);
        var pageInfo = new JsonObject();
        if (page.NextCursor is not null)
        {
            pageInfo["nextCursor"] = page.NextCursor;
        }
        if (page.PrevCursor is not null)
        {
            pageInfo["prevCursor"] = page.PrevCursor;
        }
        return Results.Json(new JsonObject
        {
            ["items"] = new JsonArray([.. page.Items.Select(i => (JsonNode)EntityJson.Project(i, fields))]),
            ["totalItems"] = page.TotalItems,
            ["pageInfo"] = pageInfo,
        });
    }

    private static async Task<IResult> ByNameAsync(string kind, string @namespace, string name, CatalogQueries q, CancellationToken ct) =>
        await q.ByRefUtf8Async(new EntityRef(kind, @namespace, name), ct) is { } json
            ? Results.Bytes(json, "application/json")
            : CatalogProblems.NotFound($"No entity named '{name}' found, with kind '{kind}' in namespace '{@namespace}'");

    private static async Task<IResult> AncestryAsync(string kind, string @namespace, string name, CatalogQueries q, CancellationToken ct)
    {
        var ancestry = await q.AncestryAsync(new EntityRef(kind, @namespace, name), ct);
        if (ancestry is not { } a)
        {
            return CatalogProblems.NotFound($"No such entity {new EntityRef(kind, @namespace, name)}");
        }
        return Results.Json(new JsonObject
        {
            ["rootEntityRef"] = a.RootRef,
            ["items"] = new JsonArray([.. a.Items.Select(i => (JsonNode)new JsonObject
            {
                ["entity"] = i.Entity,
                ["parentEntityRefs"] = new JsonArray([.. i.Parents.Select(p => (JsonNode)JsonValue.Create(p)!)]),
            })]),
        });
    }

    private static async Task<IResult> DeleteAsync(
        string uid, CatalogQueries q, PermissionService permissions, Operations.Audit.AuditLog audit, HttpContext ctx, CancellationToken ct)
    {
        var entity = await q.ByUidAsync(uid, ct);
        if (entity is null)
        {
            return CatalogProblems.NotFound($"No entity with uid {uid}");
        }
        var decision = await permissions.DecideAsync(ctx.User, PortalAction.CatalogUnregister, CatalogOwnership.OfEntity(entity), ct);
        if (!decision.Allowed)
        {
            return PermissionProblems.Result(decision);
        }
        if (!await q.DeleteByUidAsync(uid, ct))
        {
            return CatalogProblems.NotFound($"No entity with uid {uid}");
        }
        await audit.RecordAsync(ctx.User.FindFirst(PortalClaims.Login)?.Value ?? "unknown", "catalog.entity.delete", $"entity:{Relations.RelationBuilder.RefOf(entity)}", null, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> FacetsAsync(HttpRequest request, CatalogQueries q, CancellationToken ct)
    {
        if (!TryFilter(request, out var filter, out var error))
        {
            return error!;
        }
        var facets = await q.FacetsAsync([.. request.Query["facet"].OfType<string>()], filter, ct);
        var result = new JsonObject();
        foreach (var (key, values) in facets)
        {
            result[key] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v.Value, ["count"] = v.Count })]);
        }
        return Results.Json(new JsonObject { ["facets"] = result });
    }

    internal static bool TryFilter(HttpRequest request, out EntityFilter filter, out IResult? error)
    {
        try
        {
            filter = EntityFilter.Parse(request.Query["filter"]);
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            filter = EntityFilter.None;
            error = CatalogProblems.Input(ex.Message);
            return false;
        }
    }

    private static IReadOnlyList<string> Fields(HttpRequest request) => SplitList(request.Query["fields"]);

    private static IReadOnlyList<string> SplitList(Microsoft.Extensions.Primitives.StringValues values) =>
        [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

}
