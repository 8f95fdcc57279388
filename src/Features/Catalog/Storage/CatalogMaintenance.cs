using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>
/// After a bulk ingestion PostgreSQL's statistics and visibility map are stale, so the planner sorts instead of walking
/// indexes and counts read the heap. Refreshing them right away keeps the first queries fast (autovacuum would, later).
/// </summary>
public sealed class CatalogMaintenance(IDbContextFactory<PortalDbContext> factory, ILogger<CatalogMaintenance> logger)
{
    public async Task AfterBulkWriteAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
            return;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) catalog_entities, catalog_search, catalog_relations", ct);
        logger.LogInformation("Catalog tables vacuumed and analyzed in {Elapsed} ms", clock.ElapsedMilliseconds);
    }
}
