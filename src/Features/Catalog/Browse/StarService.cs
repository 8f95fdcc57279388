using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Browse;

/// <summary>Per-user starred entities.</summary>
public sealed class StarService(IDbContextFactory<PortalDbContext> factory, TimeProvider time)
{
    public async Task<IReadOnlyList<string>> StarredKeysAsync(string login, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<StarRecord>().AsNoTracking().Where(s => s.UserLogin == login).Select(s => s.RefKey).ToListAsync(ct);
    }

    public async Task<bool> IsStarredAsync(string login, EntityRef entityRef, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = entityRef.Key;
        return await db.Set<StarRecord>().AnyAsync(s => s.UserLogin == login && s.RefKey == key, ct);
    }

    /// <returns>Whether the entity is starred afterwards.</returns>
    public async Task<bool> ToggleAsync(string login, EntityRef entityRef, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = entityRef.Key;
        var existing = await db.Set<StarRecord>().FirstOrDefaultAsync(s => s.UserLogin == login && s.RefKey == key, ct);
        if (existing is null)
        {
            db.Add(new StarRecord { UserLogin = login, RefKey = key, CreatedAt = time.GetUtcNow() });
        }
        else
        {
            db.Remove(existing);
        }
        await db.SaveChangesAsync(ct);
        return existing is null;
    }
}
