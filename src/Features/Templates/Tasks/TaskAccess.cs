using System.Security.Claims;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// Who may see, cancel and decide a task. Everyone with <c>TemplateRun</c> sees and cancels their own tasks; an Admin
/// sees and cancels all of them. A task awaiting approval is also visible to those who may decide it: for
/// <c>owner</c>, members of the group that owns the template; for <c>platform-lead</c>, PlatformLeads; Admins for both.
/// Nobody decides their own task (four eyes), Admins included.
/// </summary>
public sealed class TaskAccess(IOwnershipDirectory directory)
{
    /// <summary>How a caller is recorded as a task's initiator: their user entity ref, or the token's name.</summary>
    public static string InitiatorOf(ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        var login = caller.Login ?? "unknown";
        return caller.IsToken ? login : new EntityRef(CatalogKinds.User, EntityRef.DefaultNamespace, login).ToString();
    }

    public static bool IsAdmin(ClaimsPrincipal user) => Caller.From(user).IsAdmin;

    public static bool IsInitiator(ClaimsPrincipal user, ScaffolderTask task) =>
        string.Equals(task?.Initiator, InitiatorOf(user), StringComparison.OrdinalIgnoreCase);

    public static bool CanCancel(ClaimsPrincipal user, ScaffolderTask task) => IsAdmin(user) || IsInitiator(user, task);

    public async Task<bool> CanReadAsync(ClaimsPrincipal user, ScaffolderTask task, CancellationToken ct) =>
        IsAdmin(user) || IsInitiator(user, task) || (task.Approval is not null && (await CanDecideAsync(user, task, ct)).Allowed);

    public async Task<PermissionDecision> CanDecideAsync(ClaimsPrincipal user, ScaffolderTask task, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        var caller = Caller.From(user);
        const string rule = "template.approve";
        if (!caller.SignedIn)
        {
            return PermissionDecision.NotSignedIn();
        }
        if (IsInitiator(user, task))
        {
            return PermissionDecision.Deny($"{rule}.four-eyes", "Nobody approves or rejects their own task: ask another approver (or cancel it).");
        }
        if (caller.IsAdmin)
        {
            return PermissionDecision.Allow($"{rule}.admin");
        }
        if (task.Approval == "platform-lead")
        {
            return caller.HasRole(PortalRoles.PlatformLead)
                ? PermissionDecision.Allow($"{rule}.platform-lead")
                : PermissionDecision.Deny($"{rule}.platform-lead", "This template needs a PlatformLead (or an Admin) to approve or reject its runs.");
        }
        var owner = task.TemplateOwner;
        if (owner is not null && caller.Login is not null && !caller.IsToken
            && (await directory.OwnerRefsAsync(caller.Login, ct)).Contains(OwnerKey(owner), StringComparer.OrdinalIgnoreCase))
        {
            return PermissionDecision.Allow($"{rule}.owner");
        }
        return PermissionDecision.Deny($"{rule}.owner",
            $"Only members of {owner ?? "the template's owner"} (the template's owner) or an Admin may approve or reject runs of this template.");
    }

    /// <summary>An owner as written (<c>team-a</c>) or as a relation target (<c>group:default/team-a</c>), as a full ref.</summary>
    private static string OwnerKey(string owner) =>
        EntityRef.TryParse(owner, CatalogKinds.Group, EntityRef.DefaultNamespace, out var r, out _) ? r.Key : owner;
}
