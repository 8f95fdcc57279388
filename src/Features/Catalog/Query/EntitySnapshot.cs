using System.Collections.Frozen;
using System.Text.Json;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>
/// Every entity as the API serves it (UTF-8 JSON with relations), in memory, for by-name lookups without a database
/// round trip. It is used only while it matches the catalog's version row, which every replica's writes move; the
/// version is read at most once a second, so another replica's change shows within a second. While stale, callers fall
/// back to the database and one rebuild runs in the background.
/// </summary>
/// <remarks>A hosted service only to listen for this replica's changes from start-up (ingestion runs before any lookup).</remarks>
public sealed class EntitySnapshot(IDbContextFactory<PortalDbContext> factory, CatalogChanges changes, TimeProvider time, ILogger<EntitySnapshot> logger)
    : IHostedService
{
    private static readonly TimeSpan VersionCheckEvery = TimeSpan.FromSeconds(1);
    private sealed record Built(long Version, FrozenDictionary<string, byte[]> Entities, SnapshotIndex Index);

    private Built? _built;
    private long _catalogVersion = -1;
    private long _checkedAtTicks = long.MinValue / 2;
    private int _rebuilding;
    private long _retryAfterTicks;
    private int _changedWhileBuilding;
    private int _builds;

    /// <summary>The catalog version the snapshot holds; null before the first build (for health and tests).</summary>
    public long? BuiltVersion => Volatile.Read(ref _built)?.Version;

    /// <summary>How many times the snapshot was built (for tests: a notification without a change must not rebuild).</summary>
    public int Builds => Volatile.Read(ref _builds);

    /// <summary>The entity's JSON when the snapshot is current; null when the caller must ask the database.</summary>
    /// <returns><c>Current</c>: the snapshot matches the catalog, so a null <c>Json</c> means "no such entity".</returns>
    public async Task<(bool Current, byte[]? Json)> TryGetAsync(string refKey, CancellationToken ct) =>
        await CurrentAsync(ct) is { } built ? (true, built.Entities.GetValueOrDefault(refKey)) : (false, null);

    /// <summary>Several entities' JSON, in order, from one build (null where none); null when the snapshot is not current.</summary>
    public async Task<IReadOnlyList<byte[]?>?> TryGetManyAsync(IEnumerable<string> refKeys, CancellationToken ct) =>
        await CurrentAsync(ct) is { } built ? [.. refKeys.Select(key => built.Entities.GetValueOrDefault(key))] : null;

    /// <summary>
    /// A by-query page of whole entities cut from this snapshot (see <see cref="SnapshotIndex"/>); null when the query
    /// needs the database or the snapshot is not current.
    /// </summary>
    public async Task<Utf8EntityPage?> TryPageAsync(ByQuery query, QueryCursor? cursor, int? limit, int? offset, bool countTotal, CancellationToken ct)
    {
        if (!SnapshotIndex.Supports(query) || await CurrentAsync(ct) is not { Index.MatchesDatabaseOrder: true } built)
        {
            return null;
        }
        var page = built.Index.Page(query, cursor, limit, offset, countTotal);
        return new Utf8EntityPage([.. page.Records.Select(r => built.Entities[r.RefKey])], page.TotalItems, page.Next, page.Prev);
    }

    /// <summary>Whether lookups would be served from memory now (callers skip work that only pays off then).</summary>
    public async Task<bool> IsServingAsync(CancellationToken ct) => await CurrentAsync(ct) is not null;

    private async Task<Built?> CurrentAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (now - Interlocked.Read(ref _checkedAtTicks) > VersionCheckEvery.Ticks)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            Interlocked.Exchange(ref _catalogVersion, await CatalogVersion.ReadAsync(db, ct));
            Interlocked.Exchange(ref _checkedAtTicks, now);
        }
        var built = Volatile.Read(ref _built);
        if (built is null || built.Version != Interlocked.Read(ref _catalogVersion))
        {
            StartRebuild();
            return null;
        }
        return built;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // This replica's own changes are seen at once, not after the next version check, and the new snapshot is built
        // right away instead of on the next lookup.
        changes.Changed += OnCatalogChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        changes.Changed -= OnCatalogChanged;
        return Task.CompletedTask;
    }

    private void OnCatalogChanged()
    {
        Interlocked.Exchange(ref _checkedAtTicks, long.MinValue / 2);
        Interlocked.Exchange(ref _changedWhileBuilding, 1);
        StartRebuild();
    }

    private void StartRebuild()
    {
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _retryAfterTicks) || Interlocked.CompareExchange(ref _rebuilding, 1, 0) != 0)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                // A change that lands while building asks for another round right after, not on the next lookup.
                var before = Volatile.Read(ref _built)?.Entities.Count ?? 0;
                do
                {
                    Interlocked.Exchange(ref _changedWhileBuilding, 0);
                    // A write that changed nothing (a location read again) notifies without moving the version.
                    if (!await VersionUnchangedAsync())
                    {
                        Volatile.Write(ref _built, await BuildAsync());
                        Interlocked.Increment(ref _builds);
                    }
                }
                while (Interlocked.Exchange(ref _changedWhileBuilding, 0) == 1);
                if (Math.Abs(Volatile.Read(ref _built)!.Entities.Count - before) >= 1_000)
                {
                    // A bulk change: building the snapshot was its last big allocation, so return the peak heap now.
                    Operations.MemoryTrim.RequestAfterBulkWork(TimeSpan.FromSeconds(1));
                }
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                logger.LogWarning(ex, "Building the in-memory entity snapshot failed; lookups use the database, next try in 30 s");
                Interlocked.Exchange(ref _retryAfterTicks, time.GetUtcNow().AddSeconds(30).UtcTicks);
            }
            finally
            {
                Volatile.Write(ref _rebuilding, 0);
            }
        });
    }

    private async Task<bool> VersionUnchangedAsync()
    {
        if (Volatile.Read(ref _built) is not { } built)
        {
            return false;
        }
        await using var db = await factory.CreateDbContextAsync();
        return await CatalogVersion.ReadAsync(db, CancellationToken.None) == built.Version;
    }

    private async Task<Built> BuildAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var probe = await factory.CreateDbContextAsync();
        // PostgreSQL's retrying strategy runs user transactions only as one retriable unit.
        var built = await probe.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
            // Read in one snapshot: the version belongs to exactly these rows.
            var version = await CatalogVersion.ReadAsync(db, CancellationToken.None);
            var relations = (await db.Set<RelationRecord>().AsNoTracking().ToListAsync())
                .GroupBy(r => r.SourceKey, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.DistinctBy(x => (x.Type, x.TargetKey)).ToList(), StringComparer.Ordinal);
            var entities = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var rows = new List<SnapshotIndex.Row>();
            // Kinds, namespaces, types and lifecycles repeat across thousands of entities: one string each.
            var shared = new Dictionary<string, string>(StringComparer.Ordinal);
            string? Shared(string? text) => text is null ? null : shared.TryGetValue(text, out var one) ? one : shared[text] = text;
            var query = db.Set<EntityRecord>().AsNoTracking()
                .Select(e => new { e.Id, e.RefKey, e.KindKey, e.Namespace, e.NameKey, e.TypeKey, e.LifecycleKey, e.Json, e.StatusJson });
            await foreach (var record in query.AsAsyncEnumerable())
            {
                var json = EntityJson.Compose(record.Json, record.StatusJson, relations.GetValueOrDefault(record.RefKey) ?? []);
                entities[record.RefKey] = JsonSerializer.SerializeToUtf8Bytes(json);
                rows.Add(new(record.Id, record.RefKey, Shared(record.KindKey)!, Shared(record.Namespace)!, record.NameKey, Shared(record.TypeKey), Shared(record.LifecycleKey)));
            }
            return new Built(version, entities.ToFrozenDictionary(StringComparer.Ordinal), new SnapshotIndex(rows));
        });
        logger.LogInformation("In-memory entity snapshot: {Count} entities at catalog version {Version} in {Elapsed}",
            built.Entities.Count, built.Version, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return built;
    }
}
