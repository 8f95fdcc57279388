using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Relations;
using Fawkes.Portal.Features.Catalog.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

public sealed record ApplyOutcome(int Added, int Updated, int Unchanged, int Orphaned, IReadOnlyList<LocationProblem> Problems);

/// <summary>
/// Applies what was read from a location to the store, with Backstage's semantics: first location keeps an entity
/// (later ones get a conflict), a failing entity keeps its last good version with the error in its status,
/// a never-valid entity's errors live on the location, and vanished entities become orphans (never deleted here).
/// </summary>
public sealed class CatalogWriter(IDbContextFactory<PortalDbContext> factory, TimeProvider time, ILogger<CatalogWriter> logger)
{
    public async Task<ApplyOutcome> ApplyAsync(Guid locationId, LocationReadResult read, CancellationToken ct)
    {
        await using var probe = await factory.CreateDbContextAsync(ct);
        // PostgreSQL runs with a retrying execution strategy: the whole transaction is the unit that is retried.
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(() => ApplyOnceAsync(locationId, read, ct));
    }

    private async Task<ApplyOutcome> ApplyOnceAsync(Guid locationId, LocationReadResult read, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var phases = new List<string>();
        void Phase(string name) => phases.Add($"{name} {clock.ElapsedMilliseconds} ms");
        var existing = await db.Set<EntityRecord>().Where(e => e.LocationId == locationId).ToDictionaryAsync(e => e.RefKey, ct);
        var problems = new List<LocationProblem>(read.Problems);
        var foreign = await ForeignAsync(db, locationId, read.Entities.Where(e => e.Ref is not null).Select(e => e.Ref!.Value.Key), ct);
        Phase("existing+conflicts");
        var seen = new Dictionary<string, SourcedEntity>(StringComparer.Ordinal);
        var toFill = new List<(EntityRecord Record, JsonObject Entity, bool Orphan)>();
        var inserts = new List<EntityRecord>();
        int added = 0, updated = 0, unchanged = 0;
        // Hashing and filling records is pure per-entity CPU work: done on every core, the decisions stay sequential.
        var hashes = new string?[read.Entities.Count];
        Parallel.For(0, hashes.Length, i => hashes[i] = read.Entities[i].IsValid ? EntityRecordFactory.SourceHash(read.Entities[i].Entity!) : null);

        for (var index = 0; index < read.Entities.Count; index++)
        {
            var sourced = read.Entities[index];
            var key = sourced.Ref?.Key;
            if (key is not null && seen.TryGetValue(key, out var first))
            {
                problems.Add(new(sourced.Source, $"Duplicate entity {sourced.Ref}: already defined in {first.Source} line {first.Line}.", sourced.Line));
                continue;
            }
            if (key is not null && foreign.TryGetValue(key, out var owner) && !owner.Orphan)
            {
                problems.Add(new(sourced.Source, $"Conflict: {sourced.Ref} is already registered by another location ({owner.Origin}); it keeps the entity.", sourced.Line));
                continue;
            }
            if (key is not null)
            {
                seen[key] = sourced;
            }
            var record = key is null ? null : existing.GetValueOrDefault(key) ?? (foreign.TryGetValue(key, out var orphan) ? await db.Set<EntityRecord>().SingleAsync(e => e.Id == orphan.Id, ct) : null);
            if (!sourced.IsValid)
            {
                // An entity stored before keeps its last good version with the error in its status; either way the
                // location lists the error, so a failure is visible where the file was registered.
                if (record is not null)
                {
                    record.StatusJson = StatusItems(sourced);
                }
                problems.AddRange(sourced.Problems.Select(p => new LocationProblem(sourced.Source, p.Message, p.Line, p.Column, p.Field)));
                continue;
            }
            var hash = hashes[index]!;
            if (record is { Orphan: false, StatusJson: null } && record.SourceHash == hash && record.LocationId == locationId)
            {
                unchanged++;
                continue;
            }
            if (record is null)
            {
                record = new EntityRecord { Id = Guid.NewGuid().ToString(), RefKey = key!, Kind = "", Namespace = "", Name = "", SearchText = "", Json = "", Etag = "", SourceHash = "", CreatedAt = now };
                inserts.Add(record);
                added++;
            }
            else
            {
                updated++;
            }
            record.LocationId = locationId;
            record.ParentRef = sourced.ParentRef;
            record.SourceHash = hash;
            record.Etag = EntityRecordFactory.NewEtag();
            record.StatusJson = null;
            record.UpdatedAt = now;
            toFill.Add((record, sourced.Entity!, false));
        }

        var orphaned = 0;
        foreach (var record in existing.Values.Where(r => !seen.ContainsKey(r.RefKey) && !r.Orphan))
        {
            record.Etag = EntityRecordFactory.NewEtag();
            record.UpdatedAt = now;
            toFill.Add((record, JsonNode.Parse(record.Json)!.AsObject(), true));
            orphaned++;
        }
        var served = new JsonObject[toFill.Count];
        Parallel.For(0, served.Length, i => served[i] = EntityRecordFactory.Fill(toFill[i].Record, toFill[i].Entity, toFill[i].Orphan));
        var changed = toFill.Select((f, i) => (f.Record, served[i])).ToList();

        Phase("entities");
        await db.SaveChangesAsync(ct);
        await CatalogIndexWriter.InsertEntitiesAsync(db, inserts, ct);
        Phase("entity rows");
        await CatalogIndexWriter.ReindexAsync(db, changed, inserts.Select(i => i.Id).ToHashSet(StringComparer.Ordinal), ct);
        // Reindexing clears the change tracker, so the location is loaded afterwards.
        var location = await db.Set<LocationRecord>().SingleAsync(l => l.Id == locationId, ct);
        location.ContentHash = read.ContentHash;
        location.ProcessedAt = now;
        location.ErrorsJson = problems.Count == 0 ? null : JsonSerializer.Serialize(problems);
        location.EntityCount = seen.Count;
        await db.SaveChangesAsync(ct);
        Phase("search+relations");
        // Any write moves the version (also a status-only change: an entity keeping its last good version gets the
        // new error in its status), so in-memory views of the catalog never serve what the database no longer holds.
        await CatalogVersion.BumpAsync(db, ct);
        await tx.CommitAsync(ct);
        Phase("commit");
        if (added + updated > 1_000)
        {
            // After the commit: the entities are served at once, and the planner's statistics catch up a moment later
            // (until then a query may plan for the old row counts; at catalog sizes that is milliseconds, not an error).
            try
            {
                await CatalogIndexWriter.AnalyzeAsync(db, ct);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                // The write is committed; autovacuum's ANALYZE catches up later.
                logger.LogWarning(ex, "ANALYZE after a bulk catalog write failed");
            }
            Phase("analyze");
        }
        logger.LogDebug("Catalog store phases (cumulative): {Phases}", string.Join(", ", phases));
        return new ApplyOutcome(added, updated, unchanged, orphaned, problems);
    }

