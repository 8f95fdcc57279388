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
        api.MapPost("/entities/by-query", EntitiesByPredicate.QueryAsync).RequireAuthorization(read);
        api.MapPost("/entities/by-refs", EntitiesByRefs.HandleAsync).RequireAuthorization(read);
        api.MapGet("/entities/by-name/{kind}/{namespace}/{name}", ByNameAsync).RequireAuthorization(read);
        api.MapGet("/entities/by-name/{kind}/{namespace}/{name}/ancestry", AncestryAsync).RequireAuthorization(read);
        api.MapGet("/entities/by-uid/{uid}", async (string uid, CatalogQueries q, CancellationToken ct) =>
            await q.ByUidAsync(uid, ct) is { } e ? Results.Json(e) : CatalogProblems.NotFound($"No entity with uid {uid}")).RequireAuthorization(read);
        api.MapDelete("/entities/by-uid/{uid}", DeleteAsync).RequireAuthorization(Policies.CatalogUnregister);
        api.MapGet("/entity-facets", FacetsAsync).RequireAuthorization(read);
        api.MapPost("/entity-facets", EntitiesByPredicate.FacetsAsync).RequireAuthorization(read);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, HttpResponse response, CatalogQueries q, CancellationToken ct)
    {
        EntityFilter filter;
        IReadOnlyList<string> fields;
        IReadOnlyList<OrderField> order;
        ListPaging? paging;
        try
        {
            ApiParameters.Check(request.Query, ApiParameters.Entities);
            (filter, fields, order) = (EntityFilter.Parse(request.Query["filter"]), ApiParameters.Fields(request.Query), ApiParameters.Order(request.Query));
            paging = Paging(request.Query);
        }
        catch (FormatException ex)
        {
            return CatalogProblems.Input(ex.Message);
        }
        IReadOnlyList<JsonObject> items;
        if (paging is null)
        {
            // As Backstage: without paging, the first order key only, and entities without a value for it left out.
            var sort = order.Count > 0 ? order[0] : null;
            items = (await q.QueryEntitiesAsync(new ByQuery(filter, sort, "", null), null, null, null, countTotal: false, ct, fields)).Items;
        }
        else
        {
            (items, var after) = await q.ListPageAsync(filter, order, paging, ct);
            if (after is not null)
            {
                var query = request.Query.Where(p => p.Key is not ("offset" or "after"))
                    .SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}"));
                response.Headers.Link = $"<{request.PathBase}{request.Path}?{string.Join('&', query.Append($"after={Uri.EscapeDataString(after)}"))}>; rel=\"next\"";
            }
        }
        return Results.Json(new JsonArray([.. items.Select(i => (JsonNode)EntityJson.Project(i, fields))]));
    }

    /// <summary>Backstage's parseEntityPaginationParams: null when neither limit, offset nor after is given.</summary>
    private static ListPaging? Paging(IQueryCollection query)
    {
        int? limit = ApiParameters.Integer(query, "limit"), offset = ApiParameters.Integer(query, "offset");
        string? after = query["after"].LastOrDefault();
        if (limit is null && offset is null && after is null)
        {
            return null;
        }
        if (limit is 0)
        {
            throw new FormatException("Invalid limit, must be greater than zero");
        }
        return after is null ? new ListPaging(limit, offset) : ListPaging.FromAfter(after, limit, offset);
    }

    private static async Task<IResult> ByQueryAsync(HttpRequest request, CatalogQueries q, WholeEntityPages whole, CancellationToken ct)
    {
        ByQuery query;
        QueryCursor? cursor;
        int limit;
        int? offset;
        bool countTotal;
        IReadOnlyList<string> fields;
        try
        {
            var p = request.Query;
            ApiParameters.Check(p, ApiParameters.ByQuery);
            (limit, offset, fields) = (ApiParameters.Integer(p, "limit") ?? ByQuery.DefaultLimit, ApiParameters.Integer(p, "offset"), ApiParameters.Fields(p));
            cursor = p["cursor"].LastOrDefault() is { } text ? QueryCursor.Decode(text) : null;
            query = cursor?.Query ?? new ByQuery(EntityFilter.Parse(p["filter"]), ApiParameters.FirstOrderField(p),
                p["fullTextFilterTerm"].LastOrDefault() ?? "", ApiParameters.List(p, "fullTextFilterFields"));
            countTotal = ApiParameters.CountTotal(p);
        }
        catch (FormatException ex)
        {
            return CatalogProblems.Input(ex.Message);
        }
        if (fields.Count == 0 && await whole.QueryAsync(query, cursor, limit, offset, countTotal, ct) is { } raw)
        {
            return Utf8PageResult.Of(raw);
        }
        var page = await q.QueryEntitiesAsync(query, cursor, limit, offset, countTotal, ct, fields);
        return PageResult(page.Items, page.TotalItems, page.Next, page.Prev, fields);
    }

    /// <summary>A by-query answer: <c>{items, totalItems, pageInfo: {prevCursor?, nextCursor?}}</c>.</summary>
    public static IResult PageResult(IReadOnlyList<JsonObject> items, int totalItems, QueryCursor? next, QueryCursor? prev, IReadOnlyList<string> fields)
    {
        var pageInfo = new JsonObject();
        if (prev is not null)
        {
            pageInfo["prevCursor"] = prev.Encode();
        }
        if (next is not null)
        {
            pageInfo["nextCursor"] = next.Encode();
        }
        return Results.Json(new JsonObject
        {
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)EntityJson.Project(i, fields))]),
            ["totalItems"] = totalItems,
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
        if (!request.Query.ContainsKey("facet"))
        {
            return CatalogProblems.Input("request/query must have required property 'facet'");
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
            ApiParameters.Check(request.Query, ApiParameters.Facets);
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
