using Fawkes.Portal.Identity.Permissions;
using Microsoft.AspNetCore.Authorization;

namespace Fawkes.Portal.Identity;

/// <summary>One authorization policy per <see cref="PortalAction"/>; each asks <see cref="PermissionRules"/>.</summary>
public static class Policies
{
    public const string CatalogRead = "action:" + nameof(PortalAction.CatalogRead);
    public const string CatalogRegister = "action:" + nameof(PortalAction.CatalogRegister);
    public const string CatalogRefresh = "action:" + nameof(PortalAction.CatalogRefresh);
    public const string CatalogUnregister = "action:" + nameof(PortalAction.CatalogUnregister);
    public const string DoraWrite = "action:" + nameof(PortalAction.DoraWrite);
    public const string TemplateRun = "action:" + nameof(PortalAction.TemplateRun);
    public const string LiveAction = "action:" + nameof(PortalAction.LiveAction);
    public const string LiveLogs = "action:" + nameof(PortalAction.LiveLogs);
    public const string Admin = "action:" + nameof(PortalAction.Admin);
    public const string DojoTeam = "action:" + nameof(PortalAction.DojoTeam);

    public static string For(PortalAction action) => "action:" + action;

    /// <summary>The action an API scope stands for (endpoints declared by scope keep reading naturally).</summary>
    public static string Scope(string scope) => For(scope switch
    {
        ApiScopes.CatalogRead => PortalAction.CatalogRead,
        ApiScopes.CatalogWrite => PortalAction.CatalogRegister,
        ApiScopes.DoraWrite => PortalAction.DoraWrite,
        ApiScopes.ScaffolderRun => PortalAction.TemplateRun,
        ApiScopes.Admin => PortalAction.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown API scope."),
    });

    internal static void Register(AuthorizationOptions options)
    {
        // Everything needs a signed-in user or a token unless it opts out explicitly with AllowAnonymous.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        foreach (var action in Enum.GetValues<PortalAction>())
        {
            options.AddPolicy(For(action), p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(action)));
        }
    }
}
