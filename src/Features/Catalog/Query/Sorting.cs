using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Storage;

namespace Fawkes.Portal.Features.Catalog.Query;

internal static class Sorting
{
    /// <summary>Orders by the given fields (columns for common ones, the search table otherwise), then by uid for stable paging.</summary>
    public static IQueryable<EntityRecord> Apply(PortalDbContext db, IQueryable<EntityRecord> query, IReadOnlyList<OrderField> order)
    {
        IOrderedQueryable<EntityRecord>? ordered = null;
        foreach (var field in order.DefaultIfEmpty(new OrderField("metadata.name", true)))
        {
            ordered = field.Field switch
            {
                "metadata.name" => By(query, ordered, e => e.NameKey, field.Ascending),
                "kind" => By(query, ordered, e => e.KindKey, field.Ascending),
                "metadata.namespace" => By(query, ordered, e => e.Namespace, field.Ascending),
                "metadata.title" => By(query, ordered, e => e.Title, field.Ascending),
                "spec.type" => By(query, ordered, e => e.TypeKey, field.Ascending),
                "spec.lifecycle" => By(query, ordered, e => e.LifecycleKey, field.Ascending),
                "spec.owner" => By(query, ordered, e => e.Owner, field.Ascending),
                "spec.system" => By(query, ordered, e => e.System, field.Ascending),
                _ => BySearch(db, query, ordered, field),
            };
        }
        return ordered!.ThenBy(e => e.Id);
    }

    private static IOrderedQueryable<EntityRecord> BySearch(PortalDbContext db, IQueryable<EntityRecord> query, IOrderedQueryable<EntityRecord>? ordered, OrderField field)
    {
        var search = db.Set<SearchRecord>();
        var key = field.Field;
        return By(query, ordered, e => search.Where(s => s.EntityId == e.Id && s.Key == key).Min(s => s.Value), field.Ascending);
    }

    private static IOrderedQueryable<EntityRecord> By<T>(IQueryable<EntityRecord> query, IOrderedQueryable<EntityRecord>? ordered,
        System.Linq.Expressions.Expression<Func<EntityRecord, T>> key, bool ascending) =>
        ordered is null
            ? ascending ? query.OrderBy(key) : query.OrderByDescending(key)
            : ascending ? ordered.ThenBy(key) : ordered.ThenByDescending(key);
}
