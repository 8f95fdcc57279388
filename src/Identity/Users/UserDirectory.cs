using Fawkes.Portal.Data;
using Fawkes.Portal.Data.Changes;
using Fawkes.Portal.Operations.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Identity.Users;

/// <summary>The Admin's view of people: list them, give one a role, block or unblock. Every change ends the person's sessions.</summary>
public sealed class UserDirectory(IDbContextFactory<PortalDbContext> factory, AuditLog audit)
{
    public async Task<IReadOnlyList<PortalUser>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<PortalUser>().AsNoTracking().OrderBy(u => u.Login).ToListAsync(ct);
    }

    /// <param name="role">A role, or null to go back to the configured one.</param>
    public Task<bool> SetRoleAsync(string login, string? role, string actor, CancellationToken ct = default)
    {
        if (role is not null && !PortalRoles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; use one of {string.Join(", ", PortalRoles.All)}.", nameof(role));
        }
        return ChangeAsync(login, u => u.AdminRole = role, actor, "user.role", $"role={role ?? "configured"}", ct);
    }

    public Task<bool> SetBlockedAsync(string login, bool blocked, string actor, CancellationToken ct = default) =>
        ChangeAsync(login, u => u.Blocked = blocked, actor, blocked ? "user.block" : "user.unblock", null, ct);

    /// <summary>The change, the stamp and the change notice commit together, so every replica ends the sessions at once.</summary>
    private async Task<bool> ChangeAsync(string login, Action<PortalUser> change, string actor, string action, string? detail, CancellationToken ct)
    {
        // An Admin who lowers or blocks themselves can lock the portal out of its last Admin.
        if (string.Equals(login, actor, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("You cannot change your own access; ask another Admin.");
        }
        await using var probe = await factory.CreateDbContextAsync(ct);
        var changed = await probe.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var user = await db.Set<PortalUser>().FirstOrDefaultAsync(u => u.Login == login, ct);
            if (user is null)
            {
                return false;
            }
            change(user);
            user.AccessStamp++;
            await db.SaveChangesAsync(ct);
            await ChangeFeed.PublishAsync(db, ChangeNotice.Users, user.Login, ct);
            await tx.CommitAsync(ct);
            return true;
        });
        if (changed)
        {
            await audit.RecordAsync(actor, action, $"user:{login}", detail, ct);
        }
        return changed;
    }
}
