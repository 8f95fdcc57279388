using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Model;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// <c>POST /locations</c> as Backstage answers it: 201 with <c>{location, entities: []}</c> (the portal reads the location
/// at once, Backstage later; either way the answer lists no entities), 409 when it exists (unless <c>onConflict=refresh</c>),
/// and with <c>?dryRun=true</c> 201 with <c>{exists, location, entities}</c>: the location's own generated Location entity
/// and everything read from it, in Backstage's processing order, or 400 naming the first problems. File targets are
/// confined by <c>Catalog:FileRoots</c> before anything is read (<see cref="LocationService.RefusalAsync"/>).
/// </summary>
internal static class LocationRegistration
{
    /// <summary>The types this portal registers through the API (Backstage's default is only <c>url</c>).</summary>
    private static readonly string[] AllowedTypes = ["url", "file", BackstageMirror.Type, SourceFetcher.GitHubDiscovery];

    public static async Task<IResult> HandleAsync(HttpRequest request, LocationService locations, HttpContext ctx, CancellationToken ct)
    {
        if (CatalogRequestBody.UnknownQueryParameter(request, "dryRun", "onConflict") is { } unknown)
        {
            return CatalogProblems.Input(unknown);
        }
        var (body, error) = await CatalogRequestBody.ReadObjectAsync(request, ct);
        if (error is not null)
        {
            return error;
        }
        if (LocationInputProblem(body!) is { } problem)
        {
            return CatalogProblems.Input(problem);
        }
        var (type, target) = (body!["type"]!.GetValue<string>(), body["target"]!.GetValue<string>());
        var dryRun = request.Query["dryRun"].ToString() is "true" or "1" or "yes" or "y";
        if (dryRun)
        {
            return await DryRunAsync(type, target, locations, ct);
        }
        var result = await locations.RegisterAsync(type, target, "api", LocationsApi.Actor(ctx), dryRun: false, ct);
        if (result.Refused is { } refused)
        {
            if (!refused.Contains("already registered", StringComparison.Ordinal))
            {
                return CatalogProblems.Input(refused);
            }
            var existing = (await LocationsApi.RegisteredAsync(locations, ct)).FirstOrDefault(l => l.Type == type && l.Target == target);
            if (existing is null || request.Query["onConflict"] != "refresh")
            {
                return CatalogProblems.Conflict($"Location {type}:{target} already exists");
            }
            await locations.ProcessAsync(existing.Id, force: true, ct);
            result = new RegistrationResult(await locations.GetAsync(existing.Id, ct), [], []);
        }
        return Results.Json(new JsonObject { ["location"] = LocationsApi.Json(result.Location!), ["entities"] = new JsonArray() }, statusCode: 201);
    }

    /// <summary>Backstage's LocationInput (<c>{type, target, presence?}</c>, nothing else) and its allowed types; null when fine.</summary>
    public static string? LocationInputProblem(JsonObject body)
    {
        var problem = CatalogRequestBody.Check(body, "target", JsonValueKind.String) ?? CatalogRequestBody.Check(body, "type", JsonValueKind.String)
            ?? (body.Select(p => p.Key).FirstOrDefault(k => k is not ("type" or "target" or "presence")) is { } extra
                ? $"Malformed request: unrecognized key '{extra}' in the body; allowed are type, target and presence" : null);
        return problem ?? (AllowedTypes.Contains(body["type"]!.GetValue<string>(), StringComparer.Ordinal)
            ? null
            : $"Registered locations must be of an allowed type {JsonSerializer.Serialize(AllowedTypes)}");
    }

    private static async Task<IResult> DryRunAsync(string type, string target, LocationService locations, CancellationToken ct)
    {
        var preview = await locations.RegisterAsync(type, target, "api", "dry-run", dryRun: true, ct);
        if (preview.Refused is { } refused)
        {
            return CatalogProblems.Input(refused);
        }
        var problems = preview.Problems.Select(p => p.ToString())
            .Concat(preview.Entities.Where(e => !e.IsValid).SelectMany(e => e.Problems.Select(p => p.Describe(e.Source)))).ToList();
        if (problems.Count > 0)
        {
            return CatalogProblems.Input(string.Join(", ", problems));
        }
        var exists = (await LocationsApi.RegisteredAsync(locations, ct)).Any(l => l.Type == type && l.Target == target);
        var entityRef = LocationsApi.LocationEntityRef(type, target);
        return Results.Json(new JsonObject
        {
            ["exists"] = exists,
            ["location"] = new JsonObject { ["type"] = type, ["target"] = target, ["id"] = $"{type}:{target}", ["entityRef"] = entityRef },
            ["entities"] = new JsonArray([.. InProcessingOrder(preview.Entities)]),
        }, statusCode: 201);
    }

    /// <summary>
    /// Backstage's dry run processes a stack: it pops an entity, emits it, then pushes what it led to in file order, so each
    /// level comes out last-first, depth first. <see cref="SourcedEntity.ParentRef"/> says who led where.
    /// </summary>
    private static IEnumerable<JsonNode> InProcessingOrder(IReadOnlyList<SourcedEntity> read)
    {
        // The reader's first entity is the location's generated Location entity; everything else hangs below it.
        var children = read.Where(e => e.IsValid && e.ParentRef is not null).ToLookup(e => e.ParentRef!, StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<(JsonObject Entity, string Key)>(read.Where(e => e.IsValid && e.ParentRef is null).Select(e => (e.Entity!, e.Ref!.Value.ToString())));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (stack.Count > 0)
        {
            var (entity, key) = stack.Pop();
            yield return entity.DeepClone();
            if (!seen.Add(key))
            {
                continue;
            }
            foreach (var child in children[key])
            {
                stack.Push((child.Entity!, child.Ref!.Value.ToString()));
            }
        }
    }
}
