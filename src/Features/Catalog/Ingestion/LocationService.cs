using System.Text.Json;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Storage;
using Fawkes.Portal.Operations.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

public sealed record LocationView(Guid Id, string Type, string Target, string Origin, DateTimeOffset? ProcessedAt, int EntityCount, IReadOnlyList<LocationProblem> Problems);

public sealed record LocationUpdate(LocationView? Location, bool Conflict);

public sealed record RegistrationResult(LocationView? Location, IReadOnlyList<SourcedEntity> Entities, IReadOnlyList<LocationProblem> Problems, string? Refused = null);

/// <summary>Registers, refreshes and removes locations. One processing run at a time per replica.</summary>
public sealed class LocationService(
    IDbContextFactory<PortalDbContext> factory, LocationReader reader, LocationPrefetch prefetch, CatalogWriter writer, UrlFetcher urls, Integrations.GitHub.GitHubCatalogSource github,
    FileRoots roots, AuditLog audit, TimeProvider time, CatalogChanges changes, ILogger<LocationService> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Checks a registration request; null when allowed, else the reason.</summary>
    public async Task<string?> RefusalAsync(string type, string target, CancellationToken ct)
    {
        switch (type)
        {
            case "url" when github.TryParseBlobUrl(target, out _):
                return null;
            case SourceFetcher.GitHubDiscovery:
                return System.Text.RegularExpressions.Regex.IsMatch(target, "^[A-Za-z0-9][A-Za-z0-9-]{0,38}$") ? null : $"'{target}' is not a GitHub organisation name.";
            case "url" or BackstageMirror.Type:
                try
                {
                    await urls.CheckAsync(target, ct);
                    return null;
                }
                catch (SourceFetchException ex)
                {
                    return ex.Message;
                }
            case "file":
                return roots.Refusal(target);
            default:
                return $"Unknown location type '{type}': use 'url', 'file' or 'backstage'.";
        }
    }

    public async Task<RegistrationResult> RegisterAsync(string type, string target, string origin, string actor, bool dryRun, CancellationToken ct)
    {
        if (await RefusalAsync(type, target, ct) is { } refused)
        {
            return new RegistrationResult(null, [], [], refused);
        }
        if (dryRun)
        {
            var preview = await reader.ReadAsync(type, target, ct);
            return new RegistrationResult(null, preview.Entities, preview.Problems);
        }
        var id = await EnsureAsync(type, target, origin, actor, ct);
        if (id is null)
        {
            return new RegistrationResult(null, [], [], $"Location {type}:{target} is already registered.");
        }
        var read = await ProcessAsync(id.Value, force: true, ct);
        await audit.RecordAsync(actor, "catalog.location.register", $"location:{type}:{target}", $"origin={origin}", ct);
        return new RegistrationResult(await GetAsync(id.Value, ct), read?.Entities ?? [], read?.Problems ?? []);
    }

    /// <summary>Creates the location unless it exists; returns its id, or null if it already existed.</summary>
    public async Task<Guid?> EnsureAsync(string type, string target, string origin, string? actor, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Set<LocationRecord>().AnyAsync(l => l.Type == type && l.Target == target, ct))
        {
            return null;
        }
        var location = new LocationRecord { Id = Guid.NewGuid(), Type = type, Target = target, Origin = origin, RegisteredBy = actor, CreatedAt = time.GetUtcNow() };
        db.Add(location);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another replica or request on the unique (type, target) index: it is registered, as asked.
            if (await ExistsAsync(type, target, ct))
            {
                return null;
            }
            throw;
        }
        return location.Id;
    }

    /// <summary>
    /// Backstage's updateLocation: the location keeps its id and gets the new type and target, then is read again at
    /// once; what the old target held and the new one does not is removed as on any re-read. Null when there is no such
    /// location; <see cref="LocationUpdate.Conflict"/> when another location has that type and target.
    /// </summary>
    public async Task<LocationUpdate?> UpdateAsync(Guid id, string type, string target, string actor, CancellationToken ct)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await db.Set<LocationRecord>().AnyAsync(l => l.Type == type && l.Target == target && l.Id != id, ct))
            {
                return new LocationUpdate(null, Conflict: true);
            }
            var location = await db.Set<LocationRecord>().FirstOrDefaultAsync(l => l.Id == id, ct);
            if (location is null)
            {
                return null;
            }
            var before = $"{location.Type}:{location.Target}";
            (location.Type, location.Target, location.ContentHash) = (type, target, null);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Lost a race on the unique (type, target) index (or a configured location has that type and target).
                if (await ExistsAsync(type, target, ct))
                {
                    return new LocationUpdate(null, Conflict: true);
                }
                throw;
            }
            await audit.RecordAsync(actor, "catalog.location.update", $"location:{type}:{target}", $"was={before}", ct);
        }
        await ProcessAsync(id, force: true, ct);
        await DeleteOrphansAsync(id, ct);
        return new LocationUpdate(await GetAsync(id, ct), Conflict: false);
    }

    /// <summary>
    /// After an update, what the location's old target held and the new one does not is deleted, not kept as orphans:
    /// Backstage's default orphan strategy (<c>delete</c>) removes them once their Location entity no longer leads to them.
    /// </summary>
    private async Task DeleteOrphansAsync(Guid id, CancellationToken ct)
    {
        await using var probe = await factory.CreateDbContextAsync(ct);
        await probe.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var orphans = await db.Set<EntityRecord>().Where(e => e.LocationId == id && e.Orphan).Select(e => e.Id).ToListAsync(ct);
            await CatalogIndexWriter.DeleteAsync(db, orphans, ct);
            await tx.CommitAsync(ct);
        });
        changes.Notify();
    }

    private async Task<bool> ExistsAsync(string type, string target, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<LocationRecord>().AnyAsync(l => l.Type == type && l.Target == target, ct);
    }

    /// <summary>Reads and applies one location. Unchanged sources (same content hash) are skipped unless forced.</summary>
    public async Task<LocationReadResult?> ProcessAsync(Guid id, bool force, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            LocationRecord? location;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                location = await db.Set<LocationRecord>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
            }
            if (location is null)
            {
                return null;
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var read = await prefetch.TakeAsync(location.Type, location.Target) ?? await reader.ReadAsync(location.Type, location.Target, ct);
            var readMs = clock.ElapsedMilliseconds;
            if (!force && read.ContentHash == location.ContentHash && location.ErrorsJson is null && read.Problems.Count == 0)
            {
                return read;
            }
            var outcome = await writer.ApplyAsync(id, read, ct);
            logger.LogInformation("Catalog location {Type}:{Target}: {Added} added, {Updated} updated, {Orphaned} orphaned, {Problems} problem(s); read {ReadMs} ms, stored {StoreMs} ms",
                location.Type, location.Target, outcome.Added, outcome.Updated, outcome.Orphaned, outcome.Problems.Count, readMs, clock.ElapsedMilliseconds - readMs);
            changes.Notify();
            if (outcome.Added + outcome.Updated + outcome.Orphaned >= 1_000)
            {
                // The snapshot rebuild this change starts usually ends within this and asks for one second more.
                Operations.MemoryTrim.RequestAfterBulkWork(TimeSpan.FromSeconds(2));
            }
            return read with { Problems = outcome.Problems };
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RefreshAllAsync(bool force, CancellationToken ct)
    {
        List<Guid> ids;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            ids = await db.Set<LocationRecord>().Select(l => l.Id).ToListAsync(ct);
        }
        foreach (var id in ids)
        {
            await ProcessAsync(id, force, ct);
        }
    }

    public async Task<bool> UnregisterAsync(Guid id, string actor, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var probe = await factory.CreateDbContextAsync(ct);
            var removed = await probe.Database.CreateExecutionStrategy().ExecuteAsync<(LocationRecord Location, List<string> Ids)?>(async () =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var location = await db.Set<LocationRecord>().FirstOrDefaultAsync(l => l.Id == id, ct);
                if (location is null)
                {
                    return null;
                }
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var entityIds = await db.Set<EntityRecord>().Where(e => e.LocationId == id).Select(e => e.Id).ToListAsync(ct);
                await CatalogIndexWriter.DeleteAsync(db, entityIds, ct);
                db.Remove(location);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return (location, entityIds);
            });
            if (removed is not var (location, entityIds))
            {
                return false;
            }
            await audit.RecordAsync(actor, "catalog.location.unregister", $"location:{location.Type}:{location.Target}", $"entities={entityIds.Count}", ct);
            changes.Notify();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<LocationView>> ListAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<LocationRecord>().AsNoTracking().OrderBy(l => l.Target).ToListAsync(ct);
        return [.. rows.Select(ToView)];
    }

    public async Task<LocationView?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Set<LocationRecord>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        return row is null ? null : ToView(row);
    }

    private static LocationView ToView(LocationRecord l) => new(l.Id, l.Type, l.Target, l.Origin, l.ProcessedAt, l.EntityCount,
        l.ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<LocationProblem>>(l.ErrorsJson) ?? []);
}
