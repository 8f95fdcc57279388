using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>
/// Rebuilds every entity's search rows (and relations) from its stored JSON when they were written by an older
/// <see cref="SearchIndexer"/>, before ingestion or queries start, so a catalog kept across an upgrade answers filters as
/// a fresh one does. Runs once: the first replica to move the version row does the work in the same transaction, and
/// others wait on that row and then find nothing to do. Called by the catalog's background service before it ingests, so
/// a database that is not migrated yet (production without MigrateOnStartup) never stops the portal from starting.
/// </summary>
public sealed class SearchIndexUpgrade(IDbContextFactory<PortalDbContext> factory, ILogger<SearchIndexUpgrade> logger)
{
    private const int Chunk = 1_000;

    /// <returns>How many entities were re-indexed (0 when the index was current).</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var probe = await factory.CreateDbContextAsync(ct);
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Set<CatalogVersion>()
                .Where(v => v.Id == CatalogVersion.SingletonId && v.SearchIndexVersion < SearchIndexer.Version)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.SearchIndexVersion, SearchIndexer.Version), ct);
            if (claimed == 0)
            {
                await tx.CommitAsync(ct);
                return 0;
            }
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var count = 0;
            string? after = null;
            while (true)
            {
                var chunk = await db.Set<EntityRecord>().AsNoTracking()
                    .Where(e => after == null || string.Compare(e.Id, after) > 0)
                    .OrderBy(e => e.Id).Take(Chunk).ToListAsync(ct);
                if (chunk.Count == 0)
                {
                    break;
                }
                var changed = chunk.Where(r => r.Json.Length > 0).Select(r => (r, JsonNode.Parse(r.Json)!.AsObject())).ToList();
                await CatalogIndexWriter.ReindexAsync(db, changed, new HashSet<string>(), ct);
                count += chunk.Count;
                after = chunk[^1].Id;
            }
            if (count > 0)
            {
                await CatalogIndexWriter.AnalyzeAsync(db, ct);
                await CatalogVersion.BumpAsync(db, ct);
            }
            await tx.CommitAsync(ct);
            logger.LogInformation("Search index rebuilt for {Count} entities (index version {Version}) in {Elapsed}",
                count, SearchIndexer.Version, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return count;
        });
    }
}
