using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Query;

public sealed record EntityPage(IReadOnlyList<JsonObject> Items, int TotalItems, string? NextCursor, string? PrevCursor);

public sealed record FacetValue(string Value, int Count);

/// <summary>Read side of the catalog, shared by the REST API and the pages. One DbContext per call.</summary>
public sealed class CatalogQueries(IDbContextFactory<PortalDbContext> factory, CatalogCache cache, Ingestion.CatalogChanges changes, EntitySnapshot snapshot)
{
    /// <summary>
    /// Full-text results are usually small: one probe query returns the ordered ids of up to this many matches, which gives
    /// both the total and the page, instead of running the (trigram) search twice.
    /// </summary>
    private const int FullTextProbe = 1_000;

    public async Task<EntityPage> QueryAsync(EntityQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var filtered = FilterTranslator.Apply(db, db.Set<EntityRecord>().AsNoTracking(), query.Filter);
        filtered = FilterTranslator.FullText(db, filtered, query.FullTextTerm, query.FullTextFields);
        if (query.RefKeys is { } refKeys)
        {
            filtered = filtered.Where(e => refKeys.Contains(e.RefKey));
        }
        var ordered = Sorting.Apply(db, filtered, query.Order);
        int total;
        List<EntityRecord> records;
        if (!string.IsNullOrWhiteSpace(query.FullTextTerm) && query.Offset + query.Limit <= FullTextProbe)
        {
            var ids = await ordered.Select(e => e.Id).Take(FullTextProbe + 1).ToListAsync(ct);
            total = ids.Count <= FullTextProbe ? ids.Count : await filtered.CountAsync(ct);
            var pageIds = ids.Skip(query.Offset).Take(query.Limit).ToList();
            var byId = await db.Set<EntityRecord>().AsNoTracking().Where(e => pageIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            records = [.. pageIds.Select(id => byId[id])];
        }
        else
        {
            // Totals are cached per query (cleared on any catalog change): counting is the costly part of a first page.
            total = query.RefKeys is null
                ? await cache.GetOrAddAsync(CatalogCache.Key("count", query.Filter, query.FullTextTerm, string.Join(',', query.FullTextFields)), () => filtered.CountAsync(ct))
                : await filtered.CountAsync(ct);
            records = await ordered.Skip(query.Offset).Take(query.Limit).ToListAsync(ct);
        }
        var items = await ComposeAsync(db, records, ct);
        var next = query.Offset + records.Count < total ? query.ToCursor(query.Offset + query.Limit) : null;
        var prev = query.Offset > 0 ? query.ToCursor(Math.Max(0, query.Offset - query.Limit)) : null;
        return new EntityPage(items, total, next, prev);
    }

    /// <summary>GET /entities: filter, offset and limit, ordered by ref.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(EntityFilter filter, int? limit, int offset, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = FilterTranslator.Apply(db, db.Set<EntityRecord>().AsNoTracking(), filter).OrderBy(e => e.RefKey).Skip(offset);
        var records = await (limit is { } l ? query.Take(l) : query).ToListAsync(ct);
        return await ComposeAsync(db, records, ct);
    }

