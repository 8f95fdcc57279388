using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Operations.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int TotalItems);

/// <summary>Writes and reads the audit trail. Every state change a user or token makes goes through here.</summary>
public sealed class AuditLog(IDbContextFactory<PortalDbContext> factory, TimeProvider time, ILogger<AuditLog> logger)
{
    public async Task RecordAsync(string actor, string action, string target, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Set<AuditEntry>().Add(new AuditEntry { At = time.GetUtcNow(), Actor = actor, Action = action, Target = target, Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Audit {Actor} {Action} {Target}", actor, action, target);
    }

    public async Task<AuditPage> QueryAsync(string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(e => e.Actor.ToLower().Contains(term) || e.Action.ToLower().Contains(term) || e.Target.ToLower().Contains(term));
        }
        var total = await query.CountAsync(cancellationToken);
        // Ordered by Id, which follows insertion: SQLite cannot ORDER BY a DateTimeOffset column.
        var items = await query.OrderByDescending(e => e.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new AuditPage(items, total);
    }
}
