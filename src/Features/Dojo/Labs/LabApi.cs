using System.Security.Claims;
using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Features.Dojo.Labs;

/// <summary>Body of a lab request: <c>{ service: "component:default/name" }</c>.</summary>
public sealed record LabRequest(string? Service);

/// <summary><c>POST /api/dojo/modules/{id}/lab</c>: checks a module's lab against a service and answers every check's status.</summary>
internal static class LabApi
{
    public static IEndpointRouteBuilder MapDojoLabs(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/dojo/modules/{id}/lab", async (string id, LabRequest? body, ClaimsPrincipal user, LabService labs, CancellationToken ct) =>
        {
            var result = await labs.RunAsync(id, body?.Service, user, ct);
            if (result.Run is { } run)
            {
                return Results.Ok(run);
            }
            var extensions = result.Rule is null ? null : new Dictionary<string, object?> { ["rule"] = result.Rule };
            return Results.Problem(title: result.Title, detail: result.Detail, statusCode: result.Status, extensions: extensions);
        }).WithTags("Dojo").RequireAuthorization(Policies.CatalogRead);
        return app;
    }
}
