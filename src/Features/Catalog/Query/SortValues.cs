using System.Linq.Expressions;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Storage;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>An entity with one of its (lowercase) values for the key it is ordered by.</summary>
internal sealed class SortRow
{
    public required EntityRecord Entity { get; init; }
    public string? Value { get; init; }
}

/// <summary>
/// The values Backstage orders by: its search rows for a key (lowercase; one row per value, so an entity with several
/// values for the key appears once per value, as in Backstage's join). Column-backed keys read their lowercase
/// column and <c>relations.*</c> the relations table.
/// </summary>
internal static class SortValues
{
    /// <summary>One row per entity and non-null value of the key; entities without one are left out (by-query).</summary>
    public static IQueryable<SortRow> Inner(PortalDbContext db, IQueryable<EntityRecord> entities, string key)
    {
        switch (key)
        {
            case "metadata.name":
                return entities.Select(e => new SortRow { Entity = e, Value = e.NameKey });
            case "kind":
                return entities.Select(e => new SortRow { Entity = e, Value = e.KindKey });
            case "metadata.namespace":
                return entities.Select(e => new SortRow { Entity = e, Value = e.Namespace });
            case "spec.type":
                return entities.Where(e => e.TypeKey != null).Select(e => new SortRow { Entity = e, Value = e.TypeKey });
            case "spec.lifecycle":
                return entities.Where(e => e.LifecycleKey != null).Select(e => new SortRow { Entity = e, Value = e.LifecycleKey });
        }
        if (RelationType(key) is { } type)
        {
            return from e in entities
                   join r in Relations(db, type) on e.RefKey equals r.SourceKey
                   select new SortRow { Entity = e, Value = r.TargetKey };
        }
        return from e in entities
               join s in db.Set<SearchRecord>().Where(s => s.Key == key && s.Value != null) on e.Id equals s.EntityId
               select new SortRow { Entity = e, Value = s.Value };
    }

    /// <summary>As <see cref="Inner"/>, plus one row with a null value for each entity without a value (GET /entities).</summary>
    public static IQueryable<SortRow> Outer(PortalDbContext db, IQueryable<EntityRecord> entities, string key)
    {
        if (SearchIndexer.IsColumnKey(key))
        {
            return key switch
            {
                "spec.type" => entities.Select(e => new SortRow { Entity = e, Value = e.TypeKey }),
                "spec.lifecycle" => entities.Select(e => new SortRow { Entity = e, Value = e.LifecycleKey }),
                _ => Inner(db, entities, key),
            };
        }
        if (RelationType(key) is { } type)
        {
            return from e in entities
                   join r in Relations(db, type) on e.RefKey equals r.SourceKey into matches
                   from r in matches.DefaultIfEmpty()
                   select new SortRow { Entity = e, Value = r.TargetKey };
        }
        return from e in entities
               join s in db.Set<SearchRecord>().Where(s => s.Key == key && s.Value != null) on e.Id equals s.EntityId into matches
               from s in matches.DefaultIfEmpty()
               select new SortRow { Entity = e, Value = s.Value };
    }

    /// <summary>One value per entity (the least), null when it has none: for ordering by several keys at once.</summary>
    public static Expression<Func<EntityRecord, string?>> Least(PortalDbContext db, string key)
    {
        switch (key)
        {
            case "metadata.name":
                return e => e.NameKey;
            case "kind":
                return e => e.KindKey;
            case "metadata.namespace":
                return e => e.Namespace;
            case "spec.type":
                return e => e.TypeKey;
            case "spec.lifecycle":
                return e => e.LifecycleKey;
        }
        if (RelationType(key) is { } type)
        {
            var relations = Relations(db, type);
            return e => relations.Where(r => r.SourceKey == e.RefKey).Min(r => r.TargetKey);
        }
        var search = db.Set<SearchRecord>();
        return e => search.Where(s => s.EntityId == e.Id && s.Key == key).Min(s => s.Value);
    }

    /// <summary>Whether the key's values are never null, so ordering need not put missing values last.</summary>
    public static bool NeverMissing(string key) => key is "metadata.name" or "kind" or "metadata.namespace";

    private static string? RelationType(string key) => key.StartsWith("relations.", StringComparison.Ordinal) ? key["relations.".Length..] : null;

    /// <summary>Relations of one type, once per source and target (both ends may state the same relation).</summary>
    private static IQueryable<RelationKeys> Relations(PortalDbContext db, string type) =>
        db.Set<RelationRecord>().Where(r => r.Type.ToLower() == type)
            .Select(r => new RelationKeys { SourceKey = r.SourceKey, TargetKey = r.TargetKey }).Distinct();

    internal sealed class RelationKeys
    {
        public required string SourceKey { get; init; }
        public required string TargetKey { get; init; }
    }
}
