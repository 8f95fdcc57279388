using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Catalog.Validation;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Microsoft.AspNetCore.Mvc;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>Backstage catalog-backend's location, refresh and validation endpoints.</summary>
internal static class LocationsApi
{
    public static RouteGroupBuilder MapLocationsApi(this RouteGroupBuilder api)
    {
        const string read = Policies.CatalogRead;
        api.MapPost("/locations", RegisterAsync).RequireAuthorization(Policies.CatalogRegister);
        api.MapGet("/locations", async (LocationService locations, CancellationToken ct) =>
            Results.Json(new JsonArray([.. (await locations.ListAsync(ct)).Select(l => (JsonNode)new JsonObject { ["data"] = Location(l) })])))
            .RequireAuthorization(read);
        api.MapGet("/locations/{id}", async (string id, LocationService locations, CancellationToken ct) =>
            Guid.TryParse(id, out var guid) && await locations.GetAsync(guid, ct) is { } l ? Results.Json(Location(l)) : CatalogProblems.NotFound($"No location {id}."))
            .RequireAuthorization(read);
        api.MapDelete("/locations/{id}", UnregisterAsync).RequireAuthorization(Policies.CatalogUnregister);
        api.MapPost("/refresh", RefreshAsync).RequireAuthorization(Policies.CatalogRefresh);
        api.MapPost("/validate-entity", Validate).RequireAuthorization(read);
        return api;
    }

    private static async Task<IResult> RegisterAsync([FromBody] LocationRequest body, bool? dryRun, LocationService locations, HttpContext ctx, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Type) || string.IsNullOrWhiteSpace(body.Target))
        {
            return CatalogProblems.Input("Body must be {\"type\": \"url\" | \"file\", \"target\": \"...\"}.");
        }
        var result = await locations.RegisterAsync(body.Type, body.Target, "api", Actor(ctx), dryRun == true, ct);
        if (result.Refused is { } refused)
        {
            return refused.Contains("already registered", StringComparison.Ordinal) ? CatalogProblems.Conflict(refused) : CatalogProblems.Input(refused);
        }
        var response = new JsonObject
        {
            ["location"] = result.Location is { } l ? Location(l) : new JsonObject { ["id"] = Guid.Empty.ToString(), ["type"] = body.Type, ["target"] = body.Target },
            ["entities"] = new JsonArray([.. result.Entities.Where(e => e.IsValid).Select(e => (JsonNode)e.Entity!.DeepClone())]),
        };
        if (result.Problems.Count > 0)
        {
            response["errors"] = new JsonArray([.. result.Problems.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = "InputError",
                ["message"] = p.ToString(),
            })]);
        }
        return dryRun == true ? Results.Json(response) : Results.Json(response, statusCode: 201);
    }

    private static async Task<IResult> UnregisterAsync(
        string id, LocationService locations, CatalogOwnership ownership, PermissionService permissions, HttpContext ctx, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid) || await locations.GetAsync(guid, ct) is null)
        {
            return CatalogProblems.NotFound($"No location {id}.");
        }
        var decision = await permissions.DecideAsync(ctx.User, PortalAction.CatalogUnregister, await ownership.OfLocationAsync(guid, ct), ct);
        if (!decision.Allowed)
        {
            return PermissionProblems.Result(decision);
        }
        return await locations.UnregisterAsync(guid, Actor(ctx), ct) ? Results.NoContent() : CatalogProblems.NotFound($"No location {id}.");
    }

    private static async Task<IResult> RefreshAsync([FromBody] RefreshRequest body, CatalogQueries q, LocationService locations, CancellationToken ct)
    {
        if (!EntityRef.TryParse(body.EntityRef, null, EntityRef.DefaultNamespace, out var entityRef, out var error))
        {
            return CatalogProblems.Input($"entityRef: {error}");
        }
        var entity = await q.ByRefAsync(entityRef, ct);
        var origin = entity?["metadata"]?["annotations"]?[CatalogAnnotations.ManagedByOriginLocation]?.GetValue<string>();
        var location = origin is null ? null : (await locations.ListAsync(ct)).FirstOrDefault(l => $"{l.Type}:{l.Target}" == origin);
        if (location is null)
        {
            return CatalogProblems.NotFound($"No {entityRef} in the catalog, or it has no location to refresh from.");
        }
        await locations.ProcessAsync(location.Id, force: true, ct);
        return Results.Ok();
    }

    private static IResult Validate([FromBody] JsonObject body)
    {
        var result = EntityValidator.Validate(body["entity"]);
        return result.IsValid
            ? Results.Ok(new JsonObject())
            : Results.Json(new JsonObject
            {
                ["errors"] = new JsonArray([.. result.Errors.Select(e => (JsonNode)new JsonObject
                {
                    ["name"] = "InputError",
                    ["message"] = e.Field.Length > 0 ? $"{e.Field}: {e.Message}" : e.Message,
                })]),
            }, statusCode: 400);
    }

    /// <summary>Backstage's location shape, plus the problems of its last read (entities that never processed cleanly show here).</summary>
    private static JsonObject Location(LocationView l)
    {
        var json = new JsonObject { ["id"] = l.Id.ToString(), ["type"] = l.Type, ["target"] = l.Target };
        if (l.Problems.Count > 0)
        {
            json["errors"] = new JsonArray([.. l.Problems.Select(p => (JsonNode)new JsonObject { ["name"] = "InputError", ["message"] = p.ToString() })]);
        }
        return json;
    }

    private static string Actor(HttpContext ctx) => ctx.User.FindFirst(PortalClaims.Login)?.Value ?? "unknown";

    internal sealed record LocationRequest(string? Type, string? Target);

    internal sealed record RefreshRequest(string? EntityRef);
}
