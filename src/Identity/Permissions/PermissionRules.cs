namespace Fawkes.Portal.Identity.Permissions;

/// <summary>
/// The portal's permission policy, pure: who may do what to which record. The only place these rules live; the
/// authorization policies, API handlers, Blazor pages and background actions all come here (via
/// <see cref="PermissionService"/>), so the UI and the API cannot disagree. People pass by role, tokens by scope.
/// </summary>
public static class PermissionRules
{
    /// <summary>Actions that any holder of a role (or token with a scope) may do to any record.</summary>
    private static readonly Dictionary<PortalAction, (string Rule, string Role, string Scope)> Capabilities = new()
    {
        [PortalAction.CatalogRead] = ("catalog.read", PortalRoles.Learner, ApiScopes.CatalogRead),
        [PortalAction.CatalogRegister] = ("catalog.register", PortalRoles.Developer, ApiScopes.CatalogWrite),
        [PortalAction.CatalogRefresh] = ("catalog.refresh", PortalRoles.Developer, ApiScopes.CatalogWrite),
        [PortalAction.DoraWrite] = ("dora.write", PortalRoles.PlatformLead, ApiScopes.DoraWrite),
        [PortalAction.TemplateRun] = ("template.run", PortalRoles.Developer, ApiScopes.ScaffolderRun),
        [PortalAction.Admin] = ("admin", PortalRoles.Admin, ApiScopes.Admin),
        // Learners' progress is personal: their leads see it, and automation only with an admin token.
        [PortalAction.DojoTeam] = ("dojo.team", PortalRoles.PlatformLead, ApiScopes.Admin),
    };

    /// <param name="target">The record, for record-level actions; null asks whether the caller may do it to some record
    /// (used to let a request through to the handler, which then asks again with the record).</param>
    public static PermissionDecision Decide(Caller caller, PortalAction action, PermissionTarget? target = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.SignedIn)
        {
            return PermissionDecision.NotSignedIn();
        }
        if (Capabilities.TryGetValue(action, out var capability))
        {
            return ByRoleOrScope(caller, capability.Rule, capability.Role, capability.Scope);
        }
        return action switch
        {
            PortalAction.CatalogUnregister => Unregister(caller, target),
            PortalAction.LiveAction or PortalAction.LiveLogs => Live(caller, action, target),
            PortalAction.DojoLab => DojoLab(caller, target),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "No rule for this action."),
        };
    }

    private static PermissionDecision ByRoleOrScope(Caller caller, string rule, string role, string scope)
    {
        if (caller.IsToken)
        {
            return caller.HasScope(scope)
                ? PermissionDecision.Allow(rule)
                : PermissionDecision.Deny(rule, $"This needs an API token with the '{scope}' scope (or 'admin').");
        }
        if (caller.HasRole(role))
        {
            return PermissionDecision.Allow(rule);
        }
        return role == PortalRoles.Developer && caller.HasRole(PortalRoles.Learner)
            ? PermissionDecision.Deny("learner.read-only", "Learners can read everything but change nothing. Ask an Admin for the Developer role.")
            : PermissionDecision.Deny(rule, $"This needs the {role} role (or one above it).");
    }

    private static PermissionDecision Unregister(Caller caller, PermissionTarget? target)
    {
        const string rule = "catalog.unregister";
        if (caller.IsAdmin)
        {
            return PermissionDecision.Allow($"{rule}.admin");
        }
        if (caller.IsToken)
        {
            return PermissionDecision.Deny($"{rule}.owner", "API tokens own no entities: unregistering needs a token with the 'admin' scope.");
        }
        var canWrite = ByRoleOrScope(caller, rule, PortalRoles.Developer, ApiScopes.CatalogWrite);
        if (!canWrite.Allowed || target is null || (target.Entities > 0 && target.OwnedEntirely) || (target.Entities == 0 && target.RegisteredByCaller))
        {
            return canWrite.Allowed ? PermissionDecision.Allow($"{rule}.owner") : canWrite;
        }
        if (target.Entities == 0)
        {
            // Nothing to own yet (a glob with no matches, a file that failed): the person who registered it decides.
            return PermissionDecision.Deny($"{rule}.location", $"{target.Description} holds no entities: only whoever registered it, or an Admin, may unregister it.");
        }
        return target.Entities == 1
            ? PermissionDecision.Deny($"{rule}.owner", $"Only the owners of {target.Description} (or an Admin) may unregister it.")
            : PermissionDecision.Deny($"{rule}.location",
                $"{target.Description} provides {target.Entities - target.OwnedByCaller} of its {target.Entities} entities for other owners: "
                + "only an Admin, or the owners of every entity in it, may unregister it.");
    }

    /// <summary>
    /// A person checks a lab against a service their team owns (a lab is about one's own service); a PlatformLead or an
    /// Admin against any. A token reads what catalog:read already may, and nothing is recorded for it.
    /// </summary>
    private static PermissionDecision DojoLab(Caller caller, PermissionTarget? target)
    {
        const string rule = "dojo.lab";
        var read = ByRoleOrScope(caller, rule, PortalRoles.Learner, ApiScopes.CatalogRead);
        if (!read.Allowed || caller.IsToken || caller.IsAdmin || caller.HasRole(PortalRoles.PlatformLead)
            || target is null || (target.Entities > 0 && target.OwnedEntirely))
        {
            return read;
        }
        return PermissionDecision.Deny($"{rule}.owner", $"A lab checks a service your team owns, and {target.Description} is not owned by you "
            + "or a group you are a member of. Pick one of your team's components (a PlatformLead or an Admin may check any).");
    }

    private static PermissionDecision Live(Caller caller, PortalAction action, PermissionTarget? target)
    {
        var rule = action == PortalAction.LiveLogs ? "live.logs" : "live.action";
        if (caller.IsAdmin || caller.HasRole(PortalRoles.PlatformLead))
        {
            return PermissionDecision.Allow(rule);
        }
        if (caller.IsToken)
        {
            return PermissionDecision.Deny(rule, "Live actions with an API token need the 'admin' scope.");
        }
        var canWrite = ByRoleOrScope(caller, rule, PortalRoles.Developer, ApiScopes.CatalogWrite);
        if (!canWrite.Allowed || target is null || (target.Entities > 0 && target.OwnedEntirely))
        {
            return canWrite;
        }
        return PermissionDecision.Deny($"{rule}.owner", $"Only the owners of {target.Description}, a PlatformLead or an Admin may do this.");
    }
}