    /// <summary>GET /entities/by-query (and GET /entities without paging): Backstage's keyset query, composed.</summary>
    /// <param name="fields">The caller's projection: when it cannot show relations, they are not loaded (empty); when the
    /// columns hold every field, the stored JSON is not parsed.</param>
    public async Task<(IReadOnlyList<JsonObject> Items, int TotalItems, QueryCursor? Next, QueryCursor? Prev)> QueryEntitiesAsync(
        ByQuery query, QueryCursor? cursor, int? limit, int? offset, bool countTotal, CancellationToken ct = default, IReadOnlyList<string>? fields = null)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var fromColumns = fields is not null && EntityJson.ColumnsSuffice(fields);
        // Whole entities (with relations) come from the in-memory snapshot while it is current, as by-name's do: the
        // page query then reads only identities, and no relations round trip or JSON column is needed.
        var whole = !fromColumns && (fields is null || EntityJson.ShowsRelations(fields));
        var page = await KeysetQuery.RunAsync(db, cache, cursor?.Query ?? query, cursor, limit, offset, countTotal, ct, identityOnly: fromColumns || whole);
        IReadOnlyList<JsonObject> items = fromColumns ? [.. page.Records.Select(EntityJson.FromColumns)]
            : whole ? await FromSnapshotAsync(page.Records, ct) ?? await ComposeAsync(db, await FullRecordsAsync(db, page.Records, ct), ct)
            : [.. page.Records.Select(r => EntityJson.Compose(r, []))];
        return (items, page.TotalItems, page.Next, page.Prev);
    }

    /// <summary>These entities as served, in order, if the snapshot is current and holds every one; else null.</summary>
    private async Task<IReadOnlyList<JsonObject>?> FromSnapshotAsync(IReadOnlyList<EntityRecord> records, CancellationToken ct) =>
        await SnapshotEntitiesAsync(records.Select(r => r.RefKey), ct) is { } items && items.All(i => i is not null) ? [.. items.OfType<JsonObject>()] : null;

    /// <summary>Entities by lowercase ref from the <see cref="EntitySnapshot"/> (null where none), or null when it is not current.</summary>
    private async Task<List<JsonObject?>?> SnapshotEntitiesAsync(IEnumerable<string> keys, CancellationToken ct) =>
        await snapshot.TryGetManyAsync(keys, ct) is { } items ? [.. items.Select(json => json is null ? null : JsonNode.Parse(json)!.AsObject())] : null;

    /// <summary>The stored rows of identity-only records, in their order.</summary>
    private static async Task<IReadOnlyList<EntityRecord>> FullRecordsAsync(PortalDbContext db, IReadOnlyList<EntityRecord> records, CancellationToken ct)
    {
        var ids = records.Select(r => r.Id).ToList();
        var rows = await db.Set<EntityRecord>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return [.. records.Where(r => rows.ContainsKey(r.Id)).Select(r => rows[r.Id])];
    }

    /// <summary>GET /entities with paging: the page and, when there are more, the <c>after</c> cursor of the next one.</summary>
    public async Task<(IReadOnlyList<JsonObject> Items, string? After)> ListPageAsync(
        EntityFilter filter, IReadOnlyList<OrderField> order, ListPaging paging, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (records, hasNext) = await EntityList.PageAsync(db, filter, order, paging, ct);
        var after = hasNext ? new ListPaging(paging.Limit, (paging.Offset ?? 0) + paging.Limit).ToAfter() : null;
        return (await ComposeAsync(db, records, ct), after);
    }

    /// <summary>
    /// One entity by ref: from the in-memory <see cref="EntitySnapshot"/> while it matches the catalog's version, else
    /// from the database (never from a cache that could be older than another replica's change).
    /// </summary>
    public async Task<JsonObject?> ByRefAsync(EntityRef entityRef, CancellationToken ct = default) =>
        await ByRefUtf8Async(entityRef, ct) is { } json ? JsonNode.Parse(json)!.AsObject() : null;

    /// <summary>The same as served JSON bytes, which the by-name endpoint writes out as they are.</summary>
    public async Task<byte[]?> ByRefUtf8Async(EntityRef entityRef, CancellationToken ct = default)
    {
        var (current, json) = await snapshot.TryGetAsync(entityRef.Key, ct);
        if (current)
        {
            return json;
        }
        return (await ByRefsAsync([entityRef], ct))[0] is { } entity ? System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(entity) : null;
    }

    /// <summary>
    /// Entities in the order asked for; null where a ref does not exist. From the <see cref="EntitySnapshot"/> while it
    /// is current (as by-name), else from the database, where entity and relations come in one round trip.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject?>> ByRefsAsync(IReadOnlyList<EntityRef> refs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(refs);
        if (await SnapshotEntitiesAsync(refs.Select(r => r.Key), ct) is { } fromSnapshot)
        {
            return fromSnapshot;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var keys = refs.Select(r => r.Key).Distinct().ToList();
        var relations = db.Set<RelationRecord>();
        var rows = await db.Set<EntityRecord>().AsNoTracking().Where(e => keys.Contains(e.RefKey))
            .Select(e => new { Record = e, Relations = relations.Where(r => r.SourceKey == e.RefKey).ToList() })
            .ToListAsync(ct);
        var composed = rows.ToDictionary(r => r.Record.RefKey, r => EntityJson.Compose(r.Record, r.Relations.DistinctBy(x => (x.Type, x.TargetKey))));
        return [.. refs.Select(r => composed.GetValueOrDefault(r.Key))];
    }

    public async Task<JsonObject?> ByUidAsync(string uid, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var record = await db.Set<EntityRecord>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == uid, ct);
        return record is null ? null : (await ComposeAsync(db, [record], ct))[0];
    }

    /// <summary>Counts per value of each facet key among the filtered entities.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>> FacetsAsync(IReadOnlyList<string> facets, EntityFilter filter, CancellationToken ct = default) =>
        FacetsAsync(facets, filter, null, ct);

    /// <summary>The same with a filter predicate (<c>POST /entity-facets</c>), applied together with the filter.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>> FacetsAsync(
        IReadOnlyList<string> facets, EntityFilter filter, FilterPredicate? predicate, CancellationToken ct = default)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var facet in facets.Distinct())
        {
            result[facet] = await cache.GetOrAddAsync(CatalogCache.Key("facet", filter, facet, predicate?.Json), () => CountFacetAsync(facet.ToLowerInvariant(), filter, predicate, ct));
        }
        return result;
    }

    /// <summary>
    /// Backstage's facets: search rows of the key with a value of at most 200 characters, counted per original value
    /// (case kept), ordered by that value (ordinal, as Backstage's SQLite). Column-backed keys count their column and
    /// <c>relations.*</c> the relations of existing entities.
    /// </summary>
    private async Task<IReadOnlyList<FacetValue>> CountFacetAsync(string key, EntityFilter filter, FilterPredicate? predicate, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entities = PredicateTranslator.Apply(db, FilterTranslator.Apply(db, db.Set<EntityRecord>().AsNoTracking(), filter), predicate);
        IQueryable<string?> values;
        if (SearchIndexer.IsColumnKey(key))
        {
            values = key switch
            {
                "kind" => entities.Select(e => (string?)e.Kind),
                "metadata.name" => entities.Select(e => (string?)e.Name),
                "metadata.namespace" => entities.Select(e => (string?)e.Namespace),
                "spec.type" => entities.Select(e => e.Type),
                _ => entities.Select(e => e.Lifecycle),
            };
            values = values.Where(v => v != null && v.Length <= SearchIndexer.MaxValueLength);
        }
        else if (key.StartsWith("relations.", StringComparison.Ordinal))
        {
            var type = key["relations.".Length..];
            var sources = entities.Select(e => e.RefKey);
            values = db.Set<RelationRecord>().Where(r => r.Type.ToLower() == type && sources.Contains(r.SourceKey))
                .Select(r => new { r.SourceKey, r.TargetKey }).Distinct().Select(r => (string?)r.TargetKey);
        }
        else
        {
            var search = db.Set<SearchRecord>().Where(s => s.Key == key && s.OriginalValue != null);
            if (!filter.IsEmpty || predicate is not null)
            {
                var ids = entities.Select(e => e.Id);
                search = search.Where(s => ids.Contains(s.EntityId));
            }
            values = search.Select(s => s.OriginalValue);
        }
        var rows = await values.GroupBy(v => v!).Select(g => new { Value = g.Key, Count = g.Count() }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Value, StringComparer.Ordinal).Select(r => new FacetValue(r.Value, r.Count))];
    }

    /// <summary>The entity and the Location entities that led to it, root last, as Backstage's ancestry.</summary>
    public async Task<(string RootRef, IReadOnlyList<(JsonObject Entity, IReadOnlyList<string> Parents)> Items)?> AncestryAsync(EntityRef entityRef, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var items = new List<(JsonObject, IReadOnlyList<string>)>();
        var key = entityRef.Key;
        for (var depth = 0; key is not null && depth < 50; depth++)
        {
            var record = await db.Set<EntityRecord>().AsNoTracking().FirstOrDefaultAsync(e => e.RefKey == key, ct);
            if (record is null)
            {
                break;
            }
            EntityRef? parent = record.ParentRef is null ? null : EntityRef.Parse(record.ParentRef);
            items.Add(((await ComposeAsync(db, [record], ct))[0], parent is null ? [] : [parent.Value.ToString()]));
            key = parent?.Key;
        }
        return items.Count == 0 ? null : (entityRef.ToString(), items);
    }

    /// <summary>Which of these lowercase refs match the filter and the predicate (by-refs with a body <c>query</c>).</summary>
    public async Task<HashSet<string>> MatchingKeysAsync(IReadOnlyList<string> keys, EntityFilter filter, FilterPredicate? predicate, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var candidates = db.Set<EntityRecord>().AsNoTracking().Where(e => keys.Contains(e.RefKey));
        var matching = PredicateTranslator.Apply(db, FilterTranslator.Apply(db, candidates, filter), predicate);
        return [.. await matching.Select(e => e.RefKey).ToListAsync(ct)];
    }

    /// <summary>Which of these lowercase refs exist, to flag relations that point nowhere.</summary>
    public async Task<HashSet<string>> ExistingKeysAsync(IEnumerable<string> keys, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var list = keys.Distinct().ToList();
        return [.. await db.Set<EntityRecord>().AsNoTracking().Where(e => list.Contains(e.RefKey)).Select(e => e.RefKey).ToListAsync(ct)];
    }

    public async Task<bool> DeleteByUidAsync(string uid, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Set<EntityRecord>().AnyAsync(e => e.Id == uid, ct))
        {
            return false;
        }
        await CatalogIndexWriter.DeleteAsync(db, [uid], ct);
        changes.Notify();
        return true;
    }

    private static async Task<IReadOnlyList<JsonObject>> ComposeAsync(PortalDbContext db, IReadOnlyList<EntityRecord> records, CancellationToken ct)
    {
        var keys = records.Select(r => r.RefKey).ToList();
        var relations = (await db.Set<RelationRecord>().AsNoTracking().Where(r => keys.Contains(r.SourceKey)).ToListAsync(ct))
            .GroupBy(r => r.SourceKey).ToDictionary(g => g.Key, g => g.DistinctBy(r => (r.Type, r.TargetKey)).ToList());
        return [.. records.Select(r => EntityJson.Compose(r, relations.GetValueOrDefault(r.RefKey) ?? []))];
    }
}
