using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Identity.Permissions;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// <c>PUT /locations/{id}</c> (catalog-client's <c>updateLocation</c>), as Backstage's DefaultLocationService and
/// DefaultLocationStore answer it: the body is a LocationInput of an allowed type (400), another location with that
/// type and target is a 409, an unknown (or configured) id a 404, else 200 with the location, same id, new type and
/// target. The portal adds its own checks: the caller must be allowed to register locations and to unregister this one
/// (what it held may go), and the new target passes the same guards as a registration (Catalog:FileRoots, URL rules).
/// </summary>
internal static class LocationUpdating
{
    public static async Task<IResult> HandleAsync(
        string id, HttpRequest request, LocationService locations, CatalogOwnership ownership, PermissionService permissions, HttpContext ctx, CancellationToken ct)
    {
        var (body, error) = await CatalogRequestBody.ReadObjectAsync(request, ct);
        if (error is not null)
        {
            return error;
        }
        if (LocationRegistration.LocationInputProblem(body!) is { } problem)
        {
            return CatalogProblems.Input(problem);
        }
        var (type, target) = (body!["type"]!.GetValue<string>(), body["target"]!.GetValue<string>());
        if (!Guid.TryParse(id, out var guid))
        {
            return LocationsApi.NoLocation(id);
        }
        var all = await LocationsApi.RegisteredAsync(locations, ct);
        var registered = all.FirstOrDefault(l => l.Id == guid);
        // As Backstage's store: the conflict is looked for first, then the location itself.
        if (all.Any(l => l.Type == type && l.Target == target && l.Id != guid))
        {
            return CatalogProblems.Conflict($"Location {type}:{target} already exists");
        }
        if (registered is null)
        {
            return LocationsApi.NoLocation(id);
        }
        foreach (var decision in new[]
        {
            permissions.Decide(ctx.User, PortalAction.CatalogRegister),
            await permissions.DecideAsync(ctx.User, PortalAction.CatalogUnregister, await ownership.OfLocationAsync(guid, ct), ct),
        })
        {
            if (!decision.Allowed)
            {
                return PermissionProblems.Result(decision);
            }
        }
        if (await locations.RefusalAsync(type, target, ct) is { } refused)
        {
            return CatalogProblems.Input(refused);
        }
        var updated = await locations.UpdateAsync(guid, type, target, LocationsApi.Actor(ctx), ct);
        return updated switch
        {
            null or { Location: null, Conflict: false } => LocationsApi.NoLocation(id),
            { Conflict: true } => CatalogProblems.Conflict($"Location {type}:{target} already exists"),
            _ => Results.Json(LocationsApi.Json(updated.Location!)),
        };
    }
}
