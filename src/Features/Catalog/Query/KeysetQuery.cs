using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Query;

public sealed record KeysetPage(IReadOnlyList<EntityRecord> Records, int TotalItems, QueryCursor? Next, QueryCursor? Prev);

/// <summary>
/// Backstage's <c>queryEntities</c> (DefaultEntitiesCatalog, plugin-catalog-backend 4.0.5): entities that have a value
/// for the order key (or all, ordered by uid), ordered by that value and then uid in the same direction; pages continue
/// after (or, going back, before) the order values of the last (first) row seen; the total is counted on the first page
/// only and carried in the cursors.
/// </summary>
internal static class KeysetQuery
{
    /// <param name="limit">Page size; null reads every match (GET /entities without paging).</param>
    /// <param name="offset">Rows to skip; honoured on a first page only, as Backstage does.</param>
    /// <param name="identityOnly">Read only id, ref, kind, namespace and name (other columns empty): for projections
    /// that <see cref="EntityJson.ColumnsSuffice"/>, which then need not fetch the stored JSON, most of a row.</param>
    public static async Task<KeysetPage> RunAsync(PortalDbContext db, CatalogCache cache, ByQuery query, QueryCursor? cursor,
        int? limit, int? offset, bool countTotal, CancellationToken ct, bool identityOnly = false)
    {
        var entities = PredicateTranslator.Apply(db, FilterTranslator.Apply(db, db.Set<EntityRecord>().AsNoTracking(), query.Filter), query.Predicate);
        var term = query.FullTextTerm;
        var sortKey = query.SortKey;
        var fields = query.FullTextFields;
        // With the order key as the only full-text field, Backstage matches the ordered value row itself.
        var inScope = term is not null && sortKey is not null && fields.Count == 1 && fields[0] == sortKey;
        var matched = term is null ? entities : FilterTranslator.FullTextIn(db, entities, term, fields);
        var isPrevious = cursor?.IsPrevious ?? false;
        var ascending = (query.Sort?.Ascending ?? true) != isPrevious;

        var wanted = limit is { } l ? (isPrevious ? l : l + 1) : (int?)null;
        List<(EntityRecord Entity, string? Value)> rows;
        if (limit == 0)
        {
            rows = [];
        }
        else if (sortKey is null)
        {
            var q = matched;
            if (cursor?.OrderFieldValues is [var afterId])
            {
                q = isPrevious ? q.Where(e => string.Compare(e.Id, afterId) < 0) : q.Where(e => string.Compare(e.Id, afterId) > 0);
            }
            q = ascending ? q.OrderBy(e => e.Id) : q.OrderByDescending(e => e.Id);
            q = cursor is null && offset is > 0 ? q.Skip(offset.Value) : q;
            q = wanted is { } w ? q.Take(w) : q;
            if (identityOnly)
            {
                q = q.Select(e => new EntityRecord { Id = e.Id, RefKey = e.RefKey, Kind = e.Kind, Namespace = e.Namespace, Name = e.Name, SearchText = "", Json = "", Etag = "", SourceHash = "" });
            }
            rows = [.. (await q.ToListAsync(ct)).Select(e => (e, (string?)null))];
        }
        else
        {
            var q = SortValues.Inner(db, inScope ? entities : matched, sortKey);
            if (inScope)
            {
                var pattern = FilterTranslator.LikePattern(term!);
                q = q.Where(r => EF.Functions.Like(r.Value!, pattern, "\\"));
            }
            if (cursor?.OrderFieldValues is [var value, var id])
            {
                q = ascending
                    ? q.Where(r => string.Compare(r.Value, value) > 0 || (r.Value == value && string.Compare(r.Entity.Id, id) > 0))
                    : q.Where(r => string.Compare(r.Value, value) < 0 || (r.Value == value && string.Compare(r.Entity.Id, id) < 0));
            }
            else if (cursor?.OrderFieldValues is [var afterId])
            {
                q = isPrevious ? q.Where(r => string.Compare(r.Entity.Id, afterId) < 0) : q.Where(r => string.Compare(r.Entity.Id, afterId) > 0);
            }
            q = ascending ? q.OrderBy(r => r.Value).ThenBy(r => r.Entity.Id) : q.OrderByDescending(r => r.Value).ThenByDescending(r => r.Entity.Id);
            q = cursor is null && offset is > 0 ? q.Skip(offset.Value) : q;
            q = wanted is { } w ? q.Take(w) : q;
            if (identityOnly)
            {
                q = q.Select(r => new SortRow
                {
                    Entity = new EntityRecord { Id = r.Entity.Id, RefKey = r.Entity.RefKey, Kind = r.Entity.Kind, Namespace = r.Entity.Namespace, Name = r.Entity.Name, SearchText = "", Json = "", Etag = "", SourceHash = "" },
                    Value = r.Value,
                });
            }
            rows = [.. (await q.ToListAsync(ct)).Select(r => (r.Entity, r.Value))];
        }

        int total;
        if (cursor is not null)
        {
            total = cursor.TotalItems;
        }
        else if (!countTotal)
        {
            total = 0;
        }
        else
        {
            var counted = sortKey is null ? matched.Select(e => e.Id) : SortValues.Inner(db, matched, sortKey).Select(r => r.Entity.Id).Distinct();
            total = await cache.GetOrAddAsync(CatalogCache.Key("by-query", query.Filter, sortKey, term, string.Join(',', fields), query.Predicate?.Json), () => counted.CountAsync(ct));
        }

        return Finish(query, cursor, limit, rows, total);
    }

    /// <summary>
    /// The page from the rows read (in read order: descending when going back, with one extra row when going forward
    /// and there may be more) and the total: the rows in page order, and the cursors to the next and previous pages.
    /// </summary>
    internal static KeysetPage Finish(ByQuery query, QueryCursor? cursor, int? limit, List<(EntityRecord Entity, string? Value)> rows, int total)
    {
        var sortKey = query.SortKey;
        var isPrevious = cursor?.IsPrevious ?? false;
        if (isPrevious)
        {
            rows.Reverse();
        }
        var hasMore = limit is > 0 && (isPrevious || rows.Count > limit);
        if (limit is { } max && rows.Count > max)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        string?[] Values((EntityRecord Entity, string? Value)? row) =>
            sortKey is null ? [row?.Entity.Id] : [row?.Value, row?.Entity.Id];
        var first = rows.Count > 0 ? rows[0] : ((EntityRecord, string?)?)null;
        var last = rows.Count > 0 ? rows[^1] : ((EntityRecord, string?)?)null;
        var firstValues = cursor?.FirstSortFieldValues ?? Values(first);
        var next = hasMore ? new QueryCursor(query, Values(last), firstValues, false, total) : null;
        var prev = cursor is not null && rows.Count > 0 && !Values(first).SequenceEqual(cursor.FirstSortFieldValues)
            ? new QueryCursor(query, Values(first), cursor.FirstSortFieldValues, true, total)
            : null;
        return new KeysetPage([.. rows.Select(r => r.Entity)], total, next, prev);
    }
}
