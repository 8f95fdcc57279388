using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Fawkes.Portal.Identity;

public static class Policies
{
    public const string Admin = "role:Admin";
    public const string PlatformLead = "role:PlatformLead";
    public const string Developer = "role:Developer";

    public static string Scope(string scope) => $"scope:{scope}";

    internal static void Register(AuthorizationOptions options)
    {
        // Everything needs a signed-in user or a token unless it opts out explicitly with AllowAnonymous.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeOrRoleRequirement(ApiScopes.Admin, PortalRoles.Admin)));
        options.AddPolicy(PlatformLead, p => p.RequireRole(PortalRoles.PlatformLead));
        options.AddPolicy(Developer, p => p.RequireRole(PortalRoles.Developer));
        foreach (var scope in ApiScopes.All)
        {
            options.AddPolicy(Scope(scope), p => p.RequireAuthenticatedUser().AddRequirements(new ScopeOrRoleRequirement(scope, null)));
        }
    }
}

/// <summary>
/// Tokens carry scopes; people carry roles. A token passes with the scope (or <c>admin</c>);
/// a person passes with the given role, or with a role whose scopes include it.
/// </summary>
public sealed record ScopeOrRoleRequirement(string Scope, string? Role) : IAuthorizationRequirement;

internal sealed class ScopeOrRoleHandler : AuthorizationHandler<ScopeOrRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeOrRoleRequirement requirement)
    {
        var user = context.User;
        var scopes = user.FindAll(PortalClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var isToken = user.HasClaim(PortalClaims.AuthMethod, "token");
        var allowed = isToken
            ? scopes.Contains(requirement.Scope) || scopes.Contains(ApiScopes.Admin)
            : (requirement.Role is not null && user.IsInRole(requirement.Role))
              || user.FindAll(ClaimTypes.Role).Any(r => ApiScopes.ForRole(r.Value).Contains(requirement.Scope));
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
