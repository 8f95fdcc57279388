using System.Security.Claims;

namespace Fawkes.Portal.Identity.Permissions;

/// <summary>Who is asking, as the permission rules see it: a person with roles, or an API token with scopes.</summary>
public sealed record Caller(bool SignedIn, bool IsToken, string? Login, IReadOnlySet<string> Roles, IReadOnlySet<string> Scopes)
{
    public static readonly Caller Anonymous = new(false, false, null, new HashSet<string>(), new HashSet<string>());

    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        return new Caller(
            true,
            user.HasClaim(PortalClaims.AuthMethod, "token"),
            user.FindFirst(PortalClaims.Login)?.Value,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            user.FindAll(PortalClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>People: the role or one above it (roles are stored with everything they imply). Tokens never have roles.</summary>
    public bool HasRole(string role) => !IsToken && Roles.Contains(role);

    /// <summary>Tokens: the scope itself, or <c>admin</c>, which includes every scope.</summary>
    public bool HasScope(string scope) => IsToken && (Scopes.Contains(scope) || Scopes.Contains(ApiScopes.Admin));

    public bool IsAdmin => HasRole(PortalRoles.Admin) || HasScope(ApiScopes.Admin);
}
