using System.Security.Claims;

namespace Fawkes.Portal.Identity.Permissions;

/// <summary>Which entities a person owns: their User entity and the groups it is a member of (the catalog answers).</summary>
public interface IOwnershipDirectory
{
    /// <summary>Entity refs (any case) that count as the person: <c>user:default/login</c> and its groups.</summary>
    Task<IReadOnlyCollection<string>> OwnerRefsAsync(string login, CancellationToken ct);
}

/// <summary>
/// A record as ownership sees it: one owner ref per entity it holds (null when an entity has no owner), and for a location
/// the login that registered it.
/// </summary>
public sealed record RecordOwners(string Description, IReadOnlyList<string?> Owners, string? RegisteredBy = null);

/// <summary>
/// Answers "may this user (or token) do this action on this record", for endpoints, pages and background actions.
/// The rules are <see cref="PermissionRules"/>; this adds what they need from the outside world: who owns what.
/// </summary>
public sealed class PermissionService(IOwnershipDirectory directory)
{
    public PermissionDecision Decide(ClaimsPrincipal? user, PortalAction action) => PermissionRules.Decide(Caller.From(user), action);

    public async Task<PermissionDecision> DecideAsync(ClaimsPrincipal? user, PortalAction action, RecordOwners record, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var caller = Caller.From(user);
        var capability = PermissionRules.Decide(caller, action);
        if (!capability.Allowed || caller.IsAdmin)
        {
            return capability;
        }
        var mine = caller.Login is null || caller.IsToken
            ? new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(await directory.OwnerRefsAsync(caller.Login, ct), StringComparer.OrdinalIgnoreCase);
        var owned = record.Owners.Count(o => o is not null && mine.Contains(o));
        var registeredByCaller = caller.Login is not null && !caller.IsToken
            && string.Equals(record.RegisteredBy, caller.Login, StringComparison.OrdinalIgnoreCase);
        return PermissionRules.Decide(caller, action, new PermissionTarget(record.Description, record.Owners.Count, owned, registeredByCaller));
    }
}
