using System.Security.Claims;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Operations.Audit;

namespace Fawkes.Portal.Operations;

/// <summary>The foundation's own API: who am I, and the audit trail for automation.</summary>
internal static class PortalApi
{
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Portal");
        api.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            login = user.FindFirstValue(PortalClaims.Login),
            name = user.Identity?.Name,
            authMethod = user.FindFirstValue(PortalClaims.AuthMethod),
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
            scopes = user.FindAll(PortalClaims.Scope).Select(c => c.Value),
        }));
        api.MapGet("/admin/audit", async (AuditLog audit, string? q, int? offset, int? limit, CancellationToken ct) =>
        {
            var take = Math.Clamp(limit ?? 50, 1, 500);
            var page = await audit.QueryAsync(q, Math.Max(offset ?? 0, 0), take, ct);
            return Results.Ok(new { items = page.Items, totalItems = page.TotalItems });
        }).RequireAuthorization(Policies.Admin);
        return app;
    }
}
