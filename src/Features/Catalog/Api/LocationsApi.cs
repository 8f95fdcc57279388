using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// Backstage catalog-backend's location endpoints. As in Backstage, locations from configuration (and the demo) are not
/// "registered" locations: they are not listed, queried or found by entity; an id the portal shows can still be read.
/// </summary>
internal static class LocationsApi
{
    public static RouteGroupBuilder MapLocationsApi(this RouteGroupBuilder api)
    {
        const string read = Policies.CatalogRead;
        api.MapPost("/locations", LocationRegistration.HandleAsync).RequireAuthorization(Policies.CatalogRegister);
        api.MapGet("/locations", async (LocationService locations, CancellationToken ct) =>
            Results.Json(new JsonArray([.. (await RegisteredAsync(locations, ct)).Select(l => (JsonNode)new JsonObject { ["data"] = Json(l) })])))
            .RequireAuthorization(read);
        api.MapPost("/locations/by-query", ByQueryAsync).RequireAuthorization(read);
        api.MapGet("/locations/{id}", async (string id, LocationService locations, CancellationToken ct) =>
            Guid.TryParse(id, out var guid) && await locations.GetAsync(guid, ct) is { } l ? Results.Json(Json(l, withErrors: true)) : NoLocation(id))
            .RequireAuthorization(read);
        api.MapGet("/locations/by-entity/{kind}/{namespace}/{name}", ByEntityAsync).RequireAuthorization(read);
        api.MapPut("/locations/{id}", LocationUpdating.HandleAsync).RequireAuthorization(Policies.CatalogUnregister);
        api.MapDelete("/locations/{id}", UnregisterAsync).RequireAuthorization(Policies.CatalogUnregister);
        return api;
    }

    /// <summary>
    /// Backstage's location shape; <paramref name="withErrors"/> (only <c>GET /locations/{id}</c>, an intended extra)
    /// adds the problems of its last read when there are any: Backstage keeps them on its generated Location entity.
    /// </summary>
    public static JsonObject Json(LocationView l, bool withErrors = false)
    {
        var json = new JsonObject
        {
            ["id"] = l.Id.ToString(), ["type"] = l.Type, ["target"] = l.Target, ["entityRef"] = LocationEntityRef(l.Type, l.Target),
        };
        if (withErrors && l.Problems.Count > 0)
        {
            json["errors"] = new JsonArray([.. l.Problems.Select(p => (JsonNode)new JsonObject { ["name"] = "InputError", ["message"] = p.ToString() })]);
        }
        return json;
    }

    /// <summary>The ref Backstage gives a registered location's own Location entity: <c>generated-</c> + SHA-1 of <c>type:target</c>.</summary>
    public static string LocationEntityRef(string type, string target) => GeneratedLocation.RefOf(type, target).ToString();

    public static async Task<IReadOnlyList<LocationView>> RegisteredAsync(LocationService locations, CancellationToken ct) =>
        [.. (await locations.ListAsync(ct)).Where(l => l.Origin is not ("config" or "demo"))];

    public static IResult NoLocation(string id) => CatalogProblems.NotFound($"Found no location with ID {id}");

    private static async Task<IResult> ByEntityAsync(string kind, string @namespace, string name, CatalogQueries q, LocationService locations, CancellationToken ct)
    {
        var entityRef = new EntityRef(kind, @namespace, name);
        var entity = await q.ByRefAsync(entityRef, ct);
        if (entity is null)
        {
            return CatalogProblems.NotFound($"found no entity for ref {entityRef}");
        }
        var origin = entity["metadata"]?["annotations"]?[CatalogAnnotations.ManagedByOriginLocation]?.GetValue<string>();
        if (origin is null || origin.IndexOf(':', StringComparison.Ordinal) is var colon && colon <= 0)
        {
            return CatalogProblems.NotFound($"found no origin annotation for ref {entityRef}");
        }
        var (type, target) = (origin[..colon], origin[(colon + 1)..]);
        return (await RegisteredAsync(locations, ct)).FirstOrDefault(l => l.Type == type && l.Target == target) is { } location
            ? Results.Json(Json(location))
            : CatalogProblems.NotFound($"Found no location with type {type} and target {target}");
    }

    /// <summary><c>POST /locations/by-query</c>: registered locations by id, <c>limit</c> (default 1000) per page, opaque cursor.</summary>
    private static async Task<IResult> ByQueryAsync(HttpRequest request, LocationService locations, CancellationToken ct)
    {
        var (body, error) = await CatalogRequestBody.ReadObjectAsync(request, ct);
        if (error is not null)
        {
            return error;
        }
        if (!LocationQuery.TryParse(body!, out var query, out var problem))
        {
            return CatalogProblems.Input(problem!);
        }
        var matching = (await RegisteredAsync(locations, ct)).Where(query.Matches).OrderBy(l => l.Id.ToString(), StringComparer.Ordinal).ToList();
        var page = matching.Where(l => query.AfterId is null || string.CompareOrdinal(l.Id.ToString(), query.AfterId) > 0).Take(query.Limit + 1).ToList();
        var pageInfo = new JsonObject();
        if (page.Count > query.Limit)
        {
            page.RemoveAt(page.Count - 1);
            pageInfo["nextCursor"] = query.NextCursor(page[^1].Id.ToString());
        }
        return Results.Json(new JsonObject
        {
            ["items"] = new JsonArray([.. page.Select(l => (JsonNode)Json(l))]),
            ["totalItems"] = matching.Count,
            ["pageInfo"] = pageInfo,
        });
    }

    private static async Task<IResult> UnregisterAsync(
        string id, LocationService locations, CatalogOwnership ownership, PermissionService permissions, HttpContext ctx, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid) || await locations.GetAsync(guid, ct) is null)
        {
            return NoLocation(id);
        }
        var decision = await permissions.DecideAsync(ctx.User, PortalAction.CatalogUnregister, await ownership.OfLocationAsync(guid, ct), ct);
        if (!decision.Allowed)
        {
            return PermissionProblems.Result(decision);
        }
        return await locations.UnregisterAsync(guid, Actor(ctx), ct) ? Results.NoContent() : NoLocation(id);
    }

    public static string Actor(HttpContext ctx) => ctx.User.FindFirst(PortalClaims.Login)?.Value ?? "unknown";
}