    private sealed record ForeignEntity(string Id, bool Orphan, string Origin);

    /// <summary>Entities with these refs owned by other locations.</summary>
    private static async Task<Dictionary<string, ForeignEntity>> ForeignAsync(PortalDbContext db, Guid locationId, IEnumerable<string> keys, CancellationToken ct)
    {
        var result = new Dictionary<string, ForeignEntity>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct().Chunk(5_000))
        {
            var rows = await (from e in db.Set<EntityRecord>()
                              join l in db.Set<LocationRecord>() on e.LocationId equals l.Id
                              where chunk.Contains(e.RefKey) && e.LocationId != locationId
                              select new { e.RefKey, e.Id, e.Orphan, l.Type, l.Target }).ToListAsync(ct);
            foreach (var row in rows)
            {
                result[row.RefKey] = new ForeignEntity(row.Id, row.Orphan, $"{row.Type}:{row.Target}");
            }
        }
        return result;
    }

    /// <summary>Backstage's <c>status.items</c> for an entity whose latest read failed.</summary>
    private static string StatusItems(SourcedEntity sourced) => JsonSerializer.Serialize(sourced.Problems.Select(p => new
    {
        type = "backstage.io/catalog-processing",
        level = "error",
        message = new LocationProblem(sourced.Source, p.Message, p.Line, p.Column, p.Field).ToString(),
        error = new { name = "InputError", message = p.Message },
    }));
}
