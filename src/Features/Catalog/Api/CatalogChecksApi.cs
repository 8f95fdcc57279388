using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Catalog.Validation;
using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>Backstage catalog-backend's refresh, validate-entity and analyze-location endpoints.</summary>
internal static class CatalogChecksApi
{
    public static RouteGroupBuilder MapCatalogChecksApi(this RouteGroupBuilder api)
    {
        api.MapPost("/refresh", RefreshAsync).RequireAuthorization(Policies.CatalogRefresh);
        api.MapPost("/validate-entity", ValidateAsync).RequireAuthorization(Policies.CatalogRead);
        // Analysis is the first step of registering (Backstage's import flow), so it needs the right to register.
        api.MapPost("/analyze-location", AnalyzeAsync).RequireAuthorization(Policies.CatalogRegister);
        return api;
    }

    private static async Task<IResult> RefreshAsync(HttpRequest request, CatalogQueries q, LocationService locations, CancellationToken ct)
    {
        var (body, error) = await CatalogRequestBody.ReadObjectAsync(request, ct);
        if (error is not null)
        {
            return error;
        }
        if (CatalogRequestBody.Check(body!, "entityRef", JsonValueKind.String) is { } problem)
        {
            return CatalogProblems.Input(problem);
        }
        var text = body!["entityRef"]!.GetValue<string>();
        var entity = EntityRef.TryParse(text, null, EntityRef.DefaultNamespace, out var entityRef, out _) ? await q.ByRefAsync(entityRef, ct) : null;
        if (entity is null)
        {
            return CatalogProblems.NotFound($"Entity {text} not found");
        }
        var origin = entity["metadata"]?["annotations"]?[CatalogAnnotations.ManagedByOriginLocation]?.GetValue<string>();
        var location = origin is null ? null : (await locations.ListAsync(ct)).FirstOrDefault(l => $"{l.Type}:{l.Target}" == origin);
        if (location is null)
        {
            return CatalogProblems.NotFound($"Entity {text} has no location to refresh it from");
        }
        await locations.ProcessAsync(location.Id, force: true, ct);
        return Results.Ok();
    }

    /// <summary>200 with an empty body when valid; 400 <c>{errors: [...]}</c> naming each field when not.</summary>
    private static async Task<IResult> ValidateAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, error) = await CatalogRequestBody.ReadObjectAsync(request, ct);
        if (error is not null)
        {
            return error;
        }
        var problem = CatalogRequestBody.Check(body!, "location", JsonValueKind.String) ?? CatalogRequestBody.Check(body!, "entity", JsonValueKind.Object);
        if (problem is not null)
        {
            return CatalogProblems.Input(problem);
        }
        var result = EntityValidator.Validate(body!["entity"]);
        if (!result.IsValid)
        {
            return Errors(result.Errors.Select(e => ("InputError", e.Field.Length > 0 ? $"{e.Field}: {e.Message}" : e.Message)));
        }
        var location = body["location"]!.GetValue<string>();
        if (!location.StartsWith("url:", StringComparison.Ordinal) || location.Length == 4)
        {
            return Errors([("TypeError", $"Invalid location ref {location}, only 'url:<target>' is supported, e.g. url:https://host/path")]);
        }
        return Results.Empty; // Backstage answers 200 with no body.
    }

    private static IResult Errors(IEnumerable<(string Name, string Message)> errors) => Results.Json(new JsonObject
    {
        ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["name"] = e.Name, ["message"] = e.Message })]),
    }, statusCode: 400);

    private static async Task<IResult> AnalyzeAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, error) = await CatalogRequestBody.ReadObjectAsync(request, ct);
        if (error is not null)
        {
            return error;
        }
        var problem = CatalogRequestBody.Check(body!, "location", JsonValueKind.Object);
        if (problem is null && body!["location"] is JsonObject location)
        {
            problem = CatalogRequestBody.Check(location, "type", JsonValueKind.String) ?? CatalogRequestBody.Check(location, "target", JsonValueKind.String);
            problem = problem?.Replace("request/body", "request/body/location", StringComparison.Ordinal);
        }
        if (problem is not null)
        {
            return CatalogProblems.Input(problem);
        }
        var target = body!["location"]!["target"]!.GetValue<string>();
        return LocationAnalyzer.Analyze(target) is { } analysis ? Results.Json(analysis) : CatalogProblems.Input(LocationAnalyzer.NotAUrl);
    }
}
